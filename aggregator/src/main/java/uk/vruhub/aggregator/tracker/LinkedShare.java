package uk.vruhub.aggregator.tracker;

import uk.vruhub.aggregator.cohort.AgencyLinkage;
import uk.vruhub.avro.common.Agency;

/**
 * The share of an agency's people the hub links to another agency, as the tracker publishes it: a
 * level 1 aggregate by the tracker's one rule ({@link TrackerDisclosure}): the people count rounded
 * to the nearest 5 (hidden from 1 to the floor minus one), the share in whole per cent only when
 * both the linked and the unlinked people are at or above the floor. The exact linked count is
 * never given: with the people count it would let two readings be subtracted.
 *
 * @param agency the agency
 * @param people people with a current record of the agency, rounded; null when suppressed
 * @param sharePercent of them, the per cent with a current record of another agency too, from the
 *     exact counts; null when withheld
 * @param suppressed whether the count or the share is hidden
 */
public record LinkedShare(String agency, Long people, Integer sharePercent, boolean suppressed) {

  /** The linkage's exact counts of one agency, published by the rule. */
  public static LinkedShare of(AgencyLinkage counts, TrackerDisclosure rule) {
    return of(counts.agency(), counts.people(), counts.linked(), rule);
  }

  static LinkedShare of(Agency agency, long people, long linked, TrackerDisclosure rule) {
    Long shown = rule.count(people);
    Integer share = people == 0 ? null : rule.percent(linked, people);
    return new LinkedShare(
        agency.name(), shown, share, shown == null || (people > 0 && share == null));
  }
}
