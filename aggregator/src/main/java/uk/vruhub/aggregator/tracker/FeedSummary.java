package uk.vruhub.aggregator.tracker;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import uk.vruhub.avro.audit.FeedReceipt;

/**
 * One feed as the tracker shows it, from its receipt: counts and reasons, never a value of the
 * feed.
 *
 * @param feedId agency, extract date and content hash
 * @param extractDate the extract's date
 * @param receivedAt when the hub received it
 * @param completedAt when processing ended
 * @param outcome PUBLISHED, REJECTED, DUPLICATE or FAILED
 * @param rowsRead data rows read
 * @param rowsAccepted rows that passed validation
 * @param rowsRejected rows refused
 * @param topRejectReasons the reasons most rows were refused for, most first
 * @param message why a feed was refused or failed, in words; null otherwise
 */
public record FeedSummary(
    String feedId,
    LocalDate extractDate,
    Instant receivedAt,
    Instant completedAt,
    String outcome,
    long rowsRead,
    long rowsAccepted,
    long rowsRejected,
    List<Reason> topRejectReasons,
    String message) {

  /**
   * @param reason the reason code (e.g. {@code NHS_NUMBER_CHECK_DIGIT})
   * @param rows rows refused for it
   */
  public record Reason(String reason, long rows) {}

  static FeedSummary of(FeedReceipt r, int topReasons) {
    List<Reason> reasons =
        r.getRejectsByReason().entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(topReasons)
            .map(e -> new Reason(e.getKey(), e.getValue()))
            .toList();
    return new FeedSummary(
        r.getFeedId(),
        r.getExtractDate(),
        r.getReceivedAt(),
        r.getCompletedAt(),
        r.getOutcome().name(),
        r.getRowsRead(),
        r.getRowsAccepted(),
        r.getRowsRejected(),
        reasons,
        r.getMessage());
  }
}
