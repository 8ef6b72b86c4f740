package uk.vruhub.aggregator.definitions;

/**
 * One partnership's definition of serious violence, at one version: a condition over the raw
 * attributes of an incident. Outputs name the definition they were made under as {@link #key()}.
 *
 * @param id stable id, e.g. {@code hips-2023}
 * @param version version of this definition
 * @param name readable name
 * @param basis where it comes from (document and reference)
 * @param condition the test
 */
public record Definition(String id, int version, String name, String basis, Condition condition) {

  /** {@code id@version}, as outputs carry it. */
  public String key() {
    return id + "@" + version;
  }

  public boolean includes(Incident incident) {
    return condition.test(incident);
  }
}
