package uk.vruhub.aggregator.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the aggregator reports of itself at {@code GET /api/v1/status} and in its health: whether
 * its outputs hold everything committed to its inputs, measured from its consumer group's offsets,
 * and how fresh they are.
 *
 * @param state the Kafka Streams state ({@code NOT_STARTED} before the streams are made)
 * @param caughtUp true when the streams are RUNNING and the group lags on no partition of its
 *     source and repartition topics: every record committed to the inputs is in the outputs and the
 *     state stores the API reads
 * @param totalLag offsets behind, over every partition; null when the cluster could not be asked
 * @param checkedAt when the offsets were read (an answer is reused for a moment, see {@code
 *     hub.aggregator.status.cache-for})
 * @param dataAsOf how fresh the outputs are: from the last check that found the aggregator caught
 *     up; null until one has
 * @param tasks this instance's tasks
 * @param partitions every partition counted, with its offsets
 * @param problem why the lag is unknown or incomplete, when it is; null otherwise
 */
public record AggregatorStatus(
    String state,
    boolean caughtUp,
    Long totalLag,
    Instant checkedAt,
    DataAsOf dataAsOf,
    List<Task> tasks,
    List<PartitionLag> partitions,
    String problem) {

  public AggregatorStatus {
    tasks = List.copyOf(tasks);
    partitions = List.copyOf(partitions);
  }

  /**
   * How fresh the outputs are.
   *
   * @param time everything committed to the source topics before this instant is in the outputs: it
   *     is the start of the last check that found the group caught up (the group's committed
   *     offsets are read after it)
   * @param latestFeeds per agency, the newest published feed (by extract date) whose receipt was
   *     committed before {@code time}; a receipt is committed in the same transaction as its feed's
   *     records, so the feed is in the outputs. Null when the receipts could not be read
   * @param newestEventPeriod the newest hotspot period with any event in this instance's state: the
   *     outputs hold events up to at least its start; null when there is none or the stores could
   *     not be read
   */
  public record DataAsOf(Instant time, List<Feed> latestFeeds, EventPeriod newestEventPeriod) {}

  /**
   * A published feed, from its receipt.
   *
   * @param agency the agency that sent it
   * @param feedId agency, extract date and content hash
   * @param extractDate the date of the extract
   * @param completedAt when its ingest service committed it
   */
  public record Feed(String agency, String feedId, LocalDate extractDate, Instant completedAt) {}

  /**
   * A hotspot period.
   *
   * @param periodType the finest period type the policy publishes
   * @param start its first day
   */
  public record EventPeriod(String periodType, LocalDate start) {}

  /**
   * One task of this instance.
   *
   * @param id Kafka Streams' task id ({@code <sub-topology>_<partition>})
   * @param thread the stream thread running it
   * @param state {@code RESTORING} while any of its state stores restores; otherwise its thread's
   *     state ({@code RUNNING} once processing), or {@code STANDBY} for a standby replica
   * @param partitions the input partitions it reads
   */
  public record Task(String id, String thread, String state, List<String> partitions) {}

  /**
   * One partition the group consumes.
   *
   * @param topic the topic
   * @param partition the partition
   * @param committed the group's committed offset; null when it has none
   * @param end the {@code read_committed} end offset
   * @param lag offsets behind; 0 when what lies between holds only transaction markers or aborted
   *     records
   */
  public record PartitionLag(String topic, int partition, Long committed, long end, long lag) {}
}
