package uk.vruhub.policy.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.hub.PeriodType;

class PeriodsTest {

  private static final LocalDate DAY = LocalDate.parse("2026-02-18"); // a Wednesday

  @Test
  void eachTypeStartsWhereTheGuidanceSays() {
    assertThat(Periods.start(DAY, PeriodType.DAY)).isEqualTo(DAY);
    assertThat(Periods.start(DAY, PeriodType.WEEK)).isEqualTo("2026-02-16");
    assertThat(Periods.start(DAY, PeriodType.MONTH)).isEqualTo("2026-02-01");
    assertThat(Periods.start(DAY, PeriodType.QUARTER)).isEqualTo("2026-01-01");
    assertThat(Periods.start(DAY, PeriodType.FINANCIAL_YEAR)).isEqualTo("2025-04-01");
    assertThat(Periods.start(LocalDate.parse("2026-04-01"), PeriodType.FINANCIAL_YEAR))
        .isEqualTo("2026-04-01");
  }

  @Test
  void aPeriodEndsWhereTheNextOfItsTypeStarts() {
    for (PeriodType type : PeriodType.values()) {
      LocalDate start = Periods.start(DAY, type);
      LocalDate end = Periods.end(start, type);
      assertThat(Periods.start(end, type)).as("%s after %s", type, start).isEqualTo(end);
      assertThat(Periods.start(end.minusDays(1), type)).as("%s's last day", type).isEqualTo(start);
    }
    assertThat(Periods.end(LocalDate.parse("2026-02-01"), PeriodType.MONTH))
        .isEqualTo("2026-03-01");
  }

  @Test
  void longerPeriodsThatAreRunsOfShorterOnes() {
    assertThat(Periods.tiles(PeriodType.MONTH, PeriodType.QUARTER)).isTrue();
    assertThat(Periods.tiles(PeriodType.MONTH, PeriodType.FINANCIAL_YEAR)).isTrue();
    assertThat(Periods.tiles(PeriodType.QUARTER, PeriodType.FINANCIAL_YEAR)).isTrue();
    for (PeriodType longer : PeriodType.values()) {
      assertThat(Periods.tiles(PeriodType.DAY, longer))
          .as(longer.name())
          .isEqualTo(longer != PeriodType.DAY);
      assertThat(Periods.tiles(longer, longer)).as(longer.name()).isFalse();
    }
    // Weeks start on Monday and months on any day of the week.
    assertThat(Periods.tiles(PeriodType.WEEK, PeriodType.MONTH)).isFalse();
    assertThat(Periods.tiles(PeriodType.WEEK, PeriodType.QUARTER)).isFalse();
    assertThat(Periods.tiles(PeriodType.WEEK, PeriodType.FINANCIAL_YEAR)).isFalse();
    assertThat(Periods.tiles(PeriodType.QUARTER, PeriodType.MONTH)).as("longer first").isFalse();
  }

  @Test
  void aShorterPeriodLiesWhollyInsideEveryLongerType() {
    PeriodType[] types = PeriodType.values();
    for (PeriodType shorter : types) {
      for (PeriodType longer : types) {
        assertThat(Periods.nests(shorter, longer))
            .as(shorter + " inside " + longer)
            .isEqualTo(shorter.ordinal() < longer.ordinal());
        if (Periods.tiles(shorter, longer)) {
          assertThat(Periods.nests(shorter, longer)).as("a tiling nests").isTrue();
        }
      }
    }
    // Weeks do not tile months, but the week of 2 March 2026 lies wholly inside March.
    assertThat(Periods.tiles(PeriodType.WEEK, PeriodType.MONTH)).isFalse();
    assertThat(Periods.nests(PeriodType.WEEK, PeriodType.MONTH)).isTrue();
  }
}
