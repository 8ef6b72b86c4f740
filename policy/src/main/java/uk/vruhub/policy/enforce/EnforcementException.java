package uk.vruhub.policy.enforce;

/**
 * An output record cannot be built under the policy (a value the policy does not allow, an area the
 * hierarchy does not know). The aggregator stops rather than publish around it.
 */
public final class EnforcementException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EnforcementException(String topic, String field, String problem) {
    super("Cannot build a record of topic '" + topic + "', field '" + field + "': " + problem);
  }
}
