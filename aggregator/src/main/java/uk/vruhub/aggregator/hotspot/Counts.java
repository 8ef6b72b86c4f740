package uk.vruhub.aggregator.hotspot;

import uk.vruhub.aggregator.definitions.Incident;

/**
 * The events of one hotspot cell under one definition, by source and by whether their location is
 * known: named fields, so nothing depends on the order of an enum or of the definitions. Also the
 * form of a change to them (a delta, which may be negative).
 */
public record Counts(
    int policeLocated, int policeUnlocated, int healthLocated, int healthUnlocated) {

  public static final Counts ZERO = new Counts(0, 0, 0, 0);

  /** One event (sign +1) or its withdrawal (sign -1) from a source, located or not. */
  static Counts of(Incident.Source source, boolean unlocated, int sign) {
    return switch (source) {
      case POLICE -> unlocated ? new Counts(0, sign, 0, 0) : new Counts(sign, 0, 0, 0);
      case HEALTH -> unlocated ? new Counts(0, 0, 0, sign) : new Counts(0, 0, sign, 0);
    };
  }

  public Counts plus(Counts o) {
    return new Counts(
        policeLocated + o.policeLocated,
        policeUnlocated + o.policeUnlocated,
        healthLocated + o.healthLocated,
        healthUnlocated + o.healthUnlocated);
  }

  public Counts negate() {
    return new Counts(-policeLocated, -policeUnlocated, -healthLocated, -healthUnlocated);
  }

  public boolean isZero() {
    return policeLocated == 0 && policeUnlocated == 0 && healthLocated == 0 && healthUnlocated == 0;
  }

  /** All events, of both sources. */
  public int events() {
    return policeLocated + policeUnlocated + healthLocated + healthUnlocated;
  }
}
