package uk.vruhub.policy.model;

/**
 * How one output field is made.
 *
 * @param field the Avro field name
 * @param source the source value it is made from (see {@code Sources}), or null for derived fields
 * @param treatment what is done to the value before publication
 * @param rationale why the field is published, for the IG officer and recipients
 * @param condition for sensitive fields at level 2: the legal condition relied on, else null
 */
public record FieldRule(
    String field, String source, Treatment treatment, String rationale, String condition) {}
