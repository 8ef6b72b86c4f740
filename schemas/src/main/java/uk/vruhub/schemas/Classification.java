package uk.vruhub.schemas;

import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What a field is, for information governance. Every field of every hub schema carries one, in the
 * {@value #PROPERTY} property of its Avro field, and the policy's treatment of a field must fit it.
 * There is deliberately no class for direct identifiers: no schema may hold one.
 */
public enum Classification {
  /** Pseudonyms and match keys that can link records or people. Never published at level 1. */
  LINKAGE,
  /** Quasi-identifiers (age, sex, area, dates) that identify in combination: generalise them. */
  QUASI,
  /** Special-category or otherwise sensitive facts (injury, role in a crime, exclusion). */
  SENSITIVE,
  /** Non-identifying descriptions of an event (offence code, weapon, place type, counts). */
  DESCRIPTIVE,
  /** Processing metadata (feed ids, key ids, timestamps of processing). */
  TECHNICAL;

  /** Name of the Avro field property that holds the classification. */
  public static final String PROPERTY = "classification";

  /** The classification of a field, or empty when the field has none or an unknown one. */
  public static Optional<Classification> of(Schema.Field field) {
    String value = field.getProp(PROPERTY);
    if (value == null) {
      return Optional.empty();
    }
    for (Classification c : values()) {
      if (c.label().equals(value)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The label as written in schemas and the policy file, e.g. {@code quasi}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
