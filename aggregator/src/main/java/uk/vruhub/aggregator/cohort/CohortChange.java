package uk.vruhub.aggregator.cohort;

/**
 * What the linkage tells the cohort's outputs: a person's profile or a summary cell's count moved,
 * with the value before and after, so an output can tell whether what it publishes changed.
 */
sealed interface CohortChange permits CohortChange.OfProfile, CohortChange.OfCell {

  /**
   * A person's profile changed.
   *
   * @param before the profile as last derived, or null when the person was not in the cohort
   * @param after the profile now, or null when the person left the cohort or was absorbed
   */
  record OfProfile(String personId, Profile before, Profile after) implements CohortChange {}

  /**
   * A summary cell's count changed.
   *
   * @param before the count before, or null when the cell had never been counted
   * @param after the count now
   */
  record OfCell(SummaryCell cell, Long before, long after) implements CohortChange {}
}
