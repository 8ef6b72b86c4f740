package uk.vruhub.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far a consumer group (a Kafka Streams application) is behind on its topics: for every
 * partition, the group's committed offset against the partition's {@code read_committed} end offset
 * (the last stable offset). The aggregator's status, the benchmarks and anything else that must
 * know whether the outputs are complete read it here, through {@link Reader}.
 *
 * <p>Lag counts offsets, not records: a transaction's commit marker takes an offset of its own, and
 * so do the records of an aborted transaction. Kafka Streams commits the offset after the marker
 * when it has read it, so a group that has read everything has no lag. It does not when what
 * follows its last record holds no record it would deliver (an aborted feed, or a marker the
 * consumer had not yet reached when it committed): it processes nothing, so commits nothing new.
 * The {@link Reader} therefore reads such a gap itself, with a {@code read_committed} consumer, and
 * a gap that delivers nothing is {@linkplain Partition#settled() settled}: not lag.
 *
 * @param partitions every partition of the topics asked about, by topic and partition
 */
public record ConsumerGroupLag(List<Partition> partitions) {

  /**
   * One partition.
   *
   * @param topic the topic
   * @param partition the partition
   * @param committed the group's committed offset; null when it has committed none
   * @param start the log start offset (where a group without a committed offset begins)
   * @param end the {@code read_committed} end offset
   * @param settled true when what lies between the committed offset and the end holds no record a
   *     {@code read_committed} consumer delivers (transaction markers, aborted records)
   */
  public record Partition(
      String topic, int partition, Long committed, long start, long end, boolean settled) {

    /**
     * Offsets between where the group stands and the end; 0 when settled. A group without a
     * committed offset stands at the log start, so an empty log is no lag but a partition it has
     * never committed on with records in it is. A committed offset past the end (a topic deleted
     * and made again) counts as no lag: the group will reset, and has nothing to read until then.
     */
    public long lag() {
      if (settled) {
        return 0;
      }
      long from = committed == null ? start : Math.max(committed, start);
      return Math.max(0, end - from);
    }

    /** Where reading the gap would begin. */
    long from() {
      return committed == null ? start : Math.max(committed, start);
    }

    TopicPartition topicPartition() {
      return new TopicPartition(topic, partition);
    }
  }

  public ConsumerGroupLag {
    partitions = List.copyOf(partitions);
  }

  /**
   * The lag of each partition of {@code ends}, from offsets read elsewhere: a pure function.
   *
   * @param starts log start offsets; a partition missing here starts at 0
   * @param ends {@code read_committed} end offsets: the partitions that count
   * @param committed the group's committed offsets; a partition missing here has none
   */
  public static ConsumerGroupLag of(
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> ends,
      Map<TopicPartition, Long> committed) {
    List<Partition> out = new ArrayList<>(ends.size());
    ends.forEach(
        (tp, end) ->
            out.add(
                new Partition(
                    tp.topic(),
                    tp.partition(),
                    committed.get(tp),
                    starts.getOrDefault(tp, 0L),
                    end,
                    false)));
    out.sort(Comparator.comparing(Partition::topic).thenComparingInt(Partition::partition));
    return new ConsumerGroupLag(out);
  }

  /** The same, with the given partitions' gaps known to hold no record a consumer delivers. */
  public ConsumerGroupLag settle(Set<TopicPartition> settled) {
    return new ConsumerGroupLag(
        partitions.stream()
            .map(
                p ->
                    settled.contains(p.topicPartition()) && !p.settled()
                        ? new Partition(
                            p.topic(), p.partition(), p.committed(), p.start(), p.end(), true)
                        : p)
            .toList());
  }

  /** Offsets behind, over every partition. */
  public long total() {
    return partitions.stream().mapToLong(Partition::lag).sum();
  }

  /** True when no partition lags: everything committed to the topics has been consumed. */
  public boolean caughtUp() {
    return total() == 0;
  }

  /** The partitions that lag. */
  public List<Partition> lagging() {
    return partitions.stream().filter(p -> p.lag() > 0).toList();
  }

  /**
   * The internal topics Kafka Streams consumes for an application: its repartition topics, named
   * {@code <application.id>-<name>-repartition} (the rule Kafka's own application reset tool uses
   * to find them). Changelogs are not consumed while processing, so they are not lag.
   */
  public static boolean isRepartitionTopic(String applicationId, String topic) {
    return topic.startsWith(applicationId + "-") && topic.endsWith("-repartition");
  }

  /**
   * Reads a group's lag from the cluster: committed offsets with the Admin API, then the end
   * offsets, with {@link IsolationLevel#READ_COMMITTED}. Committed offsets are read first, so that
   * a group found caught up had, at the moment its offsets were read, consumed everything then
   * committed to the topics, repartition topics included (reading the ends first would let a
   * transaction that commits between the two reads write to a repartition topic after its end was
   * read). Not thread-safe: it owns one consumer for reading gaps; callers serialise.
   */
  public static final class Reader implements AutoCloseable {

    /** Small fetches: a gap is read to its first record, usually in the first fetch. */
    private static final int GAP_FETCH_BYTES = 64 * 1024;

    private final Admin admin;
    private final Map<String, Object> consumerProperties;
    private final Duration timeout;
    private final Map<TopicPartition, long[]> settledGaps = new HashMap<>();
    private KafkaConsumer<byte[], byte[]> gaps;

    /**
     * @param admin the Admin client to ask; the caller closes it
     * @param consumerProperties connection properties for the consumer that reads gaps (bootstrap
     *     servers, security); group, isolation and deserializers are set here
     * @param timeout longest wait for one answer of the cluster
     */
    public Reader(Admin admin, Map<String, ?> consumerProperties, Duration timeout) {
      this.admin = admin;
      this.consumerProperties = new HashMap<>(consumerProperties);
      this.timeout = timeout;
    }

    /** The lag of a Kafka Streams application over its source topics and repartition topics. */
    public ConsumerGroupLag streamsApplication(
        String applicationId, Collection<String> sourceTopics) {
      Set<String> topics = new LinkedHashSet<>(sourceTopics);
      for (String topic : await(admin.listTopics().names())) {
        if (isRepartitionTopic(applicationId, topic)) {
          topics.add(topic);
        }
      }
      return group(applicationId, topics);
    }

    /**
     * The lag of a consumer group over every partition of the given topics; a topic that does not
     * exist has no partitions.
     */
    public ConsumerGroupLag group(String groupId, Collection<String> topics) {
      List<TopicPartition> partitions = partitionsOf(topics);
      Map<TopicPartition, Long> committed = new HashMap<>();
      await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata())
          .forEach(
              (tp, offset) -> {
                if (offset != null) {
                  committed.put(tp, offset.offset());
                }
              });
      Map<TopicPartition, Long> ends = endOffsets(partitions);
      List<TopicPartition> uncommitted =
          partitions.stream().filter(tp -> !committed.containsKey(tp)).toList();
      Map<TopicPartition, Long> starts = offsets(uncommitted, OffsetSpec.earliest());
      ConsumerGroupLag lag = of(starts, ends, committed);
      Set<TopicPartition> settled = new HashSet<>();
      for (Partition p : lag.lagging()) {
        if (onlyMarkersBetween(p.topicPartition(), p.from(), p.end())) {
          settled.add(p.topicPartition());
        }
      }
      return settled.isEmpty() ? lag : lag.settle(settled);
    }

    /** {@code read_committed} end offsets of the given partitions. */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
      return offsets(partitions, OffsetSpec.latest());
    }

    /** Every partition of the given topics that exist. */
    public List<TopicPartition> partitionsOf(Collection<String> topics) {
      List<TopicPartition> out = new ArrayList<>();
      for (Map.Entry<String, KafkaFuture<TopicDescription>> topic :
          admin.describeTopics(new TreeSet<>(topics)).topicNameValues().entrySet()) {
        TopicDescription description;
        try {
          description = await(topic.getValue());
        } catch (UnknownTopicOrPartitionException missing) {
          continue;
        }
        description
            .partitions()
            .forEach(p -> out.add(new TopicPartition(topic.getKey(), p.partition())));
      }
      return out;
    }

    private Map<TopicPartition, Long> offsets(
        Collection<TopicPartition> partitions, OffsetSpec spec) {
      if (partitions.isEmpty()) {
        return Map.of();
      }
      Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
      partitions.forEach(tp -> ask.put(tp, spec));
      Map<TopicPartition, ListOffsetsResultInfo> answers =
          await(
              admin.listOffsets(ask, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
      Map<TopicPartition, Long> out = new HashMap<>();
      answers.forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    }

    /**
     * Whether offsets {@code from} (inclusive) to {@code to} (exclusive) hold no record a {@code
     * read_committed} consumer delivers. Undecided within the timeout counts as no: lag is
     * overstated rather than hidden. A gap found empty is remembered, since an aborted feed at the
     * end of a partition stays there until the next feed.
     */
    private boolean onlyMarkersBetween(TopicPartition tp, long from, long to) {
      long[] known = settledGaps.get(tp);
      if (known != null && known[0] == from && known[1] == to) {
        return true;
      }
      KafkaConsumer<byte[], byte[]> consumer = gapConsumer();
      consumer.assign(List.of(tp));
      consumer.seek(tp, from);
      long deadline = System.nanoTime() + timeout.toNanos();
      boolean empty = false;
      while (System.nanoTime() < deadline) {
        List<ConsumerRecord<byte[], byte[]>> records =
            consumer.poll(Duration.ofMillis(100)).records(tp);
        if (!records.isEmpty()) {
          empty = records.get(0).offset() >= to;
          break;
        }
        if (consumer.position(tp, timeout) >= to) {
          empty = true;
          break;
        }
      }
      consumer.unsubscribe();
      if (empty) {
        settledGaps.put(tp, new long[] {from, to});
      }
      return empty;
    }

    private KafkaConsumer<byte[], byte[]> gapConsumer() {
      if (gaps == null) {
        Map<String, Object> props = CommittedRecords.grouplessReader(consumerProperties);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, GAP_FETCH_BYTES);
        gaps = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      }
      return gaps;
    }

    /**
     * The future's value; its failure as the {@link org.apache.kafka.common.KafkaException} it is,
     * and no answer within the timeout as Kafka's own timeout exception, so that a caller that
     * retries can catch {@code KafkaException} alone.
     */
    private <T> T await(KafkaFuture<T> future) {
      try {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw new IllegalStateException(e.getCause());
      } catch (TimeoutException e) {
        throw new org.apache.kafka.common.errors.TimeoutException(
            "The cluster did not answer within " + timeout.toMillis() + " ms", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while asking the cluster", e);
      }
    }

    /** Closes the consumer that reads gaps; the Admin client is the caller's. */
    @Override
    public void close() {
      if (gaps != null) {
        gaps.close();
        gaps = null;
      }
    }
  }
}
