package uk.vruhub.aggregator.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.aggregator.topology.SuppressionTally;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.audit.PolicyAudit;

/**
 * Writes the aggregator's audit events from outside the topology: the policy it loaded, at
 * start-up, and every minute how many cohort summary cells it published with counts hidden by
 * small-number suppression (counted in {@link SuppressionTally}). The hotspot topic's suppressed
 * cells are audited by the topology itself, inside its transactions ({@link
 * uk.vruhub.aggregator.topology.SuppressionAudit}); the cohort summary moves there too.
 */
public final class AuditPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditPublisher.class);
  static final String COMPONENT = "aggregator";

  private final KafkaProducer<String, AuditEvent> producer;
  private final String topic;
  private final PolicyIdentity policy;
  private final SuppressionTally tally;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "audit"));

  public AuditPublisher(
      KafkaProducer<String, AuditEvent> producer,
      String topic,
      PolicyIdentity policy,
      SuppressionTally tally,
      Clock clock,
      Duration interval) {
    this.producer = producer;
    this.topic = topic;
    this.policy = policy;
    this.tally = tally;
    this.clock = clock;
    scheduler.scheduleWithFixedDelay(
        this::publishSuppressed, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Records that the aggregator runs under the policy. */
  public void policyLoaded(Map<String, String> details) {
    send(PolicyAudit.policyLoaded(policy, COMPONENT, clock.instant(), details));
  }

  void publishSuppressed() {
    try {
      tally
          .drain()
          .forEach(
              (t, cells) ->
                  send(
                      PolicyAudit.cellsSuppressed(
                          policy,
                          COMPONENT,
                          t,
                          clock.instant(),
                          cells,
                          Map.of("period", "since the previous audit event"))));
    } catch (RuntimeException e) {
      log.warn("Could not write suppression audit events: {}", e.toString());
    }
  }

  private void send(AuditEvent event) {
    producer.send(new ProducerRecord<>(topic, event.getEventId(), event));
  }

  @Override
  public void close() {
    scheduler.shutdown();
    publishSuppressed();
    producer.close(Duration.ofSeconds(5));
  }
}
