package uk.vruhub.aggregator.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import uk.vruhub.schemas.topics.CommittedRecords;

/**
 * Follows small topics of the hub's own (the feed receipts, the audit trail) from their beginning,
 * or from the last {@code tail} records of each partition: each call reads what was committed since
 * the last, up to the end offsets at the call's start, with a consumer assigned to every partition
 * (no consumer group, so nothing is committed and no group grant is needed). A record is read once:
 * when a value cannot be read (a registry blip, say) the call fails and every partition is put back
 * to its first record not yet handed on, so the next call retries it instead of skipping the rest
 * of the batch. Not thread-safe: callers serialise calls.
 *
 * @param <T> the values' type
 */
public final class TopicTail<T> implements AutoCloseable {

  private final Map<String, Object> consumerProperties;
  private final List<String> topics;
  private final Deserializer<T> values;
  private final Duration timeout;
  private final long tail;
  private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers;
  private Consumer<byte[], byte[]> consumer;

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
    this(consumerProperties, topics, values, timeout, 0);
  }

  /**
   * @param consumerProperties connection properties (group and client ids are dropped)
   * @param topics the topics followed
   * @param values how values are read; a value that cannot be read is an error
   * @param timeout longest wait for one call
   * @param tail when positive, each partition is read from its last {@code tail} offsets only (from
   *     {@code max(beginning, end - tail)}); 0 reads every partition from its beginning
   */
  public TopicTail(
      Map<String, ?> consumerProperties,
      List<String> topics,
      Deserializer<T> values,
      Duration timeout,
      long tail) {
    this(
        consumerProperties,
        topics,
        values,
        timeout,
        tail,
        props ->
            new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
  }

  TopicTail(
      Map<String, ?> consumerProperties,
      List<String> topics,
      Deserializer<T> values,
      Duration timeout,
      long tail,
      Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers) {
    if (tail < 0) {
      throw new IllegalArgumentException("tail must be 0 or more; got " + tail);
    }
    this.consumerProperties = new HashMap<>(consumerProperties);
    this.topics = List.copyOf(topics);
    this.values = values;
    this.timeout = timeout;
    this.tail = tail;
    this.consumers = consumers;
  }

  /**
   * Hands every committed record not read yet to {@code into}, with its timestamp in milliseconds;
   * tombstones are skipped.
   *
   * @throws IllegalStateException when the topics could not be read to their end within the timeout
   */
  public void readNew(BiConsumer<T, Long> into) {
    Consumer<byte[], byte[]> c = consumer();
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
      // poll has moved every partition past its records: on a failure each is put back to its
      // first record not handed on, else the rest of the batch would be lost until a restart.
      Map<TopicPartition, Long> next = new HashMap<>();
      for (TopicPartition tp : batch.partitions()) {
        next.put(tp, batch.records(tp).get(0).offset());
      }
      try {
        for (TopicPartition tp : batch.partitions()) {
          long end = ends.getOrDefault(tp, Long.MAX_VALUE);
          for (ConsumerRecord<byte[], byte[]> r : batch.records(tp)) {
            if (r.offset() >= end) {
              c.seek(tp, end);
              next.remove(tp);
              break;
            }
            if (r.value() != null) {
              T value = values.deserialize(tp.topic(), r.value());
              if (value != null) {
                into.accept(value, r.timestamp());
              }
            }
            next.put(tp, r.offset() + 1);
          }
          next.remove(tp);
        }
      } catch (RuntimeException e) {
        next.forEach(c::seek);
        throw e;
      }
    }
  }

  private Consumer<byte[], byte[]> consumer() {
    if (consumer == null) {
      Map<String, Object> props = CommittedRecords.grouplessReader(consumerProperties);
      Consumer<byte[], byte[]> made = consumers.apply(props);
      try {
        List<TopicPartition> partitions =
            topics.stream()
                .flatMap(t -> made.partitionsFor(t, timeout).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        made.assign(partitions);
        if (tail == 0) {
          made.seekToBeginning(partitions);
        } else {
          // read_committed: the end offset is the last stable offset, and transaction markers
          // take offsets too, so a partition may yield fewer than tail records.
          Map<TopicPartition, Long> beginnings = made.beginningOffsets(partitions, timeout);
          Map<TopicPartition, Long> ends = made.endOffsets(partitions, timeout);
          for (TopicPartition tp : partitions) {
            long beginning = beginnings.getOrDefault(tp, 0L);
            long end = ends.getOrDefault(tp, beginning);
            made.seek(tp, Math.max(beginning, end - tail));
          }
        }
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
