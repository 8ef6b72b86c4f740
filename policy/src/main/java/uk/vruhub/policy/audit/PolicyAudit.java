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

  /** Cells of an output topic were published with counts hidden by small-number suppression. */
  public static AuditEvent cellsSuppressed(
      PolicyIdentity policy,
      String component,
      String topic,
      Instant at,
      long cells,
      Map<String, String> details) {
    return event(AuditType.CELLS_SUPPRESSED, policy, component, at, topic, cells, details);
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
