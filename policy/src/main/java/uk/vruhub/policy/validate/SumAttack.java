package uk.vruhub.policy.validate;

import uk.vruhub.policy.model.Treatment;

/**
 * How far a count treatment lets a reader narrow a hidden count from the smallest sum the hub
 * publishes: a shown part and a shown total over it (COMBINED = POLICE + HEALTH, with HEALTH
 * hidden). The reader knows the treatment, so a shown value stands for every count the treatment
 * shows as it, and the hidden part lies between the smallest total less the largest part and the
 * largest total less the smallest part. Worked out by trying every hidden value beside every part
 * up to well past the rounding's period, with the enforcer's own rounding, not from a formula: a
 * base of 3 under a threshold of 5 pins a hidden 4 exactly (a part of 7 shown as 6 beside a total
 * of 11 shown as 12 leaves 4 to 4), and a base of 4 shows a count of 5 as 4, which only 5 rounds
 * to.
 */
final class SumAttack {

  /**
   * The narrowest hidden count found, with the counts that narrow it.
   *
   * @param width the interval's width (largest minus smallest value left)
   * @param part the shown part's count
   * @param hidden the hidden part's count
   * @param lo the smallest value the reader is left with
   * @param hi the largest
   */
  record Narrowest(int width, int part, int hidden, int lo, int hi) {}

  private SumAttack() {}

  /** The narrowest a hidden count gets beside a shown part and its shown total. */
  static Narrowest narrowest(Treatment.Count count) {
    int threshold = count.suppressBelow();
    int hiddenLo = count.suppressZero() ? 0 : 1;
    int hiddenHi = threshold - 1;
    int step = count.roundTo() == null ? 1 : count.roundTo();
    Narrowest best = null;
    for (int hidden = hiddenLo; hidden <= hiddenHi; hidden++) {
      for (int part = threshold; part <= threshold + 12 * step + threshold; part++) {
        int[] p = shownAs(count, count.rounded(part));
        int[] total = shownAs(count, count.rounded(part + hidden));
        int lo = Math.max(hiddenLo, total[0] - p[1]);
        int hi = Math.min(hiddenHi, total[1] - p[0]);
        if (best == null || hi - lo < best.width()) {
          best = new Narrowest(hi - lo, part, hidden, lo, hi);
        }
      }
    }
    return best;
  }

  /** The counts, at or above the threshold, that the treatment shows as {@code shown}. */
  private static int[] shownAs(Treatment.Count count, int shown) {
    int step = count.roundTo() == null ? 1 : count.roundTo();
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int n = count.suppressBelow(); n <= shown + 2 * step; n++) {
      if (count.rounded(n) == shown) {
        lo = Math.min(lo, n);
        hi = Math.max(hi, n);
      }
    }
    return new int[] {lo, hi};
  }
}
