package uk.vruhub.aggregator.cohort;

import uk.vruhub.avro.common.Sex;

/**
 * What the linkage compares of a record: its similarity encoding, sex and home area. Records of one
 * person that agree on all of these are one variant and are compared once.
 *
 * @param encoding the similarity encoding, or null when the record had none
 * @param sex sex as recorded
 * @param lsoa home LSOA (or the finest home area), or null
 * @param district home local authority district, or null
 */
record IdentityVariant(Encoding encoding, Sex sex, String lsoa, String district) {

  static IdentityVariant of(PersonFact f) {
    return new IdentityVariant(f.encoding(), f.sex(), f.homeArea(), f.homeDistrict());
  }

  /**
   * A number made from the variant's content alone, never from when it arrived: ties between
   * equally good matches are broken by it, so the people made do not depend on record order.
   */
  long order() {
    long h = encoding == null ? 0 : encoding.fingerprint();
    h = h * 31 + (sex == null ? 0 : sex.name().hashCode());
    h = h * 31 + (lsoa == null ? 0 : lsoa.hashCode());
    return h * 31 + (district == null ? 0 : district.hashCode());
  }

  boolean comparable() {
    return encoding != null;
  }
}
