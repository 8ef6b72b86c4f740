package uk.vruhub.aggregator.status;

/**
 * The aggregator's status as the HTTP API and the health endpoint read it: measured from the
 * cluster in the application, fixed in the API's tests.
 */
public interface StatusSource {

  /** The status, at most {@code hub.aggregator.status.cache-for} old. */
  AggregatorStatus current();
}
