package uk.vruhub.aggregator.tracker;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;

/** Feed receipts for tests. */
public final class Receipts {

  private Receipts() {}

  /** A receipt of a feed of that extract date, received and completed the next morning. */
  public static FeedReceipt of(
      Agency agency, LocalDate extractDate, FeedOutcome outcome, Map<String, Long> rejects) {
    Instant received = extractDate.plusDays(1).atTime(2, 0).toInstant(java.time.ZoneOffset.UTC);
    long rejected = rejects.values().stream().mapToLong(Long::longValue).sum();
    return FeedReceipt.newBuilder()
        .setFeedId(agency.name().toLowerCase() + "-" + extractDate + "-abc")
        .setAgency(agency)
        .setExtractDate(extractDate)
        .setContentSha256("ab".repeat(32))
        .setReceivedAt(received)
        .setCompletedAt(received.plusSeconds(5))
        .setOutcome(outcome)
        .setRowsRead(100)
        .setRowsAccepted(100 - rejected)
        .setRowsRejected(rejected)
        .setRecordsPublished(outcome == FeedOutcome.PUBLISHED ? 100 - rejected : 0)
        .setWithdrawals(0)
        .setRejectsByReason(new java.util.HashMap<>(rejects))
        .build();
  }
}
