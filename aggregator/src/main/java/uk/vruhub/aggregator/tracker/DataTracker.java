package uk.vruhub.aggregator.tracker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.aggregator.status.TopicTail;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * Assembles the tracker report: the feed receipts (followed from their topics), the lateness of
 * each agency's newest extract judged against its configured cadence on today's date, and the
 * completeness and linkage counts the caller reads from the aggregator's state. Every count goes
 * through one {@link TrackerDisclosure} rule. The linkage count reads every person, so it is reused
 * for a while ({@code hub.aggregator.tracker.linkage-cache-for}).
 */
public final class DataTracker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DataTracker.class);

  private static final Map<Agency, String> FEED_TYPES =
      Map.of(
          Agency.POLICE, Ids.POLICE_CRIME_EVENTS,
          Agency.HEALTH, Ids.HEALTH_ED_ASSAULT_ATTENDANCES,
          Agency.EDUCATION, Ids.EDUCATION_SCHOOL_EVENTS);

  private final TopicTail<FeedReceipt> receipts;
  private final AggregatorProperties.Tracker config;
  private final PolicyIdentity policy;
  private final TrackerDisclosure rule;
  private final Clock clock;
  private final ZoneId zone;
  private final ReceiptHistory history;
  private List<LinkedShare> linkage;
  private Instant linkageAt;

  /**
   * @param receipts the feed-receipt topics, followed; null when receipts are not read (a test)
   * @param config the cadences and bounds
   * @param policy the policy in force
   * @param rule how every count is published: the policy's level-1 floor and rounding
   * @param clock today's date and the linkage cache's time
   */
  public DataTracker(
      TopicTail<FeedReceipt> receipts,
      AggregatorProperties.Tracker config,
      PolicyIdentity policy,
      TrackerDisclosure rule,
      Clock clock) {
    this.receipts = receipts;
    this.config = config;
    this.policy = policy;
    this.rule = rule;
    this.clock = clock;
    this.zone = ZoneId.of(config.zone());
    this.history = new ReceiptHistory(config.history());
  }

  /** The rule every count of the report is published by; the completeness and linkage too. */
  public TrackerDisclosure disclosure() {
    return rule;
  }

  /** Adds a receipt as if read from its topic (for tests and for callers that read them). */
  public synchronized void accept(FeedReceipt receipt) {
    history.add(receipt);
  }

  /**
   * The report now.
   *
   * @param asOf the aggregator's data as of, or null
   * @param completeness reads the completeness store
   * @param linkage counts the linkage's people
   */
  public synchronized TrackerReport report(
      Instant asOf,
      Supplier<List<Completeness>> completeness,
      Supplier<List<LinkedShare>> linkage) {
    List<String> problems = new ArrayList<>();
    if (receipts != null) {
      try {
        receipts.readNew((r, ts) -> history.add(r));
      } catch (RuntimeException e) {
        log.warn("The feed receipts could not be read for the tracker: {}", e.toString());
        problems.add("The feed receipts could not be read (" + e.getClass().getSimpleName() + ").");
      }
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    List<TrackerReport.AgencyFeed> feeds = new ArrayList<>();
    for (Agency agency : Agency.values()) {
      feeds.add(feed(agency, today));
    }
    return new TrackerReport(
        asOf,
        today,
        1,
        rule.floor(),
        TrackerDisclosure.BASE,
        policy.id(),
        policy.version(),
        policy.sha256(),
        feeds,
        completeness.get(),
        linkage(linkage),
        problems.isEmpty() ? null : String.join(" ", problems));
  }

  private TrackerReport.AgencyFeed feed(Agency agency, LocalDate today) {
    AggregatorProperties.Cadence cadence = config.cadence(agency.name().toLowerCase(Locale.ROOT));
    FeedReceipt newest = history.newestPublished(agency);
    Rag.Assessment a =
        Rag.assess(
            newest == null ? null : newest.getExtractDate(),
            cadence.cadence(),
            cadence.grace(),
            today);
    Map<String, Long> outcomes = new LinkedHashMap<>();
    history.outcomes(agency).forEach((o, n) -> outcomes.put(o.name(), n));
    return new TrackerReport.AgencyFeed(
        agency.name(),
        FEED_TYPES.get(agency),
        cadence.cadence().toString(),
        cadence.grace().toString(),
        newest == null ? null : newest.getExtractDate(),
        newest == null ? null : newest.getReceivedAt(),
        a.rag(),
        a.label(),
        a.due(),
        a.daysPastDue(),
        outcomes,
        history.recent(agency).stream()
            .map(r -> FeedSummary.of(r, config.topReasons(), rule))
            .toList());
  }

  private List<LinkedShare> linkage(Supplier<List<LinkedShare>> count) {
    Instant now = clock.instant();
    Duration cacheFor = config.linkageCacheFor();
    if (linkage == null || !now.isBefore(linkageAt.plus(cacheFor))) {
      linkage = count.get();
      linkageAt = now;
    }
    return linkage;
  }

  @Override
  public synchronized void close() {
    if (receipts != null) {
      receipts.close();
    }
  }
}
