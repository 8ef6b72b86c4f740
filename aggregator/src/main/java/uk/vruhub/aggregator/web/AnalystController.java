package uk.vruhub.aggregator.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.aggregator.cohort.CohortRecords;
import uk.vruhub.aggregator.cohort.CohortTopology;
import uk.vruhub.aggregator.cohort.Profile;
import uk.vruhub.aggregator.cohort.SummaryCell;
import uk.vruhub.aggregator.hotspot.Cell;
import uk.vruhub.aggregator.hotspot.CellCounts;
import uk.vruhub.aggregator.hotspot.HotspotRecords;
import uk.vruhub.aggregator.hotspot.HotspotTopology;
import uk.vruhub.aggregator.status.AggregatorStatus;
import uk.vruhub.aggregator.status.StatusSource;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.CohortProfile;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The analyst's view of the current outputs, read from the aggregator's state stores and built by
 * the same policy enforcer as the topics: JSON, or CSV for Power BI ({@code format=csv} or {@code
 * Accept: text/csv}). Every table needs a recipient's bearer token and is served only to the
 * recipients the policy grants its topic, up to their level ({@link RecipientAccess}): the token is
 * checked before anything else of the request is read. Every refusal is an RFC 9457 problem ({@link
 * ProblemDetailsAdvice}).
 */
@RestController
@RequestMapping("/api/v1")
class AnalystController {

  /**
   * The most hotspot cells one answer holds: a year of monthly cells of every LSOA of a
   * county-sized VRU area under every definition (about 50,000), with room; more would be a
   * response of tens of megabytes built in memory.
   */
  static final int MAX_LIMIT = 100_000;

  static final int DEFAULT_LIMIT = 1000;

  private static final List<String> HOTSPOT_PARAMETERS =
      List.of("period", "start", "area", "level", "definition", "source", "limit", "format");
  private static final List<String> SUMMARY_PARAMETERS = List.of("area", "ageBand", "format");
  private static final List<String> PROFILE_PARAMETERS = List.of("format");

  private final QueryableStores stores;
  private final StatusSource status;
  private final AggregatorSettings settings;
  private final RecipientAccess access;

  /** The periods the policy publishes hotspots for; the schema has more than it allows. */
  private final List<PeriodType> periods;

  private final PeriodType defaultPeriod;

  private final HotspotRecords hotspotRecords;

  /** The definitions loaded: the only ones the topology publishes. */
  private final java.util.Set<String> loaded;

  AnalystController(
      QueryableStores stores,
      StatusSource status,
      AggregatorSettings settings,
      RecipientAccess access) {
    this.stores = stores;
    this.status = status;
    this.settings = settings;
    this.periods = settings.policy().topic(Ids.HOTSPOTS).periodTypes("periodType");
    this.defaultPeriod = periods.contains(PeriodType.WEEK) ? PeriodType.WEEK : periods.get(0);
    this.hotspotRecords = new HotspotRecords(settings);
    this.loaded =
        settings.definitions().all().stream()
            .map(uk.vruhub.aggregator.definitions.Definition::key)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.access = access;
  }

  /** Current hotspot cells, most events first. */
  @GetMapping("/hotspots")
  ResponseEntity<?> hotspots(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    access.require(authorization, Ids.HOTSPOTS);
    QueryParameters query = QueryParameters.of(parameters, HOTSPOT_PARAMETERS);
    PeriodType period = query.choice("period", periods, defaultPeriod);
    LocalDate start = query.periodStart("start", period);
    String area = query.code("area");
    AreaLevel level = query.choice("level", AreaLevel.class, null);
    String definition = query.definition("definition", settings.definitions());
    HotspotSource source = query.choice("source", HotspotSource.class, HotspotSource.COMBINED);
    int limit = query.whole("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    Representation as = query.representation(accept);
    AggregatorStatus freshness = status.current();

    List<HotspotCell> cells = new ArrayList<>();
    java.time.Instant now = settings.clock().instant();
    try (KeyValueIterator<Cell, CellCounts> it =
        stores.<Cell, CellCounts>typedKeyValueStore(HotspotTopology.CELLS_STORE).all()) {
      while (it.hasNext()) {
        KeyValue<Cell, CellCounts> kv = it.next();
        Cell cell = kv.key;
        if (cell.period() != period
            || (start != null && !cell.start().equals(start))
            || (area != null && !cell.area().equals(area))) {
          continue;
        }
        kv.value
            .byDefinition()
            .forEach(
                (key, counts) -> {
                  if (loaded.contains(key)
                      && (definition == null
                          || key.equals(definition)
                          || key.startsWith(definition + "@"))) {
                    HotspotCell c =
                        (HotspotCell)
                            hotspotRecords.of(cell.under(key), counts, source, now).value();
                    if (level == null || c.getAreaLevel() == level) {
                      cells.add(c);
                    }
                  }
                });
      }
    }
    cells.sort(
        Comparator.comparing((HotspotCell c) -> c.getCount() == null ? -1 : c.getCount())
            .reversed()
            .thenComparing(HotspotCell::getAreaCode));
    ResponseEntity<?> answer =
        answer(
            cells.subList(0, Math.min(limit, cells.size())),
            HotspotCell.getClassSchema(),
            as,
            freshness);
    // Never cut silently: a caller drawing every area of a query must learn that some are missing
    // (the cut drops suppressed cells first) rather than draw them as areas without events.
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(answer.getHeaders());
    headers.set(TOTAL_COUNT, Integer.toString(cells.size()));
    headers.set(TRUNCATED, Boolean.toString(cells.size() > limit));
    return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
  }

  /** How many cells matched the query, before the limit. */
  static final String TOTAL_COUNT = "X-Total-Count";

  /** {@code true} when more cells matched than the limit let through. */
  static final String TRUNCATED = "X-Truncated";

  /** Current cohort summary cells. */
  @GetMapping("/cohort/summary")
  ResponseEntity<?> summary(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    access.require(authorization, Ids.COHORT_SUMMARY);
    QueryParameters query = QueryParameters.of(parameters, SUMMARY_PARAMETERS);
    String area = query.code("area");
    String ageBand = query.code("ageBand");
    Representation as = query.representation(accept);
    AggregatorStatus freshness = status.current();

    List<CohortSummaryCell> cells = new ArrayList<>();
    try (KeyValueIterator<SummaryCell, Long> it =
        stores.<SummaryCell, Long>typedKeyValueStore(CohortTopology.SUMMARY_STORE).all()) {
      while (it.hasNext()) {
        KeyValue<SummaryCell, Long> kv = it.next();
        CohortSummaryCell cell =
            (CohortSummaryCell) CohortRecords.summary(settings, kv.key, kv.value).value();
        if ((area == null || cell.getAreaCode().equals(area))
            && (ageBand == null || cell.getAgeBand().equals(ageBand))) {
          cells.add(cell);
        }
      }
    }
    return answer(cells, CohortSummaryCell.getClassSchema(), as, freshness);
  }

  /**
   * Level 2: the cohort's pseudonymised profiles, for the recipients granted them (the analyst).
   */
  @GetMapping("/cohort/profiles")
  ResponseEntity<?> profiles(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    access.require(authorization, Ids.COHORT_PROFILES);
    Representation as = QueryParameters.of(parameters, PROFILE_PARAMETERS).representation(accept);
    AggregatorStatus freshness = status.current();

    List<CohortProfile> out = new ArrayList<>();
    try (KeyValueIterator<String, Profile> it =
        stores.<Profile>keyValueStore(CohortTopology.PROFILES_STORE).all()) {
      it.forEachRemaining(
          kv -> out.add((CohortProfile) CohortRecords.profile(settings, kv.value).value()));
    }
    return answer(out, CohortProfile.getClassSchema(), as, freshness);
  }

  /**
   * The table as asked; {@code Vary: Accept}, since the header can choose the representation. The
   * freshness headers come from a status taken before the table was read: the stores only move
   * forward, so the table holds at least what that status's data-as-of promises.
   */
  private static ResponseEntity<?> answer(
      List<? extends SpecificRecord> records,
      Schema schema,
      Representation as,
      AggregatorStatus freshness) {
    ResponseEntity.BodyBuilder ok =
        ResponseEntity.ok()
            .contentType(as.mediaType())
            .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
            .headers(FreshnessHeaders.of(freshness));
    return switch (as) {
      case CSV -> ok.body(Tables.csv(records, schema));
      case JSON -> ok.body(records.stream().map(Tables::row).toList());
    };
  }
}
