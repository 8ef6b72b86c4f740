package uk.vruhub.policy.enforce;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
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
