package uk.vruhub.aggregator.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.audit.PolicyAudit;

/**
 * Writes the audit event the aggregator makes outside its topology once it runs: the policy it
 * loaded, at start-up. Publication cycles (cells published, suppressed and withdrawn) are audited
 * by the topology itself, inside its transactions ({@link
 * uk.vruhub.aggregator.topology.SuppressionAudit}), so a replayed task cannot count them twice; a
 * refused policy is audited by {@link PolicyRefusal}, before any of this exists.
 */
public final class AuditPublisher implements AutoCloseable {

  static final String COMPONENT = "aggregator";

  private final KafkaProducer<String, AuditEvent> producer;
  private final String topic;
  private final PolicyIdentity policy;
  private final Clock clock;

  public AuditPublisher(
      KafkaProducer<String, AuditEvent> producer,
      String topic,
      PolicyIdentity policy,
      Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.policy = policy;
    this.clock = clock;
  }

  /** Records that the aggregator runs under the policy. */
  public void policyLoaded(Map<String, String> details) {
    AuditEvent event = PolicyAudit.policyLoaded(policy, COMPONENT, clock.instant(), details);
    producer.send(new ProducerRecord<>(topic, event.getEventId(), event));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
