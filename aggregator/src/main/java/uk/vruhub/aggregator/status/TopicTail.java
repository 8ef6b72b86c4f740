package uk.vruhub.aggregator.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Follows small topics of the hub's own (the feed receipts, the audit trail) from their beginning:
 * each call reads what was committed since the last, up to the end offsets at the call's start,
 * with a consumer assigned to every partition (no consumer group, so nothing is committed and no
 * group grant is needed). Not thread-safe: callers serialise calls.
 *
 * @param <T> the values' type
 */
public final class TopicTail<T> implements AutoCloseable {

  private final Map<String, Object> consumerProperties;
  private final List<String> topics;
  private final Deserializer<T> values;
  private final Duration timeout;
  private KafkaConsumer<byte[], byte[]> consumer;

  /**
   * @param consumerProperties connection properties (group and client ids are dropped)
   * @param topics the topics followed
   * @param values how values are read; a value that cannot be read is an error
   * @param timeout longest wait for one call
   */
  public TopicTail(
      Map<String, ?> consumerProperties,
      List<String> topics,
      Deserializer<T> values,
      Duration timeout) {
    this.consumerProperties = new HashMap<>(consumerProperties);
    this.topics = List.copyOf(topics);
    this.values = values;
    this.timeout = timeout;
  }

  /**
   * Hands every committed record not read yet to {@code into}, with its timestamp in milliseconds;
   * tombstones are skipped.
   *
   * @throws IllegalStateException when the topics could not be read to their end within the timeout
   */
  public void readNew(BiConsumer<T, Long> into) {
    KafkaConsumer<byte[], byte[]> c = consumer();
    Map<TopicPartition, Long> ends = c.endOffsets(c.assignment(), timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ends.entrySet().stream().anyMatch(e -> c.position(e.getKey(), timeout) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The topics "
                + topics
                + " could not be read to their end within "
                + timeout.toMillis()
                + " ms");
      }
      ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(100));
      for (TopicPartition tp : batch.partitions()) {
        long end = ends.getOrDefault(tp, Long.MAX_VALUE);
        for (ConsumerRecord<byte[], byte[]> r : batch.records(tp)) {
          if (r.offset() >= end) {
            c.seek(tp, end);
            break;
          }
          if (r.value() != null) {
            T value = values.deserialize(tp.topic(), r.value());
            if (value != null) {
              into.accept(value, r.timestamp());
            }
          }
        }
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    if (consumer == null) {
      Map<String, Object> props = new HashMap<>(consumerProperties);
      props.remove(ConsumerConfig.GROUP_ID_CONFIG);
      props.remove(ConsumerConfig.CLIENT_ID_CONFIG);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      KafkaConsumer<byte[], byte[]> made =
          new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      try {
        List<TopicPartition> partitions =
            topics.stream()
                .flatMap(t -> made.partitionsFor(t, timeout).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        made.assign(partitions);
        made.seekToBeginning(partitions);
      } catch (RuntimeException e) {
        made.close();
        throw e;
      }
      consumer = made;
    }
    return consumer;
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close();
    }
  }
}
