package uk.vruhub.policy.enforce;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import uk.vruhub.avro.hub.PeriodType;

/** Start of the period containing a date. Weeks start on Monday; financial years on 1 April. */
public final class Periods {

  private Periods() {}

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
}
