package uk.vruhub.local.quality;

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

/** Reads a topic from its beginning to the end offsets as they stand when called. */
final class TopicBytes {

  private TopicBytes() {}

  /**
   * Reads a hub topic's committed records from its beginning, keys and values decoded with the
   * topic's Avro serdes.
   */
  static void readCommittedAvro(
      Map<String, Object> kafka,
      uk.vruhub.schemas.topics.TopicSpec topic,
      uk.vruhub.schemas.serde.AvroSerdeConfig serde,
      Consumer<ConsumerRecord<Object, Object>> each) {
    readAll(
        kafka,
        topic.name(),
        uk.vruhub.schemas.serde.AvroSerdes.<Object>keySerde(topic, serde).deserializer(),
        uk.vruhub.schemas.serde.AvroSerdes.<Object>valueSerde(topic, serde).deserializer(),
        true,
        each);
  }

  static <K, V> void readAll(
      Map<String, Object> kafka,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      boolean committedOnly,
      Consumer<ConsumerRecord<K, V>> each) {
    // Assigned, never committed: no consumer group.
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        committedOnly ? "read_committed" : "read_uncommitted");
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Timed out reading " + topic);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }
}
