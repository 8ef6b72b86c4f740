package uk.vruhub.aggregator.tracker;

import uk.vruhub.policy.model.LevelRules;
import uk.vruhub.policy.model.PolicyDocument;

/**
 * The one disclosure rule every count of the tracker goes through, since the tracker is published
 * at level 1 to every recipient: a count from 1 to the policy's level-1 suppression floor minus one
 * is not shown (null, and the figure's {@code suppressed} flag set); any other count is rounded to
 * the nearest {@value #BASE} (the rounding NHS Hospital Episode Statistics use for small-number
 * outputs), so that two readings a night apart cannot be subtracted to learn about the one person a
 * feed added. A share is given only when both its numerator and its complement (denominator minus
 * numerator) are at or above the floor; it is computed from the exact counts and rounded to the
 * nearest whole per cent.
 *
 * @param floor the policy's level-1 suppression floor
 */
public record TrackerDisclosure(int floor) {

  /** Counts are rounded to the nearest multiple of this. */
  public static final int BASE = 5;

  public TrackerDisclosure {
    if (floor < 2) {
      throw new IllegalArgumentException(
          "The level-1 suppression floor is " + floor + ", which hides nothing");
    }
  }

  /**
   * The rule for a policy: its level 1's suppression floor.
   *
   * @throws IllegalStateException when the policy has no level-1 floor (the policy validator
   *     refuses such a policy, so it is never in force)
   */
  public static TrackerDisclosure of(PolicyDocument policy) {
    LevelRules level1 = policy.levels().get(1);
    if (level1 == null || level1.suppressionFloor() == null) {
      throw new IllegalStateException(
          "The policy in force has no levels.1.suppression-floor: the tracker publishes at level 1"
              + " and cannot without it");
    }
    return new TrackerDisclosure(level1.suppressionFloor());
  }

  /** Whether a count is hidden: 1 to floor - 1. */
  public boolean suppressed(long n) {
    return n > 0 && n < floor;
  }

  /**
   * A count as published: null when suppressed, otherwise rounded to the nearest {@value #BASE}.
   */
  public Long count(long n) {
    if (suppressed(n)) {
      return null;
    }
    // A count at or above a floor of 2 rounds to 0 only for n = 2; it is shown as 5, never as 0.
    return n == 0 ? 0 : Math.max(BASE, Math.round(n / (double) BASE) * BASE);
  }

  /**
   * A share as published, in whole per cent: null unless both {@code part} and {@code whole - part}
   * are at or above the floor.
   */
  public Integer percent(long part, long whole) {
    if (part < floor || whole - part < floor) {
      return null;
    }
    return (int) Math.round(100.0 * part / whole);
  }
}
