package uk.vruhub.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  /** The records, in a list: for topics that fit in memory. */
  public static <K, V> List<ConsumerRecord<K, V>> read(
      String bootstrapServers,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      Duration timeout) {
    List<ConsumerRecord<K, V>> out = new ArrayList<>();
    forEach(bootstrapServers, topic, keys, values, timeout, out::add);
    return out;
  }

  /** Hands each record to {@code action} as it is read, holding none: for topics of any size. */
  public static <K, V> void forEach(
      String bootstrapServers,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      Duration timeout,
      Consumer<ConsumerRecord<K, V>> action) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
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
