package uk.vruhub.aggregator.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.policy.PolicyIdentity;

/** The report from receipts, on a fixed clock: lateness, history bounds, reasons, the cache. */
class DataTrackerTest {

  static final Clock APRIL_FIRST =
      Clock.fixed(Instant.parse("2026-04-01T08:00:00Z"), ZoneOffset.UTC);

  static AggregatorProperties.Tracker config(int history) {
    return new AggregatorProperties.Tracker(
        null, history, 2, "Europe/London", Duration.ofSeconds(30));
  }

  @Test
  void judgesEachAgencyByItsNewestPublishedExtract() {
    DataTracker t = tracker(12);
    t.accept(
        Receipts.of(Agency.POLICE, LocalDate.of(2026, 3, 31), FeedOutcome.PUBLISHED, Map.of()));
    t.accept(
        Receipts.of(Agency.HEALTH, LocalDate.of(2026, 3, 29), FeedOutcome.PUBLISHED, Map.of()));
    // A refused extract is a receipt, not a delivery: the newest published one still counts.
    t.accept(Receipts.of(Agency.HEALTH, LocalDate.of(2026, 3, 31), FeedOutcome.REJECTED, Map.of()));

    TrackerReport r = t.report(null, List::of, List::of);

    assertThat(r.today()).isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(r.policyHash()).isEqualTo("hash");
    assertThat(r.feeds())
        .extracting(TrackerReport.AgencyFeed::agency, TrackerReport.AgencyFeed::rag)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POLICE", Rag.GREEN),
            org.assertj.core.groups.Tuple.tuple("HEALTH", Rag.AMBER),
            org.assertj.core.groups.Tuple.tuple("EDUCATION", Rag.RED));
    TrackerReport.AgencyFeed health = r.feeds().get(1);
    assertThat(health.lastExtractDate()).isEqualTo(LocalDate.of(2026, 3, 29));
    assertThat(health.outcomes()).containsEntry("PUBLISHED", 1L).containsEntry("REJECTED", 1L);
    assertThat(health.recent())
        .extracting(FeedSummary::outcome)
        .containsExactly("REJECTED", "PUBLISHED");
    assertThat(r.feeds().get(2).cadence()).isEqualTo("P1M");
  }

  @Test
  void keepsTheNewestFeedsOnlyAndTheirTopReasons() {
    DataTracker t = tracker(3);
    for (int day = 1; day <= 10; day++) {
      t.accept(
          Receipts.of(
              Agency.POLICE,
              LocalDate.of(2026, 3, day),
              FeedOutcome.PUBLISHED,
              Map.of("A", 3L, "B", 7L, "C", 1L)));
    }
    TrackerReport.AgencyFeed police = t.report(null, List::of, List::of).feeds().get(0);
    assertThat(police.recent())
        .extracting(FeedSummary::extractDate)
        .containsExactly(
            LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 8));
    assertThat(police.recent().get(0).topRejectReasons())
        .containsExactly(
            new FeedSummary.Reason("B", 5L, false), new FeedSummary.Reason("A", null, true));
    assertThat(police.recent().get(0).rowsRejected()).isEqualTo(10);
  }

  @Test
  void countsTheLinkageOnceWithinItsCachePeriod() {
    DataTracker t = tracker(3);
    AtomicInteger counted = new AtomicInteger();
    java.util.function.Supplier<List<LinkedShare>> count =
        () -> {
          counted.incrementAndGet();
          return List.of();
        };
    t.report(null, List::of, count);
    t.report(null, List::of, count);
    assertThat(counted).hasValue(1);
  }

  /** A tracker with no receipt topic, keeping {@code recent} feeds per agency, on April the 1st. */
  private static DataTracker tracker(int recent) {
    return new DataTracker(
        null,
        config(recent),
        new PolicyIdentity("p", "1", "hash"),
        new TrackerDisclosure(5),
        APRIL_FIRST);
  }
}
