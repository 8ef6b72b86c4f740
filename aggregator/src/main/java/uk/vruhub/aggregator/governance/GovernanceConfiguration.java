package uk.vruhub.aggregator.governance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.aggregator.status.TopicTail;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/** The audit trail, following the audit topic with the aggregator's connection settings. */
@Configuration(proxyBeanMethods = false)
class GovernanceConfiguration {

  @Bean(destroyMethod = "close")
  AuditTrail auditTrail(
      KafkaProperties kafka, AggregatorProperties p, TopicCatalogue topics, AvroSerdeConfig serde) {
    Map<String, Object> consumer = new LinkedHashMap<>(kafka.buildConsumerProperties());
    consumer.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    TopicTail<AuditEvent> tail =
        new TopicTail<>(
            consumer,
            List.of(topics.byId(Ids.AUDIT).name()),
            new AvroDeserializer<AuditEvent>(serde.client(), AuditEvent.class),
            p.status().timeout(),
            p.governance().auditKept());
    return new AuditTrail(tail, p.governance().auditKept());
  }
}
