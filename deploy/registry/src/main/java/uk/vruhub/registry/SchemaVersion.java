package uk.vruhub.registry;

/**
 * A schema registered under a subject.
 *
 * @param subject subject name
 * @param version version within the subject, from 1
 * @param id registry-wide schema id
 * @param schema the schema text as registered
 */
public record SchemaVersion(String subject, int version, int id, String schema) {}
