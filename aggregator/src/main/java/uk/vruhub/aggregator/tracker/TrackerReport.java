package uk.vruhub.aggregator.tracker;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The partnership data tracker ({@code GET /api/v1/tracker}): whether each agency's feed arrives on
 * time, what became of its recent feeds, how complete its key fields are and how well its people
 * link to other agencies'. Counts, dates and reason codes only: nothing identifying.
 *
 * @param asOf the aggregator's data as of (the completeness and linkage hold everything committed
 *     to the agency topics before it); null until the aggregator has first caught up
 * @param today the date the lateness of feeds is judged on, in the partnership's zone
 * @param level the level the report is published at (1: aggregates, small counts suppressed)
 * @param policyId the policy in force
 * @param policyVersion its version
 * @param policyHash its SHA-256: the hash every output record carries
 * @param feeds per agency, its feed
 * @param completeness per agency and extract month, the share of records with each key field
 * @param linkage per agency, the share of its people linked to another agency
 * @param problem why a part is missing (e.g. the receipts could not be read); null otherwise
 */
public record TrackerReport(
    Instant asOf,
    LocalDate today,
    int level,
    int suppressionFloor,
    int roundingBase,
    String policyId,
    String policyVersion,
    String policyHash,
    List<AgencyFeed> feeds,
    List<Completeness> completeness,
    List<LinkedShare> linkage,
    String problem) {

  /**
   * One agency's feed.
   *
   * @param agency the agency
   * @param feedType the agency topic its feed fills
   * @param cadence how often an extract is expected (ISO-8601 period)
   * @param grace how late one may be before it is overdue (ISO-8601 period)
   * @param lastExtractDate the extract date of its newest published extract; null when none
   * @param lastReceivedAt when the hub received that extract
   * @param rag GREEN, AMBER or RED
   * @param status the status in words (never colour alone)
   * @param due when the next extract was due; null when none was ever published
   * @param daysPastDue days past due when AMBER or RED; null when GREEN (on time, or late within
   *     the grace period)
   * @param outcomes receipts seen, by outcome: counts of deliveries, not of people or rows, so
   *     exact
   * @param recent the most recent feeds, newest first
   */
  public record AgencyFeed(
      String agency,
      String feedType,
      String cadence,
      String grace,
      LocalDate lastExtractDate,
      Instant lastReceivedAt,
      Rag rag,
      String status,
      LocalDate due,
      Long daysPastDue,
      Map<String, Long> outcomes,
      List<FeedSummary> recent) {}
}
