package uk.vruhub.testkit;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.schemas.registry.SchemaRegistryClient;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.CommittedRecords;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSetup;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * A real Kafka broker and a real schema registry over HTTPS, as integration tests see them. Which
 * kind (in-process or containers) is the extension's business; tests only use this view. The
 * secrets ({@link TestSecrets}: CA, server certificate, registry users, recipient tokens) are the
 * environment's, whatever its kind, so a service under test is configured the same way for both.
 */
public abstract class HubEnvironment implements AutoCloseable {

  private final TopicCatalogue topics = TopicCatalogue.load();
  private final TestSecrets secrets = TestSecrets.create();

  /** Bootstrap servers of the broker. */
  public abstract String bootstrapServers();

  /** Base URL of the schema registry ({@code https://...}). */
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

  /** The CA, certificates, registry passwords and recipient tokens of this environment. */
  public TestSecrets secrets() {
    return secrets;
  }

  /** The CA certificate (PEM) the registry's and the services' certificates chain to. */
  public Path caFile() {
    return secrets.caFile();
  }

  /** A TLS context trusting this environment's CA only. */
  public SSLContext sslContext() {
    return secrets.sslContext();
  }

  /** An HTTP client trusting this environment's CA only. */
  public HttpClient httpClient() {
    return secrets.httpClient();
  }

  /**
   * Serde configuration against this registry as the test kit's own user (who may register), with
   * auto-registration on as in the local hub, trusting the CA.
   */
  public AvroSerdeConfig serdeConfig() {
    return serdeConfig(TestSecrets.TESTKIT);
  }

  /** Serde configuration as one registry user, e.g. a recipient that may only read. */
  public AvroSerdeConfig serdeConfig(String registryUser) {
    return AvroSerdeConfig.of(registryUrl(), TestSecrets.WRITERS.contains(registryUser))
        .withBasicAuth(secrets.registryUserInfo(registryUser))
        .withTrustStore(caFile());
  }

  /** A new registry client (its own cache) as the test kit's user. */
  public SchemaRegistryClient registryClient() {
    return registryClient(TestSecrets.TESTKIT);
  }

  /** A new registry client (its own cache) as one registry user. */
  public SchemaRegistryClient registryClient(String registryUser) {
    return new SchemaRegistryClient(
        SchemaRegistryClient.parseUrls(registryUrl()),
        Duration.ofSeconds(10),
        secrets.registryUserInfo(registryUser),
        sslContext());
  }

  /**
   * A service's registry settings under {@code prefix} (e.g. {@code hub.ingest.registry}): the URL,
   * the user, its password file and the CA file.
   */
  public Map<String, String> registryClientProperties(String prefix, String registryUser) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(prefix + ".url", registryUrl());
    out.put(prefix + ".username", registryUser);
    out.put(prefix + ".password-file", secrets.registryPasswordFile(registryUser).toString());
    out.put(prefix + ".ca-file", caFile().toString());
    return out;
  }

  /** What makes a Spring service under test serve HTTPS with this environment's certificate. */
  public Map<String, String> serverTlsProperties() {
    return secrets.serverTlsProperties();
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
