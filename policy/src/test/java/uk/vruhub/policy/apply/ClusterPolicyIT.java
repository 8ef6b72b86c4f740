package uk.vruhub.policy.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.cli.PolicyCli;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * {@code policy apply} against Apache Kafka's own broker (KRaft, in this JVM) running the {@code
 * StandardAuthorizer}, as the hub's clusters do. A broker is needed because what matters is what a
 * real one makes of the requests: the bindings and topic configs it reports back afterwards, and
 * its answer when it has no authorizer. The test's clients connect over PLAINTEXT as {@code
 * User:ANONYMOUS}, a super user; that the bindings stop other principals is for a test with SASL
 * principals. Kafka applies changes through its metadata log, so reads back wait for them.
 */
class ClusterPolicyIT {

  private static final long DAY_MS = 86_400_000L;
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** One node's internal topics, and no topic unless asked for. */
  private static final Map<String, String> SINGLE_NODE =
      Map.of(
          "offsets.topic.replication.factor", "1",
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "auto.create.topics.enable", "false");

  private static EmbeddedKafkaKraftBroker secured;

  private final TopicCatalogue catalogue = TopicCatalogue.load();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startBrokerWithAuthorizer() {
    Map<String, String> properties = new HashMap<>(SINGLE_NODE);
    properties.put(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    properties.put("super.users", "User:ANONYMOUS");
    properties.put("allow.everyone.if.no.acl.found", "false");
    secured = start(properties);
  }

  @AfterAll
  static void stopBroker() {
    secured.destroy();
  }

  private static EmbeddedKafkaKraftBroker start(Map<String, String> properties) {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(properties);
    broker.afterPropertiesSet();
    return broker;
  }

  private static Admin admin(EmbeddedKafkaKraftBroker broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
  }

  /** Runs {@code policy apply} as an operator would, with fresh output. */
  private int apply(EmbeddedKafkaKraftBroker broker, Path policy, String... more) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> args =
        new ArrayList<>(
            List.of(
                "apply", policy.toString(), "--bootstrap-servers", broker.getBrokersAsString()));
    args.addAll(List.of(more));
    return PolicyCli.run(
        args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private List<String> printed() {
    return out.toString().lines().toList();
  }

  private Set<AclBinding> granted(Policy policy) {
    return GrantBindings.of(AccessRules.grants(policy, catalogue));
  }

  private static Set<AclBinding> acls(Admin admin) throws Exception {
    return new HashSet<>(
        admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
  }

  private static Map<String, ConfigEntry> config(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Map<String, ConfigEntry> entries = new HashMap<>();
    admin
        .describeConfigs(List.of(resource))
        .all()
        .get(30, TimeUnit.SECONDS)
        .get(resource)
        .entries()
        .forEach(e -> entries.put(e.name(), e));
    return entries;
  }

  private String retention(Admin admin, String topicId) throws Exception {
    return config(admin, catalogue.byId(topicId).name()).get("retention.ms").value();
  }

  private static AclBinding allowRead(String principal, String topic) {
    return new AclBinding(
        new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
        new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW));
  }

  @Test
  void appliesThePolicyThenChangesNothingThenFollowsANarrowerPolicy(@TempDir Path dir)
      throws Exception {
    Policy shipped = Fixtures.shipped();
    String crimes = catalogue.byId(TopicCatalogue.Ids.POLICE_CRIME_EVENTS).name();
    AclBinding foreign = allowRead("User:crm", "crm.cases");
    AclBinding intruder = allowRead("User:someone", "hub.cohort-profiles.v1");
    Path clientProperties = dir.resolve("admin.properties");
    Files.writeString(
        clientProperties,
        "security.protocol=PLAINTEXT\nssl.key.password=test-only-never-printed-4711\n",
        StandardCharsets.UTF_8);
    Path users = dir.resolve("kafka-users");
    Files.createDirectories(users);
    Files.writeString(users.resolve("ingest-police"), "police-never-printed-1234\n");
    Files.writeString(users.resolve("vru-analyst"), "analyst-never-printed-5678");
    Files.writeString(users.resolve(".hidden"), "not a user");

    try (Admin admin = admin(secured)) {
      // A cluster that already has one hub topic, made by hand: too few partitions, a week's
      // retention, and an operator's own setting; plus an unrelated binding and an intruder's.
      admin
          .createTopics(
              List.of(
                  new NewTopic(crimes, 1, (short) 1)
                      .configs(Map.of("retention.ms", "604800000", "segment.bytes", "1048576"))))
          .all()
          .get(30, TimeUnit.SECONDS);
      admin.createAcls(List.of(foreign, intruder)).all().get(30, TimeUnit.SECONDS);
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  acls(admin).containsAll(List.of(foreign, intruder))
                      && admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(crimes));

      // First run: everything the policy says, and only that.
      assertThat(
              apply(
                  secured,
                  Fixtures.SHIPPED,
                  "--command-config",
                  clientProperties.toString(),
                  "--kafka-users",
                  users.toString(),
                  "--require-acls"))
          .as(err.toString())
          .isZero();
      assertThat(printed())
          .contains(
              "created topic hub.cohort-profiles.v1 (3 partitions, replication factor 1;"
                  + " cleanup.policy=compact,delete, retention.ms=34128000000)",
              "increased partitions of police.crime-events.v1 from 1 to 3 (keys written before"
                  + " may now hash to another partition)",
              "set cleanup.policy=compact,delete on police.crime-events.v1 (was delete, the"
                  + " broker's default)",
              "set retention.ms=94608000000 on police.crime-events.v1 (was 604800000)",
              "granted User:vru-analyst Read topic:hub.cohort-profiles.v1",
              "granted User:aggregator Create topic:vru-aggregator*",
              "set SCRAM credential of User:ingest-police",
              "set SCRAM credential of User:vru-analyst",
              "revoked User:someone Read topic:hub.cohort-profiles.v1")
          .last()
          .asString()
          .startsWith("Applied ")
          .contains("9 topics created", granted(shipped).size() + " ACL bindings granted");
      assertThat(out.toString() + err.toString())
          .doesNotContain("test-only-never-printed")
          .doesNotContain("never-printed-")
          .doesNotContain(".hidden");
      assertThat(
              admin
                  .describeUserScramCredentials(List.of("ingest-police", "vru-analyst"))
                  .all()
                  .get(30, TimeUnit.SECONDS))
          .allSatisfy(
              (user, description) ->
                  assertThat(description.credentialInfos())
                      .extracting(i -> i.mechanism())
                      .containsExactly(ScramMechanism.SCRAM_SHA_512));
      assertThat(err.toString()).isEmpty();

      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () -> {
                Set<AclBinding> expected = new HashSet<>(granted(shipped));
                expected.add(foreign);
                assertThat(acls(admin)).isEqualTo(expected);
              });
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () -> {
                assertThat(retention(admin, TopicCatalogue.Ids.POLICE_CRIME_EVENTS))
                    .isEqualTo(
                        Long.toString(shipped.retention("police-crime-events").toDays() * DAY_MS));
                assertThat(retention(admin, TopicCatalogue.Ids.HOTSPOTS))
                    .isEqualTo(Long.toString(shipped.retention("hotspots").toDays() * DAY_MS));
                assertThat(retention(admin, TopicCatalogue.Ids.COHORT_PROFILES))
                    .isEqualTo(
                        Long.toString(shipped.retention("cohort-profiles").toDays() * DAY_MS));
                Map<String, ConfigEntry> crimeConfig = config(admin, crimes);
                assertThat(crimeConfig.get("cleanup.policy").value()).isEqualTo("compact,delete");
                assertThat(crimeConfig.get("segment.bytes").value())
                    .as("an operator's own override stays")
                    .isEqualTo("1048576");
                assertThat(
                        admin
                            .describeTopics(List.of(crimes))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(crimes)
                            .partitions())
                    .hasSize(3);
              });

      // Second run: nothing to do, and it says only that.
      assertThat(apply(secured, Fixtures.SHIPPED)).isZero();
      assertThat(out.toString()).isEqualTo("No changes." + System.lineSeparator());
      assertThat(err.toString()).isEmpty();

      // A narrower policy: one recipient loses a topic, one topic keeps data for less long.
      Path narrowed = dir.resolve("narrowed.yaml");
      Files.writeString(
          narrowed,
          Fixtures.replacing("    topics: [hotspots, cohort-summary]\n", "    topics: [hotspots]\n")
              .replace("  cohort-profiles: 395d\n", "  cohort-profiles: 365d\n"),
          StandardCharsets.UTF_8);
      Policy narrower = Policy.load(narrowed);

      assertThat(apply(secured, narrowed)).as(err.toString()).isZero();
      assertThat(printed())
          .containsExactly(
              "set retention.ms=31536000000 on hub.cohort-profiles.v1 (was 34128000000)",
              "revoked User:csp-partners Describe topic:hub.cohort-summary.v1",
              "revoked User:csp-partners Read topic:hub.cohort-summary.v1",
              "Applied 3 changes: 1 topic config set, 2 ACL bindings revoked.");
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () -> {
                Set<AclBinding> expected = new HashSet<>(granted(narrower));
                expected.add(foreign);
                assertThat(acls(admin)).isEqualTo(expected);
                assertThat(retention(admin, TopicCatalogue.Ids.COHORT_PROFILES))
                    .isEqualTo(Long.toString(365 * DAY_MS));
              });
    }
  }

  @Test
  void aClusterWithoutAnAuthorizerIsToldLoudly(@TempDir Path dir) throws Exception {
    EmbeddedKafkaKraftBroker open = start(SINGLE_NODE);
    try (Admin admin = admin(open)) {
      String unenforced =
          granted(Fixtures.shipped()).size()
              + " ACL bindings the policy implies are NOT enforced: the cluster has no authorizer";

      assertThat(apply(open, Fixtures.SHIPPED, "--require-acls")).isEqualTo(1);
      assertThat(err.toString())
          .startsWith("REFUSED: " + unenforced)
          .contains("Nothing was changed");
      assertThat(out.toString()).isEqualTo("No changes." + System.lineSeparator());
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .doesNotContain("hub.hotspots.v1");

      assertThat(apply(open, Fixtures.SHIPPED)).isZero();
      assertThat(err.toString()).startsWith("WARNING: " + unenforced);
      assertThat(printed())
          .contains(
              "created topic hub.hotspots.v1 (3 partitions, replication factor 1;"
                  + " cleanup.policy=compact,delete, retention.ms=157680000000)")
          .noneMatch(line -> line.startsWith("granted "));
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(retention(admin, TopicCatalogue.Ids.HOTSPOTS))
                      .isEqualTo(Long.toString(1825 * DAY_MS)));
    } finally {
      open.destroy();
    }
  }
}
