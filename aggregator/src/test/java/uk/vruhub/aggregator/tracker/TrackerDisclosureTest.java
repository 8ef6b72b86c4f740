package uk.vruhub.aggregator.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;

/**
 * The one rule every count of the tracker is published by: 1 to floor - 1 hidden, others rounded to
 * the nearest 5, a share only when both sides are at or above the floor.
 */
class TrackerDisclosureTest {

  private static final TrackerDisclosure RULE = new TrackerDisclosure(5);

  @Test
  void smallCountsAreHiddenAndOthersRoundedToTheNearestFive() {
    assertThat(RULE.count(0)).isZero();
    for (long n = 1; n < 5; n++) {
      assertThat(RULE.count(n)).as("%d", n).isNull();
      assertThat(RULE.suppressed(n)).isTrue();
    }
    assertThat(RULE.count(5)).isEqualTo(5);
    assertThat(RULE.count(7)).isEqualTo(5);
    assertThat(RULE.count(8)).isEqualTo(10);
    assertThat(RULE.count(12)).isEqualTo(10);
    assertThat(RULE.count(13)).isEqualTo(15);
    assertThat(RULE.count(1234)).isEqualTo(1235);
  }

  @Test
  void aLowFloorNeverShowsACountAsZero() {
    TrackerDisclosure two = new TrackerDisclosure(2);
    assertThat(two.count(1)).isNull();
    assertThat(two.count(2)).isEqualTo(5);
    assertThatThrownBy(() -> new TrackerDisclosure(1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aShareNeedsBothItsPartAndItsComplementAtTheFloor() {
    assertThat(RULE.percent(50, 200)).isEqualTo(25);
    assertThat(RULE.percent(5, 10)).isEqualTo(50);
    assertThat(RULE.percent(4, 200)).isNull();
    assertThat(RULE.percent(196, 200)).isNull();
    assertThat(RULE.percent(0, 200)).isNull();
    assertThat(RULE.percent(200, 200)).isNull();
    assertThat(RULE.percent(2, 3)).isNull();
    assertThat(RULE.percent(1, 3)).isNull();
  }

  @Test
  void aOneRowFeedCannotBeLearntBySubtractingTheReadingsBeforeAndAfterIt() {
    // Any count from 1 to 4 is hidden, so a feed of one row shows nothing of itself.
    FeedSummary one = FeedSummary.of(receipt(1, Map.of("NHS_NUMBER_CHECK_DIGIT", 1L)), 3, RULE);
    assertThat(one.rowsRead()).isNull();
    assertThat(one.rowsRejected()).isNull();
    assertThat(one.suppressed()).isTrue();
    assertThat(one.topRejectReasons())
        .containsExactly(new FeedSummary.Reason("NHS_NUMBER_CHECK_DIGIT", null, true));
    // One record more, with the field or without, leaves a month's figures as they were, except
    // where n + 1 crosses a rounding boundary (n ending in 2 or 7) or the floor (4 to 5): there the
    // figure moves by the base, which says the count lies in a band 5 wide, never which record.
    // (0 to 1 shows as 0 to suppressed: that something arrived, not what it said.)
    for (long n = 0; n < 500; n++) {
      boolean edge = n % 5 == 2 || n == 4 || n == 0;
      if (!edge) {
        assertThat(RULE.count(n + 1)).as("%d + 1", n).isEqualTo(RULE.count(n));
      } else if (n > 4) {
        assertThat(RULE.count(n + 1) - RULE.count(n)).isEqualTo(TrackerDisclosure.BASE);
      }
    }
    Completeness before = completeness(40, 30);
    Completeness withIt = completeness(41, 31);
    assertThat(withIt.records()).isEqualTo(before.records()).isEqualTo(40L);
    assertThat(withIt.fields().get(0).present())
        .isEqualTo(before.fields().get(0).present())
        .isEqualTo(30L);
  }

  @Test
  void completenessPublishesRoundedCountsAndWholePerCents() {
    Completeness c = completeness(103, 101);
    assertThat(c.records()).isEqualTo(105);
    assertThat(c.suppressed()).isFalse();
    Completeness.Field f = c.fields().get(0);
    assertThat(f.present()).isEqualTo(100);
    // 2 records lack the field: the share would give them away.
    assertThat(f.sharePercent()).isNull();
    assertThat(f.suppressed()).isTrue();
    Completeness.Field g = completeness(103, 51).fields().get(0);
    assertThat(g.sharePercent()).isEqualTo(50);
    assertThat(g.suppressed()).isFalse();
    Completeness small = completeness(3, 3);
    assertThat(small.records()).isNull();
    assertThat(small.suppressed()).isTrue();
    assertThat(small.fields().get(0).present()).isNull();
  }

  @Test
  void theFloorIsThePolicysLevelOneFloor() {
    uk.vruhub.policy.model.PolicyDocument policy =
        uk.vruhub.policy.Policy.load(java.nio.file.Path.of("../deploy/policy/vru-hub-isa.yaml"))
            .document();
    assertThat(TrackerDisclosure.of(policy).floor())
        .isEqualTo(policy.levels().get(1).suppressionFloor());
  }

  private static Completeness completeness(long records, long present) {
    FieldCounts counts =
        new FieldCounts(records, Map.of(KeyField.of(Agency.HEALTH).get(0), present));
    return Completeness.of(Agency.HEALTH, YearMonth.of(2026, 3), counts, RULE);
  }

  private static FeedReceipt receipt(long rows, Map<String, Long> rejects) {
    FeedReceipt r =
        Receipts.of(Agency.HEALTH, LocalDate.of(2026, 3, 31), FeedOutcome.PUBLISHED, rejects);
    r.setRowsRead(rows);
    r.setRowsAccepted(rows - rejects.values().stream().mapToLong(Long::longValue).sum());
    r.setRowsRejected(rejects.values().stream().mapToLong(Long::longValue).sum());
    return r;
  }
}
