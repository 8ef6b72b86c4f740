package uk.vruhub.registry.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.registry.RegistryException;

/**
 * Keeps registry changes in a single-partition, compacted Kafka topic, as Confluent's registry
 * does, so a restarted registry rebuilds the same ids from the topic. One registry instance writes
 * the topic; run one per cluster.
 */
public final class KafkaSchemaLog implements SchemaLog {

  private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);

  private final String topic;
  private final short replicationFactor;
  private final Duration timeout;
  private final String bootstrapServers;
  private final Map<String, Object> common;
  private final Admin admin;
  private KafkaProducer<byte[], byte[]> producer;

  /**
   * @param bootstrapServers the brokers
   * @param security how the registry's clients authenticate (security.protocol, sasl.*, ssl.*)
   */
  public KafkaSchemaLog(
      String bootstrapServers,
      Map<String, Object> security,
      String topic,
      short replicationFactor,
      Duration timeout) {
    this.topic = topic;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
    this.bootstrapServers = bootstrapServers;
    Map<String, Object> common = new HashMap<>(security);
    common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.common = Map.copyOf(common);
    Map<String, Object> adminProps = new HashMap<>(common);
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    adminProps.put(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    this.admin = Admin.create(adminProps);
  }

  @Override
  public void replay(Consumer<LogEntry> sink) {
    ensureTopic();
    Properties props = new Properties();
    props.putAll(common);
    // Assigned and never committed: no consumer group, so the registry needs no group ACL.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    TopicPartition partition = new TopicPartition(topic, 0);
    long deadline = System.nanoTime() + timeout.toNanos();
    int count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
      while (consumer.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw RegistryException.storeError(
              "timed out reading topic " + topic + " after " + count + " entries", null);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          LogEntry entry = LogCodec.decode(record.key(), record.value());
          if (entry != null) {
            sink.accept(entry);
            count++;
          }
        }
      }
    }
    log.info("Read {} registry entries from topic {}", count, topic);
    Properties producerProps = new Properties();
    producerProps.putAll(common);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producerProps.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1_000));
    producerProps.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    producer =
        new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private void ensureTopic() {
    NewTopic spec =
        new NewTopic(topic, 1, replicationFactor)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(spec)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("Created registry topic {} (replication factor {})", topic, replicationFactor);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw RegistryException.storeError(
            "cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
      }
    } catch (TimeoutException e) {
      throw RegistryException.storeError(
          "no Kafka broker answered within " + timeout.toMillis() + " ms at " + bootstrapServers,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("interrupted while creating topic " + topic, e);
    }
  }

  @Override
  public void append(LogEntry entry) {
    if (producer == null) {
      throw new IllegalStateException("append before replay");
    }
    try {
      producer
          .send(new ProducerRecord<>(topic, 0, LogCodec.key(entry), LogCodec.value(entry)))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw RegistryException.storeError(
          "cannot write to topic " + topic + ": " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw RegistryException.storeError(
          "write to topic " + topic + " not acknowledged within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.storeError("interrupted while writing to topic " + topic, e);
    }
  }

  @Override
  public String problem() {
    try {
      admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return "topic " + topic + ": " + e.getCause().getMessage();
    } catch (TimeoutException e) {
      return "Kafka did not answer within 5 s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    admin.close(Duration.ofSeconds(5));
  }
}
