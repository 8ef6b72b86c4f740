package uk.vruhub.aggregator.tracker;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import uk.vruhub.avro.audit.FeedReceipt;

/**
 * One feed as the tracker shows it, from its receipt: counts and reasons, never a value of the
 * feed. Every count is published by the {@link TrackerDisclosure} rule: null when from 1 to the
 * level-1 floor minus one, otherwise rounded to the nearest 5.
 *
 * @param feedId agency, extract date and content hash
 * @param extractDate the extract's date
 * @param receivedAt when the hub received it
 * @param completedAt when processing ended
 * @param outcome PUBLISHED, REJECTED, DUPLICATE or FAILED
 * @param rowsRead data rows read, rounded; null when suppressed
 * @param rowsAccepted rows that passed validation, rounded; null when suppressed
 * @param rowsRejected rows refused, rounded; null when suppressed
 * @param topRejectReasons the reasons most rows were refused for, most first (by the rounded count,
 *     then by name, so that the order gives away no more than the figures)
 * @param message why a feed was refused or failed, in words; null otherwise
 * @param suppressed whether any of the row counts is hidden
 */
public record FeedSummary(
    String feedId,
    LocalDate extractDate,
    Instant receivedAt,
    Instant completedAt,
    String outcome,
    Long rowsRead,
    Long rowsAccepted,
    Long rowsRejected,
    List<Reason> topRejectReasons,
    String message,
    boolean suppressed) {

  /**
   * @param reason the reason code (e.g. {@code NHS_NUMBER_CHECK_DIGIT})
   * @param rows rows refused for it, rounded; null when suppressed
   * @param suppressed whether the count is hidden
   */
  public record Reason(String reason, Long rows, boolean suppressed) {}

  static FeedSummary of(FeedReceipt r, int topReasons, TrackerDisclosure rule) {
    List<Reason> reasons =
        r.getRejectsByReason().entrySet().stream()
            .map(
                e ->
                    new Reason(e.getKey(), rule.count(e.getValue()), rule.suppressed(e.getValue())))
            .sorted(
                Comparator.comparing((Reason q) -> q.rows() == null ? 0L : q.rows())
                    .reversed()
                    .thenComparing(Reason::reason))
            .limit(topReasons)
            .toList();
    Long read = rule.count(r.getRowsRead());
    Long accepted = rule.count(r.getRowsAccepted());
    Long rejected = rule.count(r.getRowsRejected());
    return new FeedSummary(
        r.getFeedId(),
        r.getExtractDate(),
        r.getReceivedAt(),
        r.getCompletedAt(),
        r.getOutcome().name(),
        read,
        accepted,
        rejected,
        reasons,
        r.getMessage(),
        read == null || accepted == null || rejected == null);
  }
}
