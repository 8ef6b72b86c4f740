package uk.vruhub.registry.store;

import uk.vruhub.schemas.registry.CompatibilityLevel;

/**
 * One change to the registry, as kept in the schema log. Replaying the log rebuilds the registry.
 */
public sealed interface LogEntry {

  /**
   * A schema registered under a subject.
   *
   * @param subject subject name
   * @param version version within the subject, from 1
   * @param id registry-wide schema id
   * @param schema the schema text as registered (docs and custom properties kept)
   */
  record SchemaRegistered(String subject, int version, int id, String schema) implements LogEntry {}

  /**
   * The compatibility level of a subject (or of the registry when subject is null) set or, when
   * level is null, cleared.
   */
  record CompatibilitySet(String subject, CompatibilityLevel level) implements LogEntry {}
}
