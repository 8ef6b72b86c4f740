package uk.vruhub.policy.model;

import java.util.List;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.PeriodType;

/** What is done to a value before it is published. Each kind is a record below. */
public interface Treatment {

  /** The name used in the policy file. */
  String kind();

  /** How the treatment reads in a report, e.g. {@code generalise to WARD}. */
  String describe();

  /** Publish the value as it is; for enum fields optionally only some values. */
  record Keep(List<String> allowed) implements Treatment {
    @Override
    public String kind() {
      return "keep";
    }

    @Override
    public String describe() {
      return allowed.isEmpty() ? "keep" : "keep only " + String.join(", ", allowed);
    }
  }

  /** Replace the value by a keyed pseudonym made with the named recipient's secret. */
  record Pseudonymise(String recipient) implements Treatment {
    @Override
    public String kind() {
      return "pseudonymise";
    }

    @Override
    public String describe() {
      return "pseudonymise for " + recipient;
    }
  }

  /** Replace an age by its band. */
  record AgeBand(List<Band> bands) implements Treatment {
    @Override
    public String kind() {
      return "age-band";
    }

    @Override
    public String describe() {
      return "age band " + String.join(", ", bands.stream().map(Band::label).toList());
    }
  }

  /**
   * One age band: {@code from} to {@code to} inclusive, or {@code from} and over when {@code to} is
   * null.
   */
  record Band(int from, Integer to, String label) {
    public boolean contains(int age) {
      return age >= from && (to == null || age <= to);
    }

    /** Years spanned, or null when open-ended. */
    public Integer width() {
      return to == null ? null : to - from + 1;
    }
  }

  /** Lift an area code to the given level of the hierarchy (codes already as coarse stay). */
  record GeneraliseArea(AreaLevel level) implements Treatment {
    @Override
    public String kind() {
      return "generalise-area";
    }

    @Override
    public String describe() {
      return "generalise area to " + level;
    }
  }

  /**
   * Truncate a date or time to the start of a period: a fixed unit, or the unit named by another
   * field of the same record ({@code unitFrom}).
   */
  record TruncateTime(PeriodType unit, String unitFrom) implements Treatment {
    @Override
    public String kind() {
      return "truncate-time";
    }

    @Override
    public String describe() {
      return unit != null ? "truncate to " + unit : "truncate to the period in " + unitFrom;
    }
  }

  /**
   * A count with small-number suppression: values from 1 to {@code suppressBelow - 1} are hidden
   * (published as null, or as {@code suppressedAs}); shown values are optionally rounded to the
   * nearest {@code roundTo}. Zero is published as 0 unless {@code suppressZero}, which hides it
   * like a small number: a reader then cannot tell a hidden count is at least 1, so several hidden
   * counts under a hidden total cannot be narrowed down by adding them up.
   */
  record Count(int suppressBelow, Integer roundTo, Integer suppressedAs, boolean suppressZero)
      implements Treatment {

    /** A count whose zeros are published. */
    public Count(int suppressBelow, Integer roundTo, Integer suppressedAs) {
      this(suppressBelow, roundTo, suppressedAs, false);
    }

    /**
     * The value a count that is shown (not hidden) is published as: rounded to the nearest multiple
     * of {@code roundTo}, halves up, and never below one step, so a shown count is never rounded
     * down to 0; unchanged when the treatment does not round.
     */
    public int rounded(int n) {
      if (roundTo == null || n == 0) {
        return n;
      }
      return Math.max(roundTo, Math.round((float) n / roundTo) * roundTo);
    }

    @Override
    public String kind() {
      return "count";
    }

    @Override
    public String describe() {
      return "count, "
          + (suppressZero ? "0" : "1")
          + "-"
          + (suppressBelow - 1)
          + " hidden"
          + (roundTo == null ? "" : ", rounded to nearest " + roundTo);
    }
  }

  /** Cap a number at {@code max}, so extreme values do not single anyone out. */
  record TopCode(int max) implements Treatment {
    @Override
    public String kind() {
      return "top-code";
    }

    @Override
    public String describe() {
      return "top-coded at " + max;
    }
  }

  /** A value computed from another published field of the same record. */
  record Derive(Derivation derivation, String of, String population) implements Treatment {
    @Override
    public String kind() {
      return "derive";
    }

    @Override
    public String describe() {
      return switch (derivation) {
        case AREA_LEVEL -> "level of " + of;
        case SUPPRESSED -> "whether " + of + " was hidden";
        case RATE_PER_10K -> "rate per 10,000 from " + of + " and " + population;
      };
    }
  }

  /** What a derived field computes. */
  enum Derivation {
    AREA_LEVEL("area-level"),
    SUPPRESSED("suppressed"),
    RATE_PER_10K("rate-per-10k");

    private final String label;

    Derivation(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
