package uk.vruhub.aggregator.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** Lateness is judged on dates: the boundaries of green, amber and red for nightly and monthly. */
class RagTest {

  private static final Period NIGHTLY = Period.ofDays(1);
  private static final Period MONTHLY = Period.ofMonths(1);
  private static final LocalDate LAST = LocalDate.of(2026, 3, 31);

  @Test
  void aNightlyFeedIsGreenUntilItsGraceHasPassedThenAmberForOneMoreNightThenRed() {
    assertThat(Rag.assess(LAST, NIGHTLY, NIGHTLY, LocalDate.of(2026, 4, 1)).rag())
        .isEqualTo(Rag.GREEN);
    assertThat(Rag.assess(LAST, NIGHTLY, NIGHTLY, LocalDate.of(2026, 4, 2)).rag())
        .isEqualTo(Rag.GREEN);
    Rag.Assessment amber = Rag.assess(LAST, NIGHTLY, NIGHTLY, LocalDate.of(2026, 4, 3));
    assertThat(amber.rag()).isEqualTo(Rag.AMBER);
    assertThat(amber.due()).isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(amber.daysPastDue()).isEqualTo(2);
    assertThat(amber.label()).isEqualTo("Overdue: 2 days past due");
    assertThat(Rag.assess(LAST, NIGHTLY, NIGHTLY, LocalDate.of(2026, 4, 4)).rag())
        .isEqualTo(Rag.RED);
  }

  @Test
  void aMonthlyFeedWithAWeeksGrace() {
    LocalDate last = LocalDate.of(2026, 3, 1);
    assertThat(Rag.assess(last, MONTHLY, Period.ofDays(7), LocalDate.of(2026, 4, 8)).rag())
        .isEqualTo(Rag.GREEN);
    assertThat(Rag.assess(last, MONTHLY, Period.ofDays(7), LocalDate.of(2026, 4, 9)).rag())
        .isEqualTo(Rag.AMBER);
    assertThat(Rag.assess(last, MONTHLY, Period.ofDays(7), LocalDate.of(2026, 5, 9)).rag())
        .isEqualTo(Rag.RED);
  }

  @Test
  void noExtractEverIsRedAndSaysSo() {
    Rag.Assessment none = Rag.assess(null, NIGHTLY, NIGHTLY, LocalDate.of(2026, 4, 1));
    assertThat(none.rag()).isEqualTo(Rag.RED);
    assertThat(none.due()).isNull();
    assertThat(none.label()).contains("no extract received");
  }

  @Test
  void anExtractDatedAheadIsGreenAndNotOverdue() {
    Rag.Assessment ahead = Rag.assess(LAST, NIGHTLY, Period.ZERO, LocalDate.of(2026, 3, 1));
    assertThat(ahead.rag()).isEqualTo(Rag.GREEN);
    assertThat(ahead.daysPastDue()).isNull();
  }

  @Test
  void withinTheGracePeriodItIsOnTimeAndNoDaysPastDueAreReported() {
    Rag.Assessment late = Rag.assess(LAST, NIGHTLY, NIGHTLY, LocalDate.of(2026, 4, 2));
    assertThat(late.rag()).isEqualTo(Rag.GREEN);
    assertThat(late.label()).isEqualTo("On time");
    assertThat(late.daysPastDue()).isNull();
  }

  @Test
  void aMonthlyDueDateIsCountedFromEachExtractSoAMonthEndDoesNotDrift() {
    LocalDate january = LocalDate.of(2026, 1, 31);
    assertThat(Rag.assess(january, MONTHLY, Period.ZERO, january).due())
        .isEqualTo(LocalDate.of(2026, 2, 28));
    LocalDate february = LocalDate.of(2026, 2, 28);
    assertThat(Rag.assess(february, MONTHLY, Period.ZERO, february).due())
        .isEqualTo(LocalDate.of(2026, 3, 28));
    // An extract of 31 March, a month end again, is due 30 April, not 28 April.
    LocalDate march = LocalDate.of(2026, 3, 31);
    assertThat(Rag.assess(march, MONTHLY, Period.ZERO, march).due())
        .isEqualTo(LocalDate.of(2026, 4, 30));
  }
}
