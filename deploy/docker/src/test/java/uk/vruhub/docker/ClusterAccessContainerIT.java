package uk.vruhub.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.docker.AccessTable.Cell;
import uk.vruhub.docker.AccessTable.Operation;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.apply.ApplyResult;
import uk.vruhub.policy.apply.ClusterPolicy;
import uk.vruhub.policy.apply.GrantBindings;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.KafkaClientSecurity;
import uk.vruhub.testkit.containers.ContainerTest;
import uk.vruhub.testkit.containers.KafkaNodes;

/**
 * The ISA on the wire, on the three-broker cluster of the hub's Kafka image (SASL_SSL on every
 * listener, certificates from a CA made for the test, StandardAuthorizer, no access where no ACL
 * grants it): clients without credentials, with a wrong password or without the CA get nothing; the
 * policy is applied by the topic job's code as {@code hub-admin}; then every principal the policy
 * knows really tries to Read, Write and Describe every topic, and the table of what happened must
 * equal, cell by cell, what the policy's grants say. A narrowed policy, applied again, takes away
 * the read it no longer grants.
 */
@ContainerTest
class ClusterAccessContainerIT {

  private static final Path POLICY = Path.of(Services.POLICY);

  /** A changelog of the aggregator's linkage, named as Kafka Streams names it. */
  private static final String LINKAGE_CHANGELOG = "vru-aggregator-link-people-changelog";

  private static final String SCHEMAS = "_schemas";
  private static final String ANALYST = "User:vru-analyst";
  private static final String POLICE = HubPrincipals.user(HubPrincipals.ingest("police"));

  @Test
  void everyPrincipalGetsWhatThePolicyGrantsAndANarrowedPolicyTakesAccessAway(@TempDir Path dir)
      throws Exception {
    TopicCatalogue catalogue = TopicCatalogue.load();
    Policy policy = Policy.load(POLICY, catalogue);
    List<String> principals = principals(policy);
    List<String> topics = new ArrayList<>(catalogue.all().stream().map(TopicSpec::name).toList());
    topics.add(LINKAGE_CHANGELOG);
    topics.add(SCHEMAS);

    try (KafkaNodes cluster = KafkaNodes.start(3)) {
      refusesClientsThatAreNotAPrincipal(cluster);

      cluster.ensureUsers(principals.stream().map(ClusterAccessContainerIT::userOf).toList());
      apply(cluster, policy, catalogue);
      createTopics(cluster, List.of(LINKAGE_CHANGELOG, SCHEMAS));
      AccessTable.seed(cluster.adminProperties(), topics);

      Map<Cell, Boolean> expected =
          AccessTable.expected(bindings(policy, catalogue), principals, topics);
      Map<Cell, Boolean> measured = measureUntilInLine(cluster, expected, principals, topics);
      System.out.println("Access on the three-broker cluster (SASL_SSL, StandardAuthorizer):");
      AccessTable.format(measured).forEach(line -> System.out.println("  " + line));
      assertThat(measured).as("every cell as the policy grants").isEqualTo(expected);

      // What the issue names, said on its own so that a policy that drifted cannot hide it.
      for (String topic : topics) {
        boolean agencyOrChangelog =
            topic.startsWith("police.")
                || topic.startsWith("health.")
                || topic.startsWith("education.")
                || topic.equals(LINKAGE_CHANGELOG);
        if (agencyOrChangelog) {
          assertThat(measured.get(new Cell(ANALYST, topic, Operation.READ)))
              .as("the analyst reads %s", topic)
              .isFalse();
        }
        if (!topic.startsWith("police.")) {
          assertThat(measured.get(new Cell(POLICE, topic, Operation.READ)))
              .as("the police service reads %s", topic)
              .isFalse();
        }
      }
      String profiles = catalogue.byId(TopicCatalogue.Ids.COHORT_PROFILES).name();
      String hotspots = catalogue.byId(TopicCatalogue.Ids.HOTSPOTS).name();
      for (String level1 : List.of("User:csp-partners", "User:strategic-board")) {
        assertThat(measured.get(new Cell(level1, profiles, Operation.READ)))
            .as("%s reads the level 2 profiles", level1)
            .isFalse();
        assertThat(measured.get(new Cell(level1, hotspots, Operation.READ)))
            .as("%s reads the hotspots the policy gives it", level1)
            .isTrue();
      }
      String health = catalogue.byId(TopicCatalogue.Ids.HEALTH_ED_ASSAULT_ATTENDANCES).name();
      assertThat(measured.get(new Cell(POLICE, health, Operation.WRITE)))
          .as("the police service writes the health topic")
          .isFalse();
      assertThat(measured.get(new Cell(ANALYST, profiles, Operation.READ)))
          .as("the analyst reads the profiles the policy gives it")
          .isTrue();

      // Narrowed: the strategic board no longer receives the hotspots.
      Path narrowed = dir.resolve("narrowed-isa.yaml");
      Files.writeString(narrowed, withoutHotspotsForTheBoard(), StandardCharsets.UTF_8);
      Policy narrower = Policy.load(narrowed, catalogue);
      List<String> revoked = apply(cluster, narrower, catalogue);
      assertThat(revoked)
          .as("the job says what it took away")
          .anyMatch(line -> line.contains("User:strategic-board") && line.contains(hotspots));
      List<String> board = List.of("User:strategic-board");
      Map<Cell, Boolean> boardExpected =
          AccessTable.expected(bindings(narrower, catalogue), board, topics);
      Map<Cell, Boolean> boardMeasured = measureUntilInLine(cluster, boardExpected, board, topics);
      System.out.println("After the narrowed policy was applied:");
      AccessTable.format(boardMeasured).forEach(line -> System.out.println("  " + line));
      assertThat(boardMeasured).isEqualTo(boardExpected);
      assertThat(boardMeasured.get(new Cell("User:strategic-board", hotspots, Operation.READ)))
          .as("the read the narrowed policy no longer grants")
          .isFalse();
    }
  }

  /** No credentials, TLS without SASL, a wrong password, or not trusting the CA: nothing. */
  private static void refusesClientsThatAreNotAPrincipal(KafkaNodes cluster) {
    Map<String, Object> anonymous =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            cluster.bootstrapServers(),
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            "PLAINTEXT");
    assertThatThrownBy(() -> clusterId(anonymous))
        .as("an anonymous PLAINTEXT client is refused")
        .isInstanceOf(ExecutionException.class);
    System.out.println("Refused: an anonymous PLAINTEXT client (no answer on a TLS listener)");

    Map<String, Object> tlsOnly = new HashMap<>(anonymous);
    tlsOnly.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
    tlsOnly.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
    tlsOnly.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, cluster.caFile().toString());
    assertThatThrownBy(() -> clusterId(tlsOnly))
        .as("a TLS client that does not authenticate is refused")
        .isInstanceOf(ExecutionException.class);
    System.out.println("Refused: a TLS client trusting the CA but without SASL");

    KafkaClientSecurity admin = cluster.security(HubPrincipals.ADMIN);
    Map<String, Object> wrongPassword =
        admin
            .as(HubPrincipals.ADMIN, "not-" + cluster.secrets().password(HubPrincipals.ADMIN))
            .applyTo(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    assertThatThrownBy(() -> clusterId(wrongPassword))
        .as("hub-admin with a wrong password is refused")
        .hasCauseInstanceOf(SaslAuthenticationException.class);
    System.out.println("Refused: hub-admin with a wrong password (SaslAuthenticationException)");

    Map<String, Object> untrusted =
        KafkaClientSecurity.saslSsl(
                HubPrincipals.ADMIN, cluster.secrets().password(HubPrincipals.ADMIN), null)
            .applyTo(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    assertThatThrownBy(() -> clusterId(untrusted))
        .as("a client that does not trust the hub's CA does not talk to it")
        .hasCauseInstanceOf(SslAuthenticationException.class);
    System.out.println("Refused: a client not trusting the hub's CA (SslAuthenticationException)");
  }

  private static String clusterId(Map<String, Object> client) throws Exception {
    Map<String, Object> props = new HashMap<>(client);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (Admin admin = Admin.create(props)) {
      return admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
    }
  }

  /** The topic job's code, as hub-admin; returns its lines after printing them. */
  private static List<String> apply(KafkaNodes cluster, Policy policy, TopicCatalogue catalogue) {
    ApplyResult result =
        ClusterPolicy.apply(
            cluster.adminProperties(),
            policy,
            catalogue,
            new ClusterPolicy.Options((short) 3, true));
    System.out.println(
        "policy apply (" + policy.identity().id() + " " + policy.identity().version() + "):");
    result.lines().forEach(line -> System.out.println("  " + line));
    assertThat(result.refusals()).as("the job refused").isEmpty();
    return result.lines();
  }

  private static void createTopics(KafkaNodes cluster, List<String> names) throws Exception {
    try (Admin admin = Admin.create(cluster.adminProperties())) {
      admin
          .createTopics(
              names.stream()
                  .map(
                      n ->
                          new NewTopic(n, 1, (short) 3)
                              .configs(Map.of("cleanup.policy", "compact")))
                  .toList())
          .all()
          .get(1, TimeUnit.MINUTES);
    }
  }

  /**
   * Measures every cell, then measures again those that differ from what is expected until they
   * agree or a minute has passed: ACLs reach each broker through the metadata log, so a broker may
   * answer from the state before the job for a moment.
   */
  private static Map<Cell, Boolean> measureUntilInLine(
      KafkaNodes cluster, Map<Cell, Boolean> expected, List<String> principals, List<String> topics)
      throws InterruptedException {
    Map<Cell, Boolean> measured =
        new LinkedHashMap<>(
            AccessTable.measure(p -> cluster.clientProperties(userOf(p)), principals, topics));
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!measured.equals(expected) && System.nanoTime() < deadline) {
      for (Map.Entry<Cell, Boolean> e : expected.entrySet()) {
        Cell cell = e.getKey();
        if (!e.getValue().equals(measured.get(cell))) {
          Map<String, Object> props = cluster.clientProperties(userOf(cell.principal()));
          measured.put(
              cell,
              switch (cell.operation()) {
                case READ -> AccessTable.canRead(props, cell.topic());
                case WRITE -> AccessTable.canWrite(props, cell.topic());
                case DESCRIBE -> AccessTable.canDescribe(props, cell.topic());
              });
        }
      }
    }
    return measured;
  }

  private static Set<AclBinding> bindings(Policy policy, TopicCatalogue catalogue) {
    return GrantBindings.of(AccessRules.grants(policy, catalogue));
  }

  /** The hub's services (not the super users) and every recipient the policy names. */
  private static List<String> principals(Policy policy) {
    return Stream.concat(
            HubPrincipals.components().stream()
                .filter(c -> !c.equals(HubPrincipals.ADMIN))
                .map(HubPrincipals::user),
            policy.recipients().stream().map(Recipient::principal))
        .toList();
  }

  private static String userOf(String principal) {
    if (!principal.startsWith("User:")) {
      throw new IllegalArgumentException("Not a user principal: " + principal);
    }
    return principal.substring("User:".length());
  }

  private static String withoutHotspotsForTheBoard() throws Exception {
    String yaml = Files.readString(POLICY, StandardCharsets.UTF_8);
    String board = "  - id: strategic-board\n";
    int at = yaml.indexOf(board);
    int line = yaml.indexOf("    topics: [hotspots]\n", at);
    assertThat(at).as("the policy names the strategic board").isNotNegative();
    assertThat(line).as("the board receives exactly the hotspots").isGreaterThan(at);
    return yaml.substring(0, line)
        + "    topics: []\n"
        + yaml.substring(line + "    topics: [hotspots]\n".length());
  }
}
