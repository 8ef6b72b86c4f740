package uk.vruhub.policy.enforce;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.function.Predicate;
import uk.vruhub.avro.hub.PeriodType;

/**
 * The periods of each type: where the one containing a date starts, and where one ends. Weeks start
 * on Monday; financial years on 1 April.
 */
public final class Periods {

  private Periods() {}

  /** The first day of the period of type {@code unit} that contains {@code date}. */
  public static LocalDate start(LocalDate date, PeriodType unit) {
    return switch (unit) {
      case DAY -> date;
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> date.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(date.getYear(), date.getMonth().firstMonthOfQuarter(), 1);
      case FINANCIAL_YEAR ->
          LocalDate.of(
              date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() : date.getYear() - 1,
              Month.APRIL,
              1);
    };
  }

  /**
   * Whether every period of type {@code longer} is exactly a run of whole periods of type {@code
   * shorter}, so that a longer period's count is the sum of the shorter ones': a quarter is its
   * three months and a financial year its four quarters, but a month is not a run of weeks (weeks
   * start on Monday, months on any day). Decided over one 400-year cycle of the Gregorian calendar,
   * after which dates fall on the same weekdays again, so the answer holds for every date. False
   * when {@code shorter} is not the shorter type.
   */
  public static boolean tiles(PeriodType shorter, PeriodType longer) {
    return shorter.ordinal() < longer.ordinal()
        && !anyInCycle(longer, s -> !start(s, shorter).equals(s));
  }

  /**
   * Whether some period of type {@code shorter} lies wholly inside a period of type {@code longer}
   * (the weeks wholly inside a month): the longer count is then at least the sum of those shorter
   * counts, and published rounded beside them it bounds a hidden one (two weeks shown as 10, so at
   * least 8 each, inside a month shown as 15, so at most 17, leave at most 1 for a hidden third).
   * Every pair that {@link #tiles tiles} nests too. Decided over the same 400-year cycle. False
   * when {@code shorter} is not the shorter type.
   */
  public static boolean nests(PeriodType shorter, PeriodType longer) {
    return shorter.ordinal() < longer.ordinal()
        && anyInCycle(
            longer,
            s -> {
              LocalDate inner = start(s, shorter);
              if (inner.isBefore(s)) {
                inner = end(inner, shorter);
              }
              return !end(inner, shorter).isAfter(end(s, longer));
            });
  }

  /**
   * Whether any period of type {@code unit} starting in one 400-year cycle of the Gregorian
   * calendar (after which dates fall on the same weekdays again) meets {@code test}, given its
   * first day.
   */
  private static boolean anyInCycle(PeriodType unit, Predicate<LocalDate> test) {
    LocalDate from = LocalDate.of(2001, 1, 1);
    LocalDate to = from.plusYears(400);
    for (LocalDate s = start(from, unit); s.isBefore(to); s = end(s, unit)) {
      if (test.test(s)) {
        return true;
      }
    }
    return false;
  }

  /** The first day after the period of type {@code unit} that starts on {@code start}. */
  public static LocalDate end(LocalDate start, PeriodType unit) {
    return switch (unit) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
      case QUARTER -> start.plusMonths(3);
      case FINANCIAL_YEAR -> start.plusYears(1);
    };
  }
}
