package uk.vruhub.aggregator.status;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import uk.vruhub.aggregator.status.AggregatorStatus.Feed;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.schemas.registry.SchemaRegistry;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.topics.CommittedRecords;

/**
 * The newest published feed of each agency, from the feed-receipt topics, read exactly to given
 * offsets: the status reads the receipts' end offsets before it reads the group's, so every receipt
 * below them belongs to a feed the aggregator has consumed once the group is caught up. Receipts
 * are one per feed, so the topics stay small; each call reads only what is new. Not thread-safe:
 * the status monitor serialises calls.
 */
final class LatestFeeds implements AutoCloseable {

  private static final Comparator<FeedReceipt> NEWEST =
      Comparator.comparing(FeedReceipt::getExtractDate).thenComparing(FeedReceipt::getCompletedAt);

  private final Map<String, Object> consumerProperties;
  private final AvroDeserializer<FeedReceipt> receipts;
  private final Duration timeout;
  private final Map<Agency, FeedReceipt> newest = new EnumMap<>(Agency.class);
  private KafkaConsumer<byte[], byte[]> consumer;

  LatestFeeds(Map<String, ?> consumerProperties, SchemaRegistry registry, Duration timeout) {
    this.consumerProperties = new HashMap<>(consumerProperties);
    this.receipts = new AvroDeserializer<>(registry, FeedReceipt.class);
    this.timeout = timeout;
  }

  /**
   * Reads every committed receipt below {@code ends} not read yet, and answers the newest published
   * feed of each agency among all read so far.
   *
   * @throws IllegalStateException when the receipts could not be read that far within the timeout
   */
  List<Feed> readTo(Map<TopicPartition, Long> ends) {
    KafkaConsumer<byte[], byte[]> c = consumer(ends.keySet());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ends.entrySet().stream().anyMatch(e -> c.position(e.getKey(), timeout) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The feed receipts could not be read to their end within "
                + timeout.toMillis()
                + " ms");
      }
      ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(100));
      for (TopicPartition tp : batch.partitions()) {
        // Records past the end asked for are left for the next call.
        long end = ends.get(tp);
        for (ConsumerRecord<byte[], byte[]> r : batch.records(tp)) {
          if (r.offset() >= end) {
            c.seek(tp, end);
            break;
          }
          accept(tp.topic(), r.value());
        }
      }
    }
    return newest.values().stream()
        .map(
            r ->
                new Feed(
                    r.getAgency().name(), r.getFeedId(), r.getExtractDate(), r.getCompletedAt()))
        .toList();
  }

  private void accept(String topic, byte[] value) {
    FeedReceipt receipt = receipts.deserialize(topic, value);
    if (receipt == null || receipt.getOutcome() != FeedOutcome.PUBLISHED) {
      return;
    }
    newest.merge(
        receipt.getAgency(), receipt, (was, now) -> NEWEST.compare(now, was) > 0 ? now : was);
  }

  private KafkaConsumer<byte[], byte[]> consumer(Set<TopicPartition> partitions) {
    if (consumer == null) {
      Map<String, Object> props = CommittedRecords.grouplessReader(consumerProperties);
      consumer =
          new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    if (!consumer.assignment().equals(partitions)) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      newest.clear();
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
