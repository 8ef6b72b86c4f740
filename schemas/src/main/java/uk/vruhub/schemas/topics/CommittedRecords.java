package uk.vruhub.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every committed record on a topic, as a {@code read_committed} consumer sees it: reads from the
 * beginning until each partition's end offset as it stood when called.
 */
public final class CommittedRecords {

  private CommittedRecords() {}

  /** The records, in a list: for topics that fit in memory, from a broker that needs no login. */
  public static <K, V> List<ConsumerRecord<K, V>> read(
      String bootstrapServers,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      Duration timeout) {
    return read(bootstrap(bootstrapServers), topic, keys, values, timeout);
  }

  /**
   * The records, in a list: for topics that fit in memory.
   *
   * @param clientProperties bootstrap servers and security (security.protocol, sasl.*, ssl.*) of
   *     the principal reading; group and isolation are set here
   */
  public static <K, V> List<ConsumerRecord<K, V>> read(
      Map<String, ?> clientProperties,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      Duration timeout) {
    List<ConsumerRecord<K, V>> out = new ArrayList<>();
    forEach(clientProperties, topic, keys, values, timeout, out::add);
    return out;
  }

  /**
   * The properties of a reader outside any consumer group: the client's own properties without its
   * group and client id (several readers in one JVM), reading committed records only, never
   * committing offsets, from the earliest offset where it has no position.
   */
  public static Map<String, Object> grouplessReader(Map<String, ?> clientProperties) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.CLIENT_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  /** As {@link #forEach(Map, String, Deserializer, Deserializer, Duration, Consumer)}, no login. */
  public static <K, V> void forEach(
      String bootstrapServers,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      Duration timeout,
      Consumer<ConsumerRecord<K, V>> action) {
    forEach(bootstrap(bootstrapServers), topic, keys, values, timeout, action);
  }

  private static Map<String, Object> bootstrap(String bootstrapServers) {
    return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
  }

  /**
   * Hands each record to {@code action} as it is read, holding none: for topics of any size. The
   * consumer is assigned every partition and commits nothing, so it needs Read on the topic and no
   * consumer group.
   */
  public static <K, V> void forEach(
      Map<String, ?> clientProperties,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      Duration timeout,
      Consumer<ConsumerRecord<K, V>> action) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long read = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Timed out reading " + topic + " after " + read + " records");
        }
        for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
          action.accept(record);
          read++;
        }
      }
    }
  }
}
