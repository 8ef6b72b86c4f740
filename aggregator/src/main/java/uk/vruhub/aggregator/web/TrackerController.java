package uk.vruhub.aggregator.web;

import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.aggregator.cohort.AgencyLinkage;
import uk.vruhub.aggregator.cohort.CohortTopology;
import uk.vruhub.aggregator.status.AggregatorStatus;
import uk.vruhub.aggregator.status.StatusSource;
import uk.vruhub.aggregator.tracker.Completeness;
import uk.vruhub.aggregator.tracker.DataTracker;
import uk.vruhub.aggregator.tracker.FieldCounts;
import uk.vruhub.aggregator.tracker.LinkedShare;
import uk.vruhub.aggregator.tracker.MonthKey;
import uk.vruhub.aggregator.tracker.TrackerReport;
import uk.vruhub.aggregator.tracker.TrackerTopology;

/**
 * The partnership data tracker ({@link TrackerReport}): for every recipient with a token, since it
 * holds dates and reason codes of the feeds and level-1 counts and shares (one rule: small counts
 * suppressed under the policy's level-1 floor, others rounded to the nearest 5, shares in whole per
 * cent only when both sides are at or above the floor), never a record of an output.
 */
@RestController
@RequestMapping("/api/v1")
class TrackerController {

  private final QueryableStores stores;
  private final StatusSource status;
  private final DataTracker tracker;
  private final RecipientAccess access;

  TrackerController(
      QueryableStores stores, StatusSource status, DataTracker tracker, RecipientAccess access) {
    this.stores = stores;
    this.status = status;
    this.tracker = tracker;
    this.access = access;
  }

  @GetMapping(value = "/tracker", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TrackerReport> tracker(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters) {
    access.identify(authorization);
    QueryParameters.of(parameters, List.of());
    AggregatorStatus freshness = status.current();
    TrackerReport report =
        tracker.report(
            freshness.dataAsOf() == null ? null : freshness.dataAsOf().time(),
            this::completeness,
            this::linkage);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .headers(FreshnessHeaders.of(freshness))
        .body(report);
  }

  private List<Completeness> completeness() {
    try (KeyValueIterator<MonthKey, FieldCounts> it =
        stores
            .<MonthKey, FieldCounts>typedKeyValueStore(TrackerTopology.COMPLETENESS_STORE)
            .all()) {
      return Completeness.read(it, tracker.disclosure());
    }
  }

  private List<LinkedShare> linkage() {
    try (KeyValueIterator<String, Object> it =
        stores.keyValueStore(CohortTopology.PEOPLE_STORE).all()) {
      return AgencyLinkage.count(it).stream()
          .map(c -> LinkedShare.of(c, tracker.disclosure()))
          .toList();
    }
  }
}
