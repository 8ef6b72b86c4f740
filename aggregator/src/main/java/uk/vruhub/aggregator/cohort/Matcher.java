package uk.vruhub.aggregator.cohort;

import uk.vruhub.avro.common.Sex;

/**
 * Compares two identity variants under the linkage rules: Fellegi-Sunter weights per field on the
 * encodings of a block both share, and the contradictions that block a match whatever the score.
 * Pure and cheap (popcounts of 256-bit filters and comparisons of 64-bit hashes).
 */
final class Matcher {

  /** Why two variants cannot be one person. */
  enum Contradiction {
    FORENAME,
    DATE_OF_BIRTH,
    SEX,
    MIDDLE_NAMES
  }

  /**
   * The outcome of one comparison.
   *
   * @param score the sum of weights (0 when not comparable)
   * @param contradiction the first contradiction found, or null
   */
  record Comparison(double score, Contradiction contradiction) {

    static final Comparison NOT_COMPARABLE = new Comparison(0, null);

    /** One person by this comparison: at or above the threshold and nothing contradicts. */
    boolean matches(LinkageRules rules) {
      return contradiction == null && score >= rules.threshold();
    }
  }

  private final LinkageRules rules;
  private final LinkageRules.Weights w;

  /** Comparisons made since {@link #takeComparisons()} last read them (for the metrics). */
  private long comparisons;

  Matcher(LinkageRules rules) {
    this.rules = rules;
    this.w = rules.weights();
  }

  LinkageRules rules() {
    return rules;
  }

  /** The comparisons made since the last call. */
  long takeComparisons() {
    long n = comparisons;
    comparisons = 0;
    return n;
  }

  /** Compares under the first block both share; {@link Comparison#NOT_COMPARABLE} when none. */
  Comparison compare(IdentityVariant a, IdentityVariant b) {
    if (a.encoding() == null || b.encoding() == null) {
      return Comparison.NOT_COMPARABLE;
    }
    comparisons++;
    String key = a.encoding().sharedKey(b.encoding());
    if (key == null) {
      return Comparison.NOT_COMPARABLE;
    }
    return compare(a, a.encoding().block(key), b, b.encoding().block(key));
  }

  /** Compares two variants' encodings under one block key. */
  Comparison compare(IdentityVariant a, Encoding.Block x, IdentityVariant b, Encoding.Block y) {
    LinkageRules.Contradictions veto = rules.contradictions();
    double score = 0;

    if (x.date() != null && y.date() != null) {
      if (x.date().equals(y.date())) {
        score += w.dateSame();
      } else if (contains(y.dateVariants(), x.date()) || contains(x.dateVariants(), y.date())) {
        score += w.dateSlip();
      } else if (veto.dateOfBirth()) {
        return new Comparison(score, Contradiction.DATE_OF_BIRTH);
      }
    }

    if (isCoded(a.sex()) && isCoded(b.sex())) {
      if (a.sex() == b.sex()) {
        score += w.sexSame();
      } else if (veto.sex()) {
        return new Comparison(score, Contradiction.SEX);
      }
    }

    if (x.hasForename() && y.hasForename()) {
      double d = Encoding.dice(x.given()[0], y.given()[0]);
      if (d >= rules.diceSame()) {
        score += w.forenameSame();
      } else if (Encoding.intersect(x.groups(), y.groups())) {
        score += w.forenameVariant();
      } else if (d >= rules.diceSlip()) {
        score += w.forenameSlip();
      } else if (inMiddle(x.given()[0], y.given()) || inMiddle(y.given()[0], x.given())) {
        score += w.middleAsForename();
      } else if (veto.forename()) {
        return new Comparison(score, Contradiction.FORENAME);
      }
    }

    if (x.given().length > 1 && y.given().length > 1) {
      if (middleAmongGiven(x.given(), y.given()) || middleAmongGiven(y.given(), x.given())) {
        score += w.middleSame();
      } else if (veto.middleNames()) {
        return new Comparison(score, Contradiction.MIDDLE_NAMES);
      }
    } else if (veto.middleNames() && initialsDisagree(x.initials(), y.initials())) {
      // A middle name given only as an initial on one side: "Jacob A" is not "Jacob Zachary".
      return new Comparison(score, Contradiction.MIDDLE_NAMES);
    }

    if (x.family().length > 0 && y.family().length > 0) {
      double best = 0;
      for (long[] p : x.family()) {
        for (long[] q : y.family()) {
          best = Math.max(best, Encoding.dice(p, q));
        }
      }
      score +=
          best >= rules.diceSame()
              ? w.surnameSame()
              : best >= rules.diceSlip() ? w.surnameSlip() : w.surnameDiffers();
    }

    if (a.lsoa() != null && b.lsoa() != null && a.lsoa().equals(b.lsoa())) {
      score += w.homeSameLsoa();
    } else if (a.district() != null && b.district() != null) {
      score += a.district().equals(b.district()) ? w.homeSameDistrict() : w.homeOtherDistrict();
    }
    return new Comparison(score, null);
  }

  /**
   * Whether {@code holder} records, among two or more given names, the forename of each of {@code
   * a} and {@code b}: "James Oliver" explains why "James" and "Oliver" are one person, and so lifts
   * the forename contradiction between them.
   */
  boolean explainsForenames(IdentityVariant holder, IdentityVariant a, IdentityVariant b) {
    return givenAmong(a, holder) && givenAmong(b, holder);
  }

  /** The forename of {@code name} is one of the given names of {@code holder}, who has two. */
  private boolean givenAmong(IdentityVariant name, IdentityVariant holder) {
    if (name.encoding() == null || holder.encoding() == null) {
      return false;
    }
    String key = name.encoding().sharedKey(holder.encoding());
    if (key == null) {
      return false;
    }
    Encoding.Block n = name.encoding().block(key);
    Encoding.Block h = holder.encoding().block(key);
    if (!n.hasForename() || h.given().length < 2) {
      return false;
    }
    for (long[] g : h.given()) {
      if (Encoding.dice(n.given()[0], g) >= rules.diceSame()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCoded(Sex sex) {
    return sex == Sex.MALE || sex == Sex.FEMALE;
  }

  private static boolean contains(long[] sorted, long value) {
    return java.util.Arrays.binarySearch(sorted, value) >= 0;
  }

  /** The filter is one of the middle names (given names after the first) of {@code given}. */
  private boolean inMiddle(long[] name, long[][] given) {
    for (int i = 1; i < given.length; i++) {
      if (Encoding.dice(name, given[i]) >= rules.diceSame()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Both record a middle name (written out or as an initial) and no middle initial of either is the
   * first letter of any given name of the other. Initials are the forename's first, then the other
   * given names'.
   */
  static boolean initialsDisagree(long[] a, long[] b) {
    if (a.length < 2 || b.length < 2) {
      return false;
    }
    return !middleInitialAmong(a, b) && !middleInitialAmong(b, a);
  }

  private static boolean middleInitialAmong(long[] from, long[] among) {
    for (int i = 1; i < from.length; i++) {
      for (long g : among) {
        if (from[i] == g) {
          return true;
        }
      }
    }
    return false;
  }

  /** A middle name of {@code from} appears among the given names of {@code among}. */
  private boolean middleAmongGiven(long[][] from, long[][] among) {
    for (int i = 1; i < from.length; i++) {
      for (long[] g : among) {
        if (Encoding.dice(from[i], g) >= rules.diceSame()) {
          return true;
        }
      }
    }
    return false;
  }
}
