package uk.vruhub.aggregator.web;

import org.springframework.http.HttpHeaders;
import uk.vruhub.aggregator.status.AggregatorStatus;

/**
 * How fresh an answer is, in headers on every table the API serves, so that a client (a Power BI
 * refresh, a script) can tell a complete table from one still being built without changing the
 * table's shape: {@value #CAUGHT_UP} ({@code true} or {@code false}) and {@value #DATA_AS_OF} (an
 * ISO-8601 instant; absent until the aggregator has first caught up). {@code GET /api/v1/status}
 * says more.
 */
public final class FreshnessHeaders {

  public static final String CAUGHT_UP = "X-Caught-Up";
  public static final String DATA_AS_OF = "X-Data-As-Of";

  private FreshnessHeaders() {}

  public static HttpHeaders of(AggregatorStatus status) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(CAUGHT_UP, Boolean.toString(status.caughtUp()));
    if (status.dataAsOf() != null) {
      headers.set(DATA_AS_OF, status.dataAsOf().time().toString());
    }
    return headers;
  }
}
