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
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.tracker.Completeness;
import uk.vruhub.aggregator.tracker.DataTracker;
import uk.vruhub.aggregator.tracker.FieldCounts;
import uk.vruhub.aggregator.tracker.MonthKey;
import uk.vruhub.aggregator.tracker.TrackerReport;
import uk.vruhub.aggregator.tracker.TrackerTopology;
import uk.vruhub.policy.model.LevelRules;

/**
 * The partnership data tracker ({@link TrackerReport}): for every recipient with a token, since it
 * holds counts, dates and reason codes of the feeds and level-1 linkage shares (small counts
 * suppressed under the policy's level-1 floor), never a record of an output.
 */
@RestController
@RequestMapping("/api/v1")
class TrackerController {

  private final QueryableStores stores;
  private final StatusSource status;
  private final DataTracker tracker;
  private final RecipientAccess access;
  private final int floor;

  TrackerController(
      QueryableStores stores,
      StatusSource status,
      DataTracker tracker,
      AggregatorSettings settings,
      RecipientAccess access) {
    this.stores = stores;
    this.status = status;
    this.tracker = tracker;
    this.access = access;
    LevelRules level1 = settings.policy().policy().document().levels().get(1);
    this.floor =
        level1 == null || level1.suppressionFloor() == null ? 5 : level1.suppressionFloor();
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
      return Completeness.read(it);
    }
  }

  private List<AgencyLinkage> linkage() {
    try (KeyValueIterator<String, Object> it =
        stores.keyValueStore(CohortTopology.PEOPLE_STORE).all()) {
      return AgencyLinkage.count(it, floor);
    }
  }
}
