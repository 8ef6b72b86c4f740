package uk.vruhub.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Who may Read, Write and Describe which topic: what the policy's grants say ({@link #expected}),
 * and what a cluster does when each principal really tries ({@link #measure}), printed side by
 * side. It needs only client properties per principal, so it runs against any secured cluster.
 *
 * <p>The probes are real clients: Read is a consumer without a group (so no group ACL is involved)
 * that must get back the one record put on partition 0 beforehand; Write is a plain producer (not
 * idempotent, so no cluster ACL is involved) whose record must be acknowledged; Describe is the
 * Admin client's {@code describeTopics}. Anything else than the record or the acknowledgement
 * counts as denied only when it is Kafka's authorization error; any other failure fails the probe.
 */
final class AccessTable {

  /** The operations the table shows. */
  enum Operation {
    READ(AclOperation.READ),
    WRITE(AclOperation.WRITE),
    DESCRIBE(AclOperation.DESCRIBE);

    final AclOperation acl;

    Operation(AclOperation acl) {
      this.acl = acl;
    }
  }

  /** One cell: a principal's operation on a topic. */
  record Cell(String principal, String topic, Operation operation) {}

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

  private AccessTable() {}

  /**
   * What the bindings allow, by Kafka's rules: a binding of the operation or of {@code All} on a
   * literal, wildcard or prefixed pattern that matches the topic; Read, Write, Delete and Alter
   * each imply Describe. (No DENY binding comes from a policy.)
   */
  static Map<Cell, Boolean> expected(
      Set<AclBinding> bindings, Collection<String> principals, Collection<String> topics) {
    Map<Cell, Boolean> out = new LinkedHashMap<>();
    for (String principal : principals) {
      for (String topic : topics) {
        ResourcePatternFilter matching =
            new ResourcePatternFilter(ResourceType.TOPIC, topic, PatternType.MATCH);
        Set<AclOperation> held = EnumSet.noneOf(AclOperation.class);
        for (AclBinding b : bindings) {
          if (b.entry().permissionType() == AclPermissionType.ALLOW
              && (b.entry().principal().equals(principal) || b.entry().principal().equals("User:*"))
              && matching.matches(b.pattern())) {
            held.add(b.entry().operation());
          }
        }
        for (Operation op : Operation.values()) {
          out.put(new Cell(principal, topic, op), allows(held, op.acl));
        }
      }
    }
    return out;
  }

  private static boolean allows(Set<AclOperation> held, AclOperation wanted) {
    if (held.contains(AclOperation.ALL) || held.contains(wanted)) {
      return true;
    }
    return wanted == AclOperation.DESCRIBE
        && (held.contains(AclOperation.READ)
            || held.contains(AclOperation.WRITE)
            || held.contains(AclOperation.DELETE)
            || held.contains(AclOperation.ALTER));
  }

  /**
   * Puts one record on partition 0 of each topic (as a super user), so that a Read that is allowed
   * has something to show for it.
   */
  static void seed(Map<String, Object> superUser, Collection<String> topics) throws Exception {
    Map<String, Object> props = new HashMap<>(superUser);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String topic : topics) {
        producer
            .send(new ProducerRecord<>(topic, 0, "seed".getBytes(), "seed".getBytes()))
            .get(1, TimeUnit.MINUTES);
      }
    }
  }

  /** Tries every cell with the principal's own client settings ({@code User:x} -> properties). */
  static Map<Cell, Boolean> measure(
      Function<String, Map<String, Object>> clientProperties,
      Collection<String> principals,
      Collection<String> topics)
      throws InterruptedException {
    Map<Cell, Boolean> out = new LinkedHashMap<>();
    for (String principal : principals) {
      Map<String, Object> props = clientProperties.apply(principal);
      for (String topic : topics) {
        out.put(new Cell(principal, topic, Operation.DESCRIBE), canDescribe(props, topic));
        out.put(new Cell(principal, topic, Operation.READ), canRead(props, topic));
        out.put(new Cell(principal, topic, Operation.WRITE), canWrite(props, topic));
      }
    }
    return out;
  }

  static boolean canDescribe(Map<String, Object> client, String topic) throws InterruptedException {
    Map<String, Object> props = new HashMap<>(client);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(props)) {
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      return denied(e.getCause(), "Describe", topic);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Describe of " + topic + " neither allowed nor denied", e);
    }
  }

  static boolean canRead(Map<String, Object> client, String topic) {
    Map<String, Object> props = new HashMap<>(client);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          return true;
        }
      }
      throw new IllegalStateException(
          "Read of " + topic + " neither returned the seeded record nor was denied");
    } catch (AuthorizationException e) {
      return false;
    }
  }

  static boolean canWrite(Map<String, Object> client, String topic) throws InterruptedException {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(topic, 0, "probe".getBytes(), "probe".getBytes()))
          .get(PROBE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      return denied(e.getCause(), "Write", topic);
    } catch (AuthorizationException e) {
      return false;
    } catch (TimeoutException e) {
      throw new IllegalStateException("Write to " + topic + " neither allowed nor denied", e);
    }
  }

  private static boolean denied(Throwable cause, String what, String topic) {
    if (cause instanceof AuthorizationException) {
      return false;
    }
    throw new IllegalStateException(what + " of " + topic + " failed otherwise: " + cause, cause);
  }

  /** The table: one line per principal and topic, each operation allowed or denied. */
  static List<String> format(Map<Cell, Boolean> cells) {
    Map<List<String>, Map<Operation, Boolean>> rows = new LinkedHashMap<>();
    cells.forEach(
        (cell, allowed) ->
            rows.computeIfAbsent(List.of(cell.principal(), cell.topic()), k -> new HashMap<>())
                .put(cell.operation(), allowed));
    int p = rows.keySet().stream().mapToInt(k -> k.get(0).length()).max().orElse(9);
    int t = rows.keySet().stream().mapToInt(k -> k.get(1).length()).max().orElse(5);
    String pattern = "%-" + p + "s  %-" + t + "s  %-8s %-8s %-8s";
    List<String> out = new ArrayList<>();
    out.add(String.format(pattern, "principal", "topic", "Read", "Write", "Describe"));
    rows.forEach(
        (key, ops) ->
            out.add(
                String.format(
                    pattern,
                    key.get(0),
                    key.get(1),
                    word(ops.get(Operation.READ)),
                    word(ops.get(Operation.WRITE)),
                    word(ops.get(Operation.DESCRIBE)))));
    return out;
  }

  private static String word(Boolean allowed) {
    return allowed == null ? "-" : allowed ? "allowed" : "denied";
  }
}
