package uk.vruhub.ingest.core.identity;

import java.time.LocalDate;

/**
 * The direct identifiers of one person as a feed gave them. This type never leaves an ingest
 * service: it is turned into match keys, an age and area codes, and then dropped. Its {@code
 * toString} says nothing, so it cannot leak into a log line by accident.
 *
 * @param surname surname as given, or null
 * @param forenames forenames as given, or null
 * @param dateOfBirth date of birth, or null
 * @param sex M, F, I or U
 * @param homePostcode home postcode in standard form, or null
 * @param nhsNumber ten digits, or null
 * @param upn unique pupil number, or null
 * @param pncId PNC id in standard form, or null
 * @param policeNominal the force's own id of the person (its nominal record, the same across the
 *     person's crimes), or null
 */
public record Identity(
    String surname,
    String forenames,
    LocalDate dateOfBirth,
    String sex,
    String homePostcode,
    String nhsNumber,
    String upn,
    String pncId,
    String policeNominal) {

  @Override
  public String toString() {
    return "Identity[withheld]";
  }
}
