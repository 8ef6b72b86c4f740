package uk.vruhub.policy.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.AuditType;
import uk.vruhub.policy.PolicyIdentity;

/** Audit events about the policy, for the audit topic. They hold no identifier. */
public final class PolicyAudit {

  private PolicyAudit() {}

  /** A component started enforcing a policy. */
  public static AuditEvent policyLoaded(
      PolicyIdentity policy, String component, Instant at, Map<String, String> details) {
    return event(AuditType.POLICY_LOADED, policy, component, at, null, null, details);
  }

  /** A component refused to start on a policy; {@code count} is the number of violations. */
  public static AuditEvent policyRefused(
      PolicyIdentity policy,
      String component,
      Instant at,
      long violations,
      Map<String, String> details) {
    return event(AuditType.POLICY_REFUSED, policy, component, at, null, violations, details);
  }

  /**
   * Cells of an output topic were published with counts hidden by small-number suppression. Hub
   * versions before {@link #publicationCycle} wrote it; the aggregator now writes a publication
   * cycle instead, which carries the same count as {@code cellsSuppressed}.
   */
  public static AuditEvent cellsSuppressed(
      PolicyIdentity policy,
      String component,
      String topic,
      Instant at,
      long cells,
      Map<String, String> details) {
    return event(AuditType.CELLS_SUPPRESSED, policy, component, at, topic, cells, details);
  }

  /**
   * What one output topic published in one audit interval, under one policy: {@code published}
   * cells written with a value (the {@code suppressed} ones among them) and {@code withdrawn} cells
   * (tombstones), all written from {@code from} (inclusive) to {@code to} (exclusive). The event's
   * {@code count} is every record it accounts for, published plus withdrawn.
   */
  public static AuditEvent publicationCycle(
      PolicyIdentity policy,
      String component,
      String topic,
      Instant at,
      Cycle cycle,
      Map<String, String> details) {
    AuditEvent event =
        event(
            AuditType.PUBLICATION_CYCLE,
            policy,
            component,
            at,
            topic,
            cycle.published() + cycle.withdrawn(),
            details);
    event.setWindowFrom(cycle.from());
    event.setWindowTo(cycle.to());
    event.setCellsPublished(cycle.published());
    event.setCellsSuppressed(cycle.suppressed());
    event.setCellsWithdrawn(cycle.withdrawn());
    return event;
  }

  /**
   * The counts of one publication cycle.
   *
   * @param from when its first record was written (inclusive)
   * @param to when it was closed (exclusive)
   * @param published cells written with a value, suppressed ones included
   * @param suppressed of those, cells whose count was hidden by small-number suppression
   * @param withdrawn cells withdrawn (tombstones)
   */
  public record Cycle(Instant from, Instant to, long published, long suppressed, long withdrawn) {

    public Cycle {
      if (published < 0 || suppressed < 0 || withdrawn < 0 || suppressed > published) {
        throw new IllegalArgumentException(
            "A publication cycle counts published >= suppressed >= 0 and withdrawn >= 0; got "
                + published
                + ", "
                + suppressed
                + ", "
                + withdrawn);
      }
      if (from != null && to != null && to.isBefore(from)) {
        throw new IllegalArgumentException(
            "A publication cycle ends after it starts; got " + from + " to " + to);
      }
    }
  }

  private static AuditEvent event(
      AuditType type,
      PolicyIdentity policy,
      String component,
      Instant at,
      String topic,
      Long count,
      Map<String, String> details) {
    return AuditEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setType(type)
        .setComponent(component)
        .setPolicyId(policy == null ? null : policy.id())
        .setPolicyVersion(policy == null ? null : policy.version())
        .setPolicyHash(policy == null ? null : policy.sha256())
        .setTopic(topic)
        .setCount(count)
        .setDetails(Map.copyOf(details))
        .build();
  }
}
