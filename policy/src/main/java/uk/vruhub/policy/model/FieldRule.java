package uk.vruhub.policy.model;

import java.util.List;

/**
 * How one output field is made.
 *
 * @param field the Avro field name
 * @param source the source value it is made from (see {@code Sources}), or null for derived fields
 * @param treatment what is done to the value before publication
 * @param rationale why the field is published, for the IG officer and recipients
 * @param lawfulBasis ids of the entries under {@code lawful-bases} the field is published under;
 *     empty when none is named
 */
public record FieldRule(
    String field, String source, Treatment treatment, String rationale, List<String> lawfulBasis) {

  /**
   * The lawful bases named for the field, as text ({@code "health-ed-disclosure,
   * svd-public-task"}), or null when none is named. The legal detail is in {@link
   * PolicyDocument#lawfulBases()}.
   */
  public String condition() {
    return lawfulBasis == null || lawfulBasis.isEmpty() ? null : String.join(", ", lawfulBasis);
  }
}
