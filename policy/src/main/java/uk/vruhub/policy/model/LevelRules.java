package uk.vruhub.policy.model;

import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.PeriodType;

/**
 * What one level of data may contain. Level 1 (anonymised aggregate) uses the area, time and
 * suppression floor; level 2 (pseudonymised record level) the area, time and age-band minima.
 *
 * @param level 1 or 2
 * @param name the level's name in the agreement
 * @param meaning what it means, in words for recipients
 * @param finestArea the finest geography a published area may have
 * @param finestTime the finest period a published date may have
 * @param suppressionFloor level 1: counts below this are always hidden (null for level 2)
 * @param narrowestAgeBand level 2: the fewest years an age band may span (null for level 1)
 * @param disclosureControl level 1: rounding, hidden zeros, protection width and revisions every
 *     count must obey, or null when the policy has no {@code disclosure-control} section
 */
public record LevelRules(
    int level,
    String name,
    String meaning,
    AreaLevel finestArea,
    PeriodType finestTime,
    Integer suppressionFloor,
    Integer narrowestAgeBand,
    DisclosureControl disclosureControl) {

  /** Level rules without a disclosure-control section. */
  public LevelRules(
      int level,
      String name,
      String meaning,
      AreaLevel finestArea,
      PeriodType finestTime,
      Integer suppressionFloor,
      Integer narrowestAgeBand) {
    this(level, name, meaning, finestArea, finestTime, suppressionFloor, narrowestAgeBand, null);
  }
}
