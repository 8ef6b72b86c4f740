package uk.vruhub.local.disclosure;

import uk.vruhub.policy.model.Treatment;

/**
 * What a published count tells a reader who knows the policy: the treatment's threshold, rounding
 * and how a hidden count is shown. The attacker is assumed to know the policy, as anyone may read
 * it.
 *
 * @param threshold counts below this are hidden (the treatment's {@code suppress-below})
 * @param roundTo shown counts are multiples of this (1 when not rounded)
 * @param suppressedAs the value a hidden count is shown as, or null when it is shown as null
 * @param suppressZero whether 0 is hidden too
 */
public record CountRule(int threshold, int roundTo, Integer suppressedAs, boolean suppressZero) {

  public static CountRule of(Treatment.Count count) {
    return new CountRule(
        count.suppressBelow(),
        count.roundTo() == null ? 1 : count.roundTo(),
        count.suppressedAs(),
        count.suppressZero());
  }

  /** The values a hidden count can have. */
  public Interval hidden() {
    return new Interval(suppressZero ? 0 : 1, threshold - 1);
  }

  /**
   * The values consistent with what was shown: {@code shown} null, or {@code hiddenFlag}, means
   * hidden; a shown value equal to {@code suppressedAs} may be hidden or that value.
   */
  public Interval of(Integer shown, boolean hiddenFlag) {
    if (shown == null || hiddenFlag) {
      return hidden();
    }
    Interval visible = visible(shown);
    if (suppressedAs != null && shown.equals(suppressedAs)) {
      Interval h = hidden();
      return new Interval(Math.min(h.lo(), visible.lo()), Math.max(h.hi(), visible.hi()));
    }
    return visible;
  }

  private Interval visible(int shown) {
    if (shown == 0) {
      return Interval.exactly(0);
    }
    if (roundTo <= 1) {
      return Interval.exactly(shown);
    }
    // Math.round(n / step) * step == shown, and never below the threshold once shown.
    int lo = shown - roundTo / 2;
    int hi = shown + (roundTo - 1) / 2;
    if (roundTo % 2 == 0) {
      lo = shown - roundTo / 2;
      hi = shown + roundTo / 2 - 1;
    }
    // The smallest multiple also stands for every shown count rounded below it (the enforcer
    // publishes max(step, rounded)).
    return new Interval(shown == roundTo ? threshold : Math.max(lo, threshold), hi);
  }
}
