package uk.vruhub.policy.enforce;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One output record built under the policy.
 *
 * @param key the record key: a String, or the topic's Avro key record
 * @param value the record
 * @param suppressed names of the count fields hidden by small-number suppression
 */
public record Enforced(Object key, SpecificRecord value, List<String> suppressed) {

  /** True when any count of the record was hidden. */
  public boolean anySuppressed() {
    return !suppressed.isEmpty();
  }
}
