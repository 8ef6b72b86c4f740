package uk.vruhub.ingest.core.feed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;

/**
 * Which feeds this agency has already published, known from its receipts topic (compacted, keyed by
 * feed id): read to the end before the service accepts feeds, then followed, so a restarted service
 * or a second instance still recognises a file sent twice.
 */
public final class FeedLedger implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FeedLedger.class);

  private final Map<String, FeedReceipt> receipts = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, FeedReceipt> consumer;
  private final String topic;
  private final AtomicBoolean running = new AtomicBoolean();
  private Thread follower;

  public FeedLedger(
      Map<String, Object> consumerProperties,
      String topic,
      Deserializer<FeedReceipt> deserializer) {
    Map<String, Object> props = new java.util.HashMap<>(consumerProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer);
    this.topic = topic;
  }

  /** Reads the receipts topic to its end, then keeps following it in the background. */
  public void start(Duration timeout) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, timeout).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Timed out reading the feed ledger from " + topic);
      }
      consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
    }
    log.info("Feed ledger: {} feeds known from {}", receipts.size(), topic);
    running.set(true);
    follower = new Thread(this::follow, "feed-ledger-" + topic);
    follower.setDaemon(true);
    follower.start();
  }

  private void follow() {
    try {
      while (running.get()) {
        consumer.poll(Duration.ofSeconds(1)).forEach(this::apply);
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("Feed ledger stopped following {}: {}", topic, e.toString());
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void apply(ConsumerRecord<String, FeedReceipt> record) {
    if (record.value() == null) {
      receipts.remove(record.key());
    } else {
      receipts.merge(
          record.key(),
          record.value(),
          (old, now) -> old.getOutcome() == FeedOutcome.PUBLISHED ? old : now);
    }
  }

  /** Records a receipt this service just committed, before the follower sees it. */
  public void record(FeedReceipt receipt) {
    receipts.merge(
        receipt.getFeedId(),
        receipt,
        (old, now) -> old.getOutcome() == FeedOutcome.PUBLISHED ? old : now);
  }

  /** Whether the feed has been published: sending it again would be a duplicate. */
  public boolean published(String feedId) {
    FeedReceipt r = receipts.get(feedId);
    return r != null && r.getOutcome() == FeedOutcome.PUBLISHED;
  }

  public Optional<FeedReceipt> receipt(String feedId) {
    return Optional.ofNullable(receipts.get(feedId));
  }

  /** Every receipt known, in no particular order. */
  public java.util.Collection<FeedReceipt> receipts() {
    return java.util.List.copyOf(receipts.values());
  }

  @Override
  public void close() {
    running.set(false);
    if (follower != null) {
      consumer.wakeup();
      try {
        follower.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }
}
