package uk.vruhub.schemas.registry;

/** Compatibility levels of the Confluent Schema Registry API. */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  /** Whether a new schema is checked against every earlier version, not just the latest. */
  public boolean transitive() {
    return name().endsWith("_TRANSITIVE");
  }

  /** Whether the new schema must read data written with earlier ones. */
  public boolean backward() {
    return this == BACKWARD
        || this == BACKWARD_TRANSITIVE
        || this == FULL
        || this == FULL_TRANSITIVE;
  }

  /** Whether earlier schemas must read data written with the new one. */
  public boolean forward() {
    return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
  }
}
