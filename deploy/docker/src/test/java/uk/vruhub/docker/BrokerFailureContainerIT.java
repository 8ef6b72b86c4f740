package uk.vruhub.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.apply.ApplyResult;
import uk.vruhub.policy.apply.ClusterPolicy;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.registry.RegistryServer;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.testkit.LargeFeeds;
import uk.vruhub.testkit.TestSecrets;
import uk.vruhub.testkit.containers.ContainerTest;
import uk.vruhub.testkit.containers.Docker;
import uk.vruhub.testkit.containers.KafkaNodes;

/**
 * Brokers fail in the middle of a large police feed, for real: containers killed with SIGKILL,
 * started again, or frozen with {@code docker pause}. The police service runs in this JVM against
 * them. Every test prints what it did and its counts, and holds the feed to all-or-nothing: every
 * accepted row on the topic exactly once, or nothing at all and a resend that completes.
 */
@ContainerTest
class BrokerFailureContainerIT {

  private static final int ROWS = 150_000;
  private static final LocalDate EXTRACT = LocalDate.of(2026, 3, 31);
  private static final String EVENTS = TopicCatalogue.load().byId(Ids.POLICE_CRIME_EVENTS).name();

  @Test
  void threeBrokersOneKilledMidFeedTheFeedCompletesWithEveryRowOnce(@TempDir Path dir)
      throws Exception {
    // The service's own producer timeouts: the feed waits out the cluster's failover.
    try (KafkaNodes cluster = KafkaNodes.start(3);
        Hub hub = Hub.on(cluster, (short) 3, dir, Map.of())) {
      String feedId = hub.send(LargeFeeds.write(dir.resolve("feed.csv"), ROWS, "K"));
      hub.awaitRowsRead(feedId, 30_000);
      Docker.kill(cluster.node(2));

      JsonNode status = hub.awaitFinished(feedId, Duration.ofMinutes(4));
      assertThat(status.path("state").asString())
          .as("the feed completes on the two brokers left: %s", status.path("message"))
          .isEqualTo("PUBLISHED");
      Services.Committed seen = hub.awaitCommitted(feedId, ROWS);
      report("3 brokers, broker 2 SIGKILLed mid-feed", status, seen);
      assertThat(seen.records()).isEqualTo(ROWS);
      assertThat(seen.duplicates()).isZero();
    }
  }

  @Test
  void oneBrokerKilledAndRestartedMidFeedTheFeedIsAllOrNothing(@TempDir Path dir) throws Exception {
    try (KafkaNodes cluster = KafkaNodes.start(1);
        Hub hub = Hub.on(cluster, (short) 1, dir, Services.FAIL_FAST_PRODUCER)) {
      Path feed = LargeFeeds.write(dir.resolve("feed.csv"), ROWS, "R");
      String feedId = hub.send(feed);
      hub.awaitRowsRead(feedId, 30_000);
      Docker.kill(cluster.node(1));
      Thread.sleep(2_000);
      Docker.startAgain(cluster.node(1));
      cluster.awaitBrokers(1, Duration.ofMinutes(2));

      JsonNode status = hub.awaitFinished(feedId, Duration.ofMinutes(4));
      assertAllOrNothing(hub, feed, feedId, status, "1 broker, SIGKILLed and restarted mid-feed");
    }
  }

  @Test
  void oneBrokerPausedMidFeedTheServiceTimesOutClearlyAndRecovers(@TempDir Path dir)
      throws Exception {
    try (KafkaNodes cluster = KafkaNodes.start(1);
        Hub hub = Hub.on(cluster, (short) 1, dir, Services.FAIL_FAST_PRODUCER)) {
      Path feed = LargeFeeds.write(dir.resolve("feed.csv"), ROWS, "P");
      String feedId = hub.send(feed);
      hub.awaitRowsRead(feedId, 30_000);
      Docker.pause(cluster.node(1));
      JsonNode status;
      try {
        status = hub.awaitFinished(feedId, Duration.ofMinutes(3));
      } finally {
        Docker.unpause(cluster.node(1));
      }
      assertThat(status.path("state").asString())
          .as("a broker that stops answering fails the feed: %s", status)
          .isEqualTo("FAILED");
      assertThat(status.path("message").asString())
          .contains("nothing was published")
          .contains("timed out waiting for Kafka");
      System.out.println("Paused broker: the service said: " + status.path("message").asString());
      cluster.awaitBrokers(1, Duration.ofMinutes(1));
      assertAllOrNothing(hub, feed, feedId, status, "1 broker, paused mid-feed then unpaused");
    }
  }

  /** PUBLISHED with every row once, or FAILED with nothing visible and a resend that publishes. */
  private static void assertAllOrNothing(
      Hub hub, Path feed, String feedId, JsonNode status, String what) throws Exception {
    String state = status.path("state").asString();
    assertThat(state).as("%s", status).isIn("PUBLISHED", "FAILED");
    if (state.equals("FAILED")) {
      assertThat(status.path("message").asString()).contains("nothing was published");
      Services.Committed none = hub.committed(feedId);
      System.out.printf("%s: first attempt FAILED, %d of its rows visible%n", what, none.records());
      assertThat(none.records()).as("nothing of a failed feed is visible").isZero();
      String again = hub.send(feed);
      assertThat(again).isEqualTo(feedId);
      status = hub.awaitFinished(feedId, Duration.ofMinutes(4));
      assertThat(status.path("state").asString()).as("%s", status).isEqualTo("PUBLISHED");
    }
    Services.Committed seen = hub.awaitCommitted(feedId, ROWS);
    report(what + (state.equals("FAILED") ? ", resent" : ""), status, seen);
    assertThat(seen.records()).isEqualTo(ROWS);
    assertThat(seen.duplicates()).isZero();
  }

  private static void report(String what, JsonNode status, Services.Committed seen) {
    System.out.printf(
        "%s: sent %d, acknowledged (published) %d, on the topic %d, duplicates %d, lost %d%n",
        what,
        ROWS,
        status.path("recordsPublished").asLong(),
        seen.records(),
        seen.duplicates(),
        Math.max(0, ROWS - seen.distinctKeys()));
  }

  /**
   * The police service and a registry in this JVM, on the containers' cluster, both serving HTTPS
   * with certificates from a test CA; the registry with the test users, the police service as its
   * registry user.
   */
  private record Hub(
      KafkaNodes cluster,
      TestSecrets secrets,
      RegistryServer registry,
      ConfigurableApplicationContext police)
      implements AutoCloseable {

    static Hub on(KafkaNodes cluster, short replicas, Path dir, Map<String, String> producer)
        throws Exception {
      // The topic job's work, as hub-admin: every hub user, the topics and the policy's ACLs.
      TopicCatalogue catalogue = TopicCatalogue.load();
      Policy policy = Policy.load(Path.of(Services.POLICY), catalogue);
      cluster.ensureUsers(
          AccessRules.kafkaUsers(policy).stream()
              .filter(u -> !u.equals(HubPrincipals.ADMIN))
              .toList());
      ApplyResult applied =
          ClusterPolicy.apply(
              cluster.adminProperties(),
              policy,
              catalogue,
              new ClusterPolicy.Options(replicas, true));
      assertThat(applied.refusals()).isEmpty();
      awaitAclsOf(cluster, HubPrincipals.REGISTRY);
      Map<String, Object> registryProperties = new LinkedHashMap<>();
      registryProperties.put("registry.kafka.replication-factor", Short.toString(replicas));
      registryProperties.put("registry.kafka.timeout", "30s");
      for (String arg : cluster.secrets().serviceArguments(HubPrincipals.REGISTRY)) {
        int eq = arg.indexOf('=');
        registryProperties.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
      TestSecrets secrets = TestSecrets.create();
      registryProperties.putAll(secrets.serverTlsProperties());
      registryProperties.put("registry.auth.users-file", secrets.registryUsersFile().toString());
      RegistryServer registry =
          RegistryServer.start(cluster.bootstrapServers(), 0, registryProperties);
      Path secret = dir.resolve("linkage.secret");
      Files.writeString(secret, Services.LINKAGE_SECRET);
      return new Hub(
          cluster,
          secrets,
          registry,
          Services.policeInProcess(
              cluster.secrets(),
              secrets,
              cluster.bootstrapServers(),
              registry.url(),
              secret,
              producer));
    }

    /**
     * Waits until the brokers' authorizer answers with {@code user}'s ACLs: the policy's bindings
     * are committed by the controller and reach each broker's authorizer a moment later, so a
     * client starting at once (the registry creating {@code _schemas}) could still be refused.
     */
    private static void awaitAclsOf(KafkaNodes cluster, String user) {
      AclBindingFilter filter =
          new AclBindingFilter(
              ResourcePatternFilter.ANY,
              new AccessControlEntryFilter(
                  HubPrincipals.user(user), null, AclOperation.ANY, AclPermissionType.ANY));
      try (Admin admin = Admin.create(cluster.adminProperties())) {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> !admin.describeAcls(filter).values().get().isEmpty());
      }
    }

    int port() {
      return Services.port(police);
    }

    Intake intake() {
      return new Intake(secrets.httpClient(), Services.AGENCY_TOKEN);
    }

    JsonNode awaitFinished(String feedId, Duration timeout) {
      return intake().awaitFinished(port(), feedId, timeout);
    }

    String send(Path feed) throws Exception {
      return intake().send(port(), feed, EXTRACT).path("feedId").asString();
    }

    void awaitRowsRead(String feedId, long rows) {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> intake().status(port(), feedId).path("rowsRead").asLong() > rows);
    }

    Services.Committed committed(String feedId) {
      return Services.committedOf(
          cluster.adminProperties(),
          AvroSerdeConfig.of(registry.url(), false)
              .withBasicAuth(secrets.registryUserInfo(TestSecrets.TESTKIT))
              .withTrustStore(secrets.caFile()),
          EVENTS,
          feedId);
    }

    /** Commit markers land just after the commit returns: waits until the whole feed is seen. */
    Services.Committed awaitCommitted(String feedId, long rows) {
      Services.Committed[] last = {null};
      try {
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> {
                  last[0] = committed(feedId);
                  return last[0].records() >= rows;
                });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        // report what was seen; the caller's assertions say what is wrong
      }
      return last[0];
    }

    @Override
    public void close() {
      try {
        police.close();
      } finally {
        registry.close();
      }
    }
  }
}
