package uk.vruhub.aggregator.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.aggregator.state.Profile;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.aggregator.topology.OutputRecords;
import uk.vruhub.avro.hub.CohortProfile;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.enforce.Enforced;

/**
 * The analyst's view of the current outputs, read from the aggregator's state stores and built by
 * the same policy enforcer as the topics: JSON, or CSV for Power BI ({@code format=csv}). Level 2
 * profiles need the analyst's bearer token and are not served at all when none is configured.
 */
@RestController
@RequestMapping("/api/v1")
class AnalystController {

  private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final QueryableStores stores;
  private final AggregatorSettings settings;
  private final byte[] analystToken;

  AnalystController(
      QueryableStores stores, AggregatorSettings settings, AggregatorProperties properties) {
    this.stores = stores;
    this.settings = settings;
    String hash = properties.analystTokenSha256();
    this.analystToken =
        hash == null || hash.isBlank()
            ? null
            : HexFormat.of().parseHex(hash.trim().toLowerCase(java.util.Locale.ROOT));
  }

  /** Current hotspot cells, most events first. */
  @GetMapping("/hotspots")
  ResponseEntity<?> hotspots(
      @RequestParam(defaultValue = "WEEK") PeriodType period,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate start,
      @RequestParam(required = false) String area,
      @RequestParam(required = false) String definition,
      @RequestParam(defaultValue = "COMBINED") HotspotSource source,
      @RequestParam(defaultValue = "1000") int limit,
      @RequestParam(defaultValue = "json") String format) {
    List<HotspotCell> cells = new ArrayList<>();
    try (KeyValueIterator<String, int[]> it =
        stores.<int[]>keyValueStore(HubTopology.CELLS_STORE).all()) {
      while (it.hasNext()) {
        KeyValue<String, int[]> kv = it.next();
        String[] key = kv.key.split("\\|");
        if (!key[1].equals(period.name())
            || (start != null && !key[2].equals(start.toString()))
            || (area != null && !key[0].equals(area))) {
          continue;
        }
        for (Enforced e : OutputRecords.hotspots(settings, kv.key, kv.value)) {
          HotspotCell cell = (HotspotCell) e.value();
          if (cell.getSource() == source
              && (definition == null
                  || cell.getDefinitionId().equals(definition)
                  || cell.getDefinitionId().startsWith(definition + "@"))) {
            cells.add(cell);
          }
        }
      }
    }
    cells.sort(
        Comparator.comparing((HotspotCell c) -> c.getCount() == null ? -1 : c.getCount())
            .reversed()
            .thenComparing(HotspotCell::getAreaCode));
    return answer(
        cells.subList(0, Math.min(limit, cells.size())), HotspotCell.getClassSchema(), format);
  }

  /** Current cohort summary cells. */
  @GetMapping("/cohort/summary")
  ResponseEntity<?> summary(
      @RequestParam(required = false) String area,
      @RequestParam(required = false) String ageBand,
      @RequestParam(defaultValue = "json") String format) {
    List<CohortSummaryCell> cells = new ArrayList<>();
    try (KeyValueIterator<String, Long> it =
        stores.<Long>keyValueStore(HubTopology.SUMMARY_STORE).all()) {
      while (it.hasNext()) {
        KeyValue<String, Long> kv = it.next();
        CohortSummaryCell cell =
            (CohortSummaryCell) OutputRecords.summary(settings, kv.key, kv.value).value();
        if ((area == null || cell.getAreaCode().equals(area))
            && (ageBand == null || cell.getAgeBand().equals(ageBand))) {
          cells.add(cell);
        }
      }
    }
    return answer(cells, CohortSummaryCell.getClassSchema(), format);
  }

  /** Level 2: the cohort's pseudonymised profiles, for the analyst only. */
  @GetMapping("/cohort/profiles")
  ResponseEntity<?> profiles(
      @RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestParam(defaultValue = "json") String format) {
    if (analystToken == null) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .body(
              Map.of(
                  "error",
                  "Level 2 profiles are not served over HTTP: no analyst token is configured"
                      + " (hub.aggregator.analyst-token-sha256)."));
    }
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || !MessageDigest.isEqual(sha256(authorization.substring(7).trim()), analystToken)) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .header("WWW-Authenticate", "Bearer")
          .body(Map.of("error", "The analyst's bearer token is required for level 2 profiles."));
    }
    List<CohortProfile> out = new ArrayList<>();
    try (KeyValueIterator<String, Profile> it =
        stores.<Profile>keyValueStore(HubTopology.PROFILES_STORE).all()) {
      it.forEachRemaining(
          kv -> out.add((CohortProfile) OutputRecords.profile(settings, kv.value).value()));
    }
    return answer(out, CohortProfile.getClassSchema(), format);
  }

  private static ResponseEntity<?> answer(
      List<? extends SpecificRecord> records, Schema schema, String format) {
    if (format.equalsIgnoreCase("csv")) {
      return ResponseEntity.ok().contentType(CSV).body(Tables.csv(records, schema));
    }
    return ResponseEntity.ok(records.stream().map(Tables::row).toList());
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(StreamsStores.NotReady.class)
  ResponseEntity<Map<String, String>> notReady(StreamsStores.NotReady e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .body(Map.of("error", e.getMessage()));
  }
}
