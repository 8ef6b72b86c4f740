package uk.vruhub.policy.apply;

import java.util.List;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The cluster refused or did not answer a request of the topic job. Carries what had been changed
 * before, so the operator sees it: a rerun, which is safe at any point, finishes the rest.
 */
public final class ClusterPolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Change> made;
  private final boolean retriable;

  ClusterPolicyException(String message, Throwable cause, List<Change> made, boolean timedOut) {
    super(message, cause);
    this.made = List.copyOf(made);
    // A cluster still coming up: not all brokers registered yet, or not answering yet.
    this.retriable =
        timedOut
            || cause instanceof RetriableException
            || cause instanceof InvalidReplicationFactorException;
  }

  /** The changes made before the failure. */
  public List<Change> made() {
    return made;
  }

  /** Whether the same run may succeed a little later, as while a cluster starts. */
  public boolean retriable() {
    return retriable;
  }
}
