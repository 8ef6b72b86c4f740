package uk.vruhub.aggregator.governance;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.aggregator.status.TopicTail;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.AuditType;

/**
 * The audit trail as the governance page shows it: the newest audit events of {@code hub.audit.v1}
 * (this hub version writes policy loads and refusals and every publication cycle of the level-1
 * topics; the schema's feed and cohort types are not written yet), filtered by type and time and
 * paged. Only the newest {@code kept} events are held in memory; the topic keeps the rest. The
 * topic is read from the last {@code kept} offsets of each partition, so what is held is among the
 * newest even before it has been read to its end; until it has, a page says it is not complete.
 * Audit events hold no identifier.
 */
public final class AuditTrail implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  /** The most events one page holds. */
  public static final int MAX_PAGE = 500;

  private final TopicTail<AuditEvent> topic;
  private final int kept;
  private final Deque<Entry> newest = new ArrayDeque<>();

  /**
   * @param topic the audit topic, followed; null when it is not read (a test)
   * @param kept how many of the newest events are held
   */
  public AuditTrail(TopicTail<AuditEvent> topic, int kept) {
    this.topic = topic;
    this.kept = kept;
  }

  /**
   * One audit event.
   *
   * @param eventId its id
   * @param occurredAt when it happened
   * @param type what happened
   * @param component the service that recorded it
   * @param policyId the policy in force
   * @param policyVersion its version
   * @param policyHash its SHA-256
   * @param topic the topic concerned, if any
   * @param feedId the feed concerned, if any
   * @param count how many records or cells it concerned, if any
   * @param details further facts, never an identifier
   * @param windowFrom a publication cycle's first record written (inclusive); null otherwise
   * @param windowTo when a publication cycle was closed (exclusive); null otherwise
   * @param cellsPublished a publication cycle's cells written with a value, suppressed included
   * @param cellsSuppressed of those, the cells with a suppressed count
   * @param cellsWithdrawn a publication cycle's cells withdrawn (tombstones)
   */
  public record Entry(
      String eventId,
      Instant occurredAt,
      String type,
      String component,
      String policyId,
      String policyVersion,
      String policyHash,
      String topic,
      String feedId,
      Long count,
      Map<String, String> details,
      Instant windowFrom,
      Instant windowTo,
      Long cellsPublished,
      Long cellsSuppressed,
      Long cellsWithdrawn) {

    static Entry of(AuditEvent e) {
      Map<String, String> details = new TreeMap<>();
      e.getDetails().forEach((k, v) -> details.put(k.toString(), v == null ? null : v.toString()));
      return new Entry(
          e.getEventId(),
          e.getOccurredAt(),
          e.getType().name(),
          e.getComponent(),
          e.getPolicyId(),
          e.getPolicyVersion(),
          e.getPolicyHash(),
          e.getTopic(),
          e.getFeedId(),
          e.getCount(),
          details,
          e.getWindowFrom(),
          e.getWindowTo(),
          e.getCellsPublished(),
          e.getCellsSuppressed(),
          e.getCellsWithdrawn());
    }
  }

  /**
   * One page of the trail, newest first.
   *
   * @param page the page number, from 0
   * @param size the most events a page holds
   * @param total events that match the filter among those held
   * @param held events held (the newest {@code hub.aggregator.governance.audit-kept})
   * @param events this page's events
   * @param complete whether the topic has been read to its end (as it stood at this request), so
   *     that what is held is the newest; false while it is catching up or could not be read
   * @param problem why the trail may be incomplete (the topic could not be read); null otherwise
   */
  public record Page(
      int page,
      int size,
      long total,
      long held,
      List<Entry> events,
      boolean complete,
      String problem) {}

  /** Adds an event as if read from the topic. */
  public synchronized void accept(AuditEvent event) {
    newest.addLast(Entry.of(event));
    while (newest.size() > kept) {
      newest.removeFirst();
    }
  }

  /**
   * The events of the given types (all when empty) that occurred from {@code from} (inclusive) to
   * {@code to} (exclusive), either open when null, newest first.
   */
  public synchronized Page page(
      Set<AuditType> types, Instant from, Instant to, int page, int size) {
    String problem = null;
    boolean complete = true;
    if (topic != null) {
      try {
        topic.readNew((e, ts) -> accept(e));
      } catch (RuntimeException e) {
        log.warn("The audit topic could not be read: {}", e.toString());
        complete = false;
        problem =
            "The audit topic could not be read to its end ("
                + e.getClass().getSimpleName()
                + "): the events shown may not be the newest.";
      }
    }
    List<Entry> matching =
        newest.stream()
            .filter(e -> types.isEmpty() || types.contains(AuditType.valueOf(e.type())))
            .filter(e -> from == null || !e.occurredAt().isBefore(from))
            .filter(e -> to == null || e.occurredAt().isBefore(to))
            .sorted(Comparator.comparing(Entry::occurredAt).reversed())
            .toList();
    long skip = (long) page * size;
    List<Entry> events = matching.stream().skip(skip).limit(size).toList();
    return new Page(page, size, matching.size(), newest.size(), events, complete, problem);
  }

  @Override
  public void close() {
    if (topic != null) {
      topic.close();
    }
  }
}
