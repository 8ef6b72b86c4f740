package uk.vruhub.aggregator.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import uk.vruhub.aggregator.topology.AggregatorSettings.StateStores;

/**
 * Settings of the aggregator, under {@code hub.aggregator.*}; every key is documented in the module
 * README. Files are plain paths; unset reference files fall back to the synthetic sample shipped
 * for demos, with a warning.
 *
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix)
 * @param stateDir where Kafka Streams keeps state
 * @param streamThreads stream threads
 * @param commitInterval how often results are committed (and so published)
 * @param cacheBytes record cache, which collapses updates between commits
 * @param policyFile the information-sharing policy; the aggregator refuses to start on a policy
 *     that fails its checks
 * @param areasFile the area hierarchy (areas.csv layout)
 * @param populationFile population estimates (ONS mid-year layout)
 * @param definitionsFile serious-violence definitions; the shipped ones when unset
 * @param vruAreaCode code of the VRU area unlocated events are counted in; the only VRU area of the
 *     hierarchy when unset
 * @param recipientSecretsDir directory of recipient secrets, one file per recipient id
 * @param registry the schema registry
 * @param cohort who is in the cohort
 * @param http the analyst API's recipients
 * @param auditInterval how often each output topic's publication cycle (cells published, suppressed
 *     and withdrawn since the last) is written to the audit topic
 * @param stateStores where state lives: {@code rocksdb} (disk, bounded memory) or {@code in-memory}
 *     (heap, restored from changelogs at start)
 * @param runStreams whether to run the streams at all (false: the topology is built and checked but
 *     not run, e.g. to inspect it)
 * @param topicSpecFile a topic spec of the operator's own (other names or partition counts); the
 *     shipped spec when unset
 * @param status how the status (lag, data as of) is measured
 * @param hotspotFlushInterval how often the hotspot count changes, netted per cell, are sent on to
 *     be counted and published: longer sends fewer records, later; the commit interval when unset
 * @param tracker what the partnership data tracker expects of each agency's feeds
 * @param governance how much of the audit trail the governance endpoint keeps
 * @param dashboard the dashboard's settings
 * @param refusalAuditTimeout how long the aggregator, refusing to start on a policy that breaks the
 *     rules, tries to write the {@code POLICY_REFUSED} audit event before it gives up and exits
 */
@Validated
@ConfigurationProperties("hub.aggregator")
public record AggregatorProperties(
    @NotBlank @DefaultValue("vru-aggregator") String applicationId,
    String stateDir,
    @Min(1) @DefaultValue("2") int streamThreads,
    @NotNull @DefaultValue("100ms") Duration commitInterval,
    @DefaultValue("33554432") long cacheBytes,
    @NotBlank @DefaultValue("deploy/policy/vru-hub-isa.yaml") String policyFile,
    String areasFile,
    String populationFile,
    String definitionsFile,
    String vruAreaCode,
    String recipientSecretsDir,
    @Valid @NotNull @DefaultValue Registry registry,
    @Valid @NotNull @DefaultValue Cohort cohort,
    @Valid @NotNull @DefaultValue Http http,
    @NotNull @DefaultValue("1m") Duration auditInterval,
    @NotNull @DefaultValue("rocksdb") StateStores stateStores,
    @DefaultValue("true") boolean runStreams,
    String topicSpecFile,
    @Valid @NotNull @DefaultValue Status status,
    Duration hotspotFlushInterval,
    @Valid @NotNull @DefaultValue Tracker tracker,
    @Valid @NotNull @DefaultValue Governance governance,
    @Valid @NotNull @DefaultValue Dashboard dashboard,
    @NotNull @DefaultValue("10s") Duration refusalAuditTimeout) {

  /**
   * @param boundaries a GeoJSON file of LSOA boundaries in the ONS layout (a FeatureCollection
   *     whose features carry {@code LSOA21CD}, e.g. the ONS "LSOA (2021) Boundaries EW BGC" file,
   *     in WGS84); only the LSOAs of the area hierarchy are served. Without it the hotspot map has
   *     no areas to draw (the local hub sets it to the synthetic area's file)
   * @param boundariesMaxPoints the most boundary points the kept LSOAs may hold (2,000,000, some
   *     100 MB of heap while the wards are built); the file is read as a stream, so its own size is
   *     not capped, only what is kept of it
   */
  public record Dashboard(
      String boundaries, @DefaultValue("2000000") @Positive long boundariesMaxPoints) {}

  /**
   * @param url schema registry URL(s)
   * @param autoRegister register output schemas on first use (needs the registry's write role)
   * @param username the registry user the aggregator authenticates as (HTTP basic), e.g. {@code
   *     aggregator}; none when unset
   * @param passwordFile file holding that user's password; required with a username
   * @param caFile PEM file of the CA an HTTPS registry's certificate chains to; the JVM's trusted
   *     CAs when unset
   */
  public record Registry(
      @NotBlank @DefaultValue("https://localhost:8081") String url,
      @DefaultValue("false") boolean autoRegister,
      String username,
      String passwordFile,
      String caFile) {

    /** Checked at start-up: a user without a password could not authenticate. */
    @AssertTrue(
        message =
            "hub.aggregator.registry.username and hub.aggregator.registry.password-file go"
                + " together: set both (the file holds the registry user's password) or neither")
    public boolean isPasswordGivenWithUser() {
      return (username == null || username.isBlank())
          == (passwordFile == null || passwordFile.isBlank());
    }
  }

  /**
   * Who the analyst API serves: each recipient of the policy by its own bearer token, of which only
   * the hex SHA-256 is configured. A request's token says which recipient asks; it is served the
   * topics the policy grants that recipient, up to its level.
   *
   * @param recipientTokens hex SHA-256 of each recipient's token, by recipient id ({@code
   *     hub.aggregator.http.recipient-tokens.vru-analyst=...})
   * @param recipientTokensDir a folder of files named by recipient id, each holding the hex SHA-256
   *     of that recipient's token (as secrets are mounted in containers); read with the map above
   */
  public record Http(Map<String, String> recipientTokens, String recipientTokensDir) {}

  /**
   * @param cacheFor how long one measurement of the consumer group's offsets is reused, so that
   *     polling the status, the health check and every analyst request do not each ask the broker
   * @param timeout longest wait for one answer of the cluster while measuring
   */
  public record Status(
      @NotNull @DefaultValue("1s") Duration cacheFor,
      @NotNull @DefaultValue("5s") Duration timeout) {}

  /**
   * @param lookbackMonths months a profile looks back
   * @param minAge youngest age of the multi-agency rule
   * @param maxAge oldest age of the multi-agency rule
   * @param minAgencies agencies a young person must be known to
   * @param minViolenceEvents serious-violence events that put anyone in the cohort
   * @param strongKeys match-key schemes that link records on their own (the agencies' own
   *     identifiers, the force's nominal id among them; every other link goes through the linkage
   *     rules)
   * @param unencodedKeys match-key schemes that link records on their own when neither carries a
   *     similarity encoding (from producers older than the fuzzy linkage)
   * @param definition the serious-violence definition the cohort's violence counts use
   * @param linkageRulesFile the fuzzy linkage's weights, threshold and contradictions; the shipped
   *     {@code linkage-rules.yaml} when unset
   */
  public record Cohort(
      @Min(1) @DefaultValue("12") int lookbackMonths,
      @DefaultValue("10") int minAge,
      @DefaultValue("24") int maxAge,
      @Min(1) @DefaultValue("2") int minAgencies,
      @Min(1) @DefaultValue("3") int minViolenceEvents,
      @NotNull @DefaultValue({"NHS_NUMBER", "UPN", "PNC_ID", "POLICE_NOMINAL"})
          List<String> strongKeys,
      @NotNull @DefaultValue("FULLNAME_DOB_SEX") List<String> unencodedKeys,
      @NotBlank @DefaultValue("hips-2023") String definition,
      String linkageRulesFile) {}

  /**
   * The partnership data tracker ({@code GET /api/v1/tracker}).
   *
   * @param feeds per agency ({@code police}, {@code health}, {@code education}), how often an
   *     extract is expected and how late it may be; an agency not set keeps its default (police and
   *     health nightly with a day's grace, education monthly with a week's)
   * @param history the recent feeds shown per agency (newest first)
   * @param topReasons the reject reasons shown per feed (most rows first)
   * @param zone the partnership's time zone: what "today" is when a feed's lateness is judged
   * @param linkageCacheFor how long one count of the linked people is reused (it reads every person
   *     of the linkage's state)
   */
  public record Tracker(
      Map<String, Cadence> feeds,
      @Min(1) @DefaultValue("12") int history,
      @Min(1) @DefaultValue("3") int topReasons,
      @NotBlank @DefaultValue("Europe/London") String zone,
      @NotNull @DefaultValue("30s") Duration linkageCacheFor) {

    static final Map<String, Cadence> DEFAULTS =
        Map.of(
            "police", new Cadence(java.time.Period.ofDays(1), java.time.Period.ofDays(1)),
            "health", new Cadence(java.time.Period.ofDays(1), java.time.Period.ofDays(1)),
            "education", new Cadence(java.time.Period.ofMonths(1), java.time.Period.ofDays(7)));

    /** Checked at start-up: a cadence for an agency the hub does not know is a typing error. */
    @AssertTrue(
        message =
            "hub.aggregator.tracker.feeds names an agency the hub does not know: use police,"
                + " health or education")
    public boolean isEveryFeedAnAgency() {
      return feeds == null || DEFAULTS.keySet().containsAll(feeds.keySet());
    }

    /** Checked at start-up. */
    @AssertTrue(message = "hub.aggregator.tracker.zone is not a time zone id (e.g. Europe/London)")
    public boolean isZoneKnown() {
      try {
        java.time.ZoneId.of(zone);
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }

    /**
     * Checked at start-up: a cadence must be a positive period and a grace not negative, or every
     * feed would be judged against a due date on or before its own extract.
     */
    @AssertTrue(
        message =
            "hub.aggregator.tracker.feeds.<agency>.cadence must be a positive period (e.g. P1D,"
                + " P1M) and .grace zero or positive (e.g. P0D, P7D)")
    public boolean isEveryCadencePositive() {
      return feeds == null || feeds.values().stream().allMatch(Cadence::valid);
    }

    /** The cadence of an agency's feed ({@code police}...), configured or its default. */
    public Cadence cadence(String agency) {
      Cadence set = feeds == null ? null : feeds.get(agency);
      return set != null ? set : DEFAULTS.get(agency);
    }
  }

  /**
   * @param cadence how often an extract is expected, as an ISO-8601 period ({@code P1D} nightly,
   *     {@code P1M} monthly)
   * @param grace how late an extract may be before the tracker shows it overdue ({@code P0D} when
   *     unset)
   */
  public record Cadence(@NotNull java.time.Period cadence, java.time.Period grace) {
    public Cadence {
      grace = grace == null ? java.time.Period.ZERO : grace;
    }

    /** Whether the cadence is positive (no negative part, not zero) and the grace not negative. */
    public boolean valid() {
      return cadence != null
          && !cadence.isZero()
          && cadence.getYears() >= 0
          && cadence.getMonths() >= 0
          && cadence.getDays() >= 0
          && grace.getYears() >= 0
          && grace.getMonths() >= 0
          && grace.getDays() >= 0;
    }
  }

  /**
   * The governance endpoints ({@code /api/v1/governance/*}).
   *
   * @param auditKept the newest audit events kept in memory for {@code GET
   *     /api/v1/governance/audit}; older ones stay on the audit topic
   */
  public record Governance(@Min(1) @DefaultValue("10000") int auditKept) {}
}
