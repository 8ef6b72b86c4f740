package uk.vruhub.ingest.core.identity;

import java.time.LocalDate;
import java.time.Period;

/** Age in whole years on a day: how dates of birth are published (never the date itself). */
public final class Ages {

  private Ages() {}

  /** Age on {@code day}, or null when the date of birth is unknown or after the day. */
  public static Integer ageOn(LocalDate dateOfBirth, LocalDate day) {
    if (dateOfBirth == null || day == null || dateOfBirth.isAfter(day)) {
      return null;
    }
    return Period.between(dateOfBirth, day).getYears();
  }
}
