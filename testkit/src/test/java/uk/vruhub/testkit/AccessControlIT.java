package uk.vruhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.apply.GrantBindings;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.KafkaClientSecurity;

/**
 * Who may do what, tried for real on the embedded broker: every principal (an unauthenticated
 * client, a wrong password, each ingest service, the aggregator, the registry, each recipient)
 * attempts Read, Write and Describe on every topic of the catalogue, the registry's store and a
 * changelog of the aggregator, with real clients. The table it prints is asserted cell by cell
 * against the shipped policy's grants, and the cells the agreement turns on are asserted as
 * literals too, so a grant generated wrongly cannot pass by agreeing with itself. Then a narrower
 * policy is applied by the same job and a read that was allowed is shown refused.
 *
 * <p>A broker is the point: what is tested is what the authorizer decides. Allowed writes are
 * tombstones of a no-op key no test reads (the registry skips it too), so the other tests on the
 * shared broker are not disturbed.
 */
@HubIntegrationTest
class AccessControlIT {

  enum Op {
    READ,
    WRITE,
    DESCRIBE
  }

  private static final String ANONYMOUS = "(anonymous)";
  private static final String WRONG_PASSWORD = "(ingest-police, wrong password)";

  /** A changelog as the aggregator's Kafka Streams names it: application id, store, suffix. */
  private static final String CHANGELOG =
      AccessRules.AGGREGATOR_APPLICATION_ID + "-link-people-changelog";

  private static final String NO_OP_KEY = "{\"keytype\":\"NOOP\",\"magic\":0}";

  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(3);

  @Test
  void everyPrincipalGetsExactlyWhatThePolicyGrantsOnEveryTopic(
      HubEnvironment hub, @TempDir Path dir) throws Exception {
    Policy policy = hub.policy();
    createChangelogAsTheAggregator(hub);
    List<String> topics = new ArrayList<>();
    hub.topics().all().forEach(t -> topics.add(t.name()));
    topics.add(AccessRules.SCHEMAS_TOPIC);
    topics.add(CHANGELOG);

    List<String> principals = new ArrayList<>(List.of(ANONYMOUS, WRONG_PASSWORD));
    for (String agency : HubPrincipals.AGENCIES) {
      principals.add(HubPrincipals.ingest(agency));
    }
    principals.add(HubPrincipals.AGGREGATOR);
    principals.add(HubPrincipals.REGISTRY);
    for (Recipient r : policy.recipients()) {
      principals.add(user(r.principal()));
    }

    Set<AclBinding> granted = GrantBindings.of(AccessRules.grants(policy, hub.topics()));
    Map<String, Map<String, Map<Op, Boolean>>> actual = new LinkedHashMap<>();
    for (String principal : principals) {
      actual.put(principal, attempt(hub, principal, topics));
    }
    print(actual, topics);

    for (String principal : principals) {
      for (String topic : topics) {
        for (Op op : Op.values()) {
          boolean expected =
              !principal.startsWith("(") && allows(granted, "User:" + principal, topic, op);
          assertThat(actual.get(principal).get(topic).get(op))
              .as("%s %s %s", principal, op, topic)
              .isEqualTo(expected);
        }
      }
    }

    // The cells the agreement turns on, whatever the grants say.
    String police = name(hub, Ids.POLICE_CRIME_EVENTS);
    String health = name(hub, Ids.HEALTH_ED_ASSAULT_ATTENDANCES);
    String education = name(hub, Ids.EDUCATION_SCHOOL_EVENTS);
    String hotspots = name(hub, Ids.HOTSPOTS);
    String summary = name(hub, Ids.COHORT_SUMMARY);
    String profiles = name(hub, Ids.COHORT_PROFILES);
    for (String topic : topics) {
      assertThat(actual.get(ANONYMOUS).get(topic).values()).containsOnly(false);
      assertThat(actual.get(WRONG_PASSWORD).get(topic).values()).containsOnly(false);
    }
    for (String internal : List.of(police, health, education, CHANGELOG)) {
      assertThat(actual.get("vru-analyst").get(internal).get(Op.READ))
          .as("the analyst reads " + internal)
          .isFalse();
    }
    for (String levelOne : List.of("csp-partners", "strategic-board")) {
      assertThat(actual.get(levelOne).get(profiles).get(Op.READ))
          .as(levelOne + " reads the level 2 profiles")
          .isFalse();
    }
    Map<String, Map<Op, Boolean>> ingestPolice = actual.get("ingest-police");
    assertThat(ingestPolice.get(health).get(Op.WRITE)).isFalse();
    assertThat(ingestPolice.get(police).get(Op.WRITE)).isTrue();
    for (String other : List.of(health, education, hotspots, summary, profiles, CHANGELOG)) {
      assertThat(ingestPolice.get(other).get(Op.READ)).as("ingest-police reads " + other).isFalse();
    }
    assertThat(actual.get("vru-analyst").get(profiles).get(Op.READ)).isTrue();
    assertThat(actual.get("vru-analyst").get(hotspots).get(Op.READ)).isTrue();
    assertThat(actual.get("csp-partners").get(summary).get(Op.READ)).isTrue();
    assertThat(actual.get("strategic-board").get(hotspots).get(Op.READ)).isTrue();
    assertThat(actual.get("strategic-board").get(summary).get(Op.READ)).isFalse();
    assertThat(actual.get("vru-analyst").get(hotspots).get(Op.WRITE)).isFalse();
    assertThat(actual.get(HubPrincipals.AGGREGATOR).get(police).get(Op.READ)).isTrue();
    assertThat(actual.get(HubPrincipals.AGGREGATOR).get(police).get(Op.WRITE)).isFalse();

    // A narrower agreement: csp-partners no longer receives the hotspots. The job runs again and
    // the read it had a moment ago is refused.
    assertThat(read(hub, "csp-partners", hotspots)).isTrue();
    Path narrowed = dir.resolve("narrowed.yaml");
    String shipped = Files.readString(HubEnvironment.shippedPolicyFile(), StandardCharsets.UTF_8);
    String from = "    topics: [hotspots, cohort-summary]\n";
    assertThat(shipped).contains(from);
    Files.writeString(
        narrowed, shipped.replace(from, "    topics: [cohort-summary]\n"), StandardCharsets.UTF_8);
    try {
      List<String> changes = new ArrayList<>();
      hub.applyPolicy(Policy.load(narrowed, hub.topics()))
          .changes()
          .forEach(c -> changes.add(c.text()));
      System.out.println("Narrowed policy applied: " + changes);
      assertThat(changes)
          .contains(
              "revoked User:csp-partners Read topic:" + hotspots,
              "revoked User:csp-partners Describe topic:" + hotspots);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(read(hub, "csp-partners", hotspots)).isFalse());
      System.out.println("csp-partners READ " + hotspots + ": allowed before, denied after");
      assertThat(read(hub, "csp-partners", summary)).as("what it still receives").isTrue();
    } finally {
      hub.createTopics();
    }
  }

  @Test
  void theTopicsCarryThePolicysRetention(HubEnvironment hub) throws Exception {
    Policy policy = hub.policy();
    Map<String, String> expected = new LinkedHashMap<>();
    for (TopicSpec topic : hub.topics().all()) {
      try {
        expected.put(topic.name(), Long.toString(policy.retention(topic.id()).toMillis()));
      } catch (java.util.NoSuchElementException e) {
        // No retention in the agreement: the topic keeps the spec's own configuration.
      }
    }
    assertThat(expected).isNotEmpty();
    try (Admin admin = hub.admin()) {
      List<ConfigResource> resources =
          expected.keySet().stream()
              .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
              .toList();
      Map<String, String> actual = new LinkedHashMap<>();
      admin
          .describeConfigs(resources)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((r, c) -> actual.put(r.name(), c.get("retention.ms").value()));
      assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }
  }

  private static String name(HubEnvironment hub, String id) {
    return hub.topics().byId(id).name();
  }

  private static String user(String principal) {
    return principal.substring(principal.indexOf(':') + 1);
  }

  /** Kafka Streams creates its changelogs as the aggregator, which its grants allow. */
  private static void createChangelogAsTheAggregator(HubEnvironment hub) throws Exception {
    try (Admin admin = Admin.create(hub.clientProperties(HubPrincipals.AGGREGATOR))) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(CHANGELOG)) {
        admin
            .createTopics(
                List.of(
                    new NewTopic(CHANGELOG, 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact"))))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Whether the bindings let the principal do this; Read and Write imply Describe, as in Kafka. */
  private static boolean allows(Set<AclBinding> granted, String principal, String topic, Op op) {
    for (AclBinding b : granted) {
      if (!b.entry().principal().equals(principal)
          || b.pattern().resourceType() != ResourceType.TOPIC) {
        continue;
      }
      boolean matches =
          b.pattern().patternType() == PatternType.PREFIXED
              ? topic.startsWith(b.pattern().name())
              : topic.equals(b.pattern().name());
      if (!matches) {
        continue;
      }
      AclOperation granted_ = b.entry().operation();
      boolean ok =
          switch (op) {
            case READ -> granted_ == AclOperation.READ || granted_ == AclOperation.ALL;
            case WRITE -> granted_ == AclOperation.WRITE || granted_ == AclOperation.ALL;
            case DESCRIBE ->
                Set.of(
                        AclOperation.DESCRIBE,
                        AclOperation.READ,
                        AclOperation.WRITE,
                        AclOperation.DELETE,
                        AclOperation.ALTER,
                        AclOperation.ALL)
                    .contains(granted_);
          };
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /** The client settings of a row of the table. */
  private static Map<String, Object> login(HubEnvironment hub, String principal) {
    Map<String, Object> props = new HashMap<>();
    switch (principal) {
      case ANONYMOUS -> {
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers());
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
      }
      case WRONG_PASSWORD -> {
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, hub.bootstrapServers());
        props.putAll(
            KafkaClientSecurity.saslPlaintext(HubPrincipals.ingest("police"), "not-its-password")
                .properties());
      }
      default -> props.putAll(hub.clientProperties(principal));
    }
    // A refusal is an answer; a client that cannot connect at all gives up quickly too.
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REFUSED_WITHIN.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REFUSED_WITHIN.toMillis());
    return props;
  }

  private static Map<String, Map<Op, Boolean>> attempt(
      HubEnvironment hub, String principal, List<String> topics) {
    Map<String, Map<Op, Boolean>> out = new LinkedHashMap<>();
    for (String topic : topics) {
      Map<Op, Boolean> ops = new LinkedHashMap<>();
      ops.put(Op.READ, read(hub, principal, topic));
      ops.put(Op.WRITE, write(hub, principal, topic));
      ops.put(Op.DESCRIBE, describe(hub, principal, topic));
      out.put(topic, ops);
    }
    return out;
  }

  private static boolean describe(HubEnvironment hub, String principal, String topic) {
    try (Admin admin = Admin.create(login(hub, principal))) {
      admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Fetches from the start of partition 0: a refused fetch (or metadata request) fails the poll; an
   * allowed one returns, with records or none. No group: only the topic's Read is at stake.
   */
  private static boolean read(HubEnvironment hub, String principal, String topic) {
    Map<String, Object> props = login(hub, principal);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      boolean answered = false;
      while (System.nanoTime() < deadline) {
        if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
          return true;
        }
        // The position is known once the broker answered the offset request; fetches follow.
        answered = answered || consumer.position(partition, REFUSED_WITHIN) >= 0;
      }
      return answered;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * A tombstone of a key no test reads: allowed only with Write on the topic. The key is
   * Confluent's no-op record, which a registry replaying {@code _schemas} skips.
   */
  private static boolean write(HubEnvironment hub, String principal, String topic) {
    Map<String, Object> props = login(hub, principal);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.ACKS_CONFIG, "1");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REFUSED_WITHIN.toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) REFUSED_WITHIN.toMillis() * 2);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.RETRIES_CONFIG, 0);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(topic, 0, NO_OP_KEY.getBytes(StandardCharsets.UTF_8), null))
          .get(10, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static void print(Map<String, Map<String, Map<Op, Boolean>>> table, List<String> topics) {
    int width = topics.stream().mapToInt(String::length).max().orElse(10);
    StringBuilder out = new StringBuilder("\nAccess on the embedded broker (R W D = read, write,");
    out.append(" describe; + allowed, - denied)\n");
    out.append(String.format("%-34s", "principal"));
    for (String topic : topics) {
      out.append(' ').append(String.format("%-5s", abbreviate(topic)));
    }
    out.append('\n');
    for (var row : table.entrySet()) {
      out.append(String.format("%-34s", row.getKey()));
      for (String topic : topics) {
        Map<Op, Boolean> ops = row.getValue().get(topic);
        out.append(' ')
            .append(
                String.format(
                    "%-5s",
                    mark(ops, Op.READ, 'R')
                        + mark(ops, Op.WRITE, 'W')
                        + mark(ops, Op.DESCRIBE, 'D')));
      }
      out.append('\n');
    }
    out.append("columns:\n");
    for (String topic : topics) {
      out.append(String.format("  %-5s %-" + width + "s%n", abbreviate(topic), topic));
    }
    System.out.println(out);
  }

  private static String mark(Map<Op, Boolean> ops, Op op, char letter) {
    return ops.get(op) ? String.valueOf(letter) : "-";
  }

  /** A short column label: the first letters of the topic's name parts. */
  private static String abbreviate(String topic) {
    StringBuilder out = new StringBuilder();
    for (String part : topic.split("[.\\-_]")) {
      if (!part.isEmpty() && out.length() < 5 && !part.matches("v\\d+")) {
        out.append(part.charAt(0));
      }
    }
    return out.toString();
  }
}
