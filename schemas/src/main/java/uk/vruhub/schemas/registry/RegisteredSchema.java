package uk.vruhub.schemas.registry;

/**
 * A schema as registered under a subject.
 *
 * @param subject the subject, e.g. {@code hub.hotspots.v1-value}
 * @param version version of the schema within the subject, from 1
 * @param id the registry-wide schema id written into every record
 * @param schema the schema text
 */
public record RegisteredSchema(String subject, int version, int id, String schema) {}
