package uk.vruhub.aggregator.tracker;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.aggregator.status.TopicTail;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.policy.Policy;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * The data tracker, following the feed-receipt topics with the aggregator's connection settings.
 */
@Configuration(proxyBeanMethods = false)
class TrackerConfiguration {

  @Bean(destroyMethod = "close")
  DataTracker dataTracker(
      KafkaProperties kafka,
      AggregatorProperties p,
      TopicCatalogue topics,
      AvroSerdeConfig serde,
      Policy policy,
      Clock clock) {
    Map<String, Object> consumer = new LinkedHashMap<>(kafka.buildConsumerProperties());
    consumer.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    List<String> receiptTopics =
        topics.all().stream()
            .filter(t -> t.valueClass() == FeedReceipt.class)
            .map(TopicSpec::name)
            .toList();
    TopicTail<FeedReceipt> receipts =
        new TopicTail<>(
            consumer,
            receiptTopics,
            new AvroDeserializer<FeedReceipt>(serde.client(), FeedReceipt.class),
            p.status().timeout());
    return new DataTracker(
        receipts, p.tracker(), policy.identity(), TrackerDisclosure.of(policy.document()), clock);
  }
}
