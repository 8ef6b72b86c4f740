package uk.vruhub.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.CommittedRecords;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSetup;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * A real Kafka broker and a real schema registry over HTTP, as integration tests see them. Which
 * kind (in-process or containers) is the extension's business; tests only use this view.
 */
public abstract class HubEnvironment implements AutoCloseable {

  private final TopicCatalogue topics = TopicCatalogue.load();

  /** Bootstrap servers of the broker. */
  public abstract String bootstrapServers();

  /** Base URL of the schema registry. */
  public abstract String registryUrl();

  /** Stops the registry and starts it again on the same URL and store. */
  public abstract void restartRegistry();

  /** Stops the registry and the broker. */
  @Override
  public abstract void close();

  /** The shipped topic spec. */
  public TopicCatalogue topics() {
    return topics;
  }

  /** Serde configuration against this registry, with auto-registration on as in the local hub. */
  public AvroSerdeConfig serdeConfig() {
    return AvroSerdeConfig.of(registryUrl(), true);
  }

  /** Creates every topic of the spec that does not exist yet. */
  public void createTopics() {
    TopicSetup.createMissing(bootstrapServers(), topics, (short) 1);
  }

  /** Producer properties for this broker (idempotent, acks=all); add serializers yourself. */
  public Map<String, Object> producerProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return props;
  }

  /** Consumer properties for a fresh group reading committed records from the beginning. */
  public Map<String, Object> consumerProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return props;
  }

  /**
   * Every committed record now on a topic, read with the topic's own serdes: reads until each
   * partition's end offset as it stood when called.
   */
  public <K, V> List<ConsumerRecord<K, V>> readAll(TopicSpec topic, Duration timeout) {
    Serde<K> keySerde = AvroSerdes.keySerde(topic, serdeConfig());
    Serde<V> valueSerde = AvroSerdes.valueSerde(topic, serdeConfig());
    return CommittedRecords.read(
        bootstrapServers(),
        topic.name(),
        keySerde.deserializer(),
        valueSerde.deserializer(),
        timeout);
  }
}
