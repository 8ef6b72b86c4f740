package uk.vruhub.testkit;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.apply.ApplyResult;
import uk.vruhub.policy.apply.ClusterPolicy;
import uk.vruhub.policy.apply.GrantBindings;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.registry.SchemaRegistryClient;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.CommittedRecords;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.SecretFiles;

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

  /**
   * Bootstrap servers and security ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) of a
   * client authenticating as this Kafka user, e.g. {@code ingest-police}; {@link HubPrincipals} and
   * the policy's recipients name them.
   */
  public abstract Map<String, Object> clientProperties(String user);

  /**
   * How services authenticate to this broker, as {@code hub.kafka.security-protocol} takes it:
   * {@code SASL_PLAINTEXT}, {@code SASL_SSL}, or {@code PLAINTEXT} for a broker without it.
   */
  public abstract String securityProtocol();

  /** The file holding a Kafka user's password; null for a broker that authenticates nobody. */
  public abstract Path kafkaPasswordFile(String user);

  /** PEM CA file the broker's certificate chains to; null without TLS. */
  public Path kafkaCaFile() {
    return null;
  }

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

  /** The shipped policy, whose topics, ACLs and users {@link #createTopics()} applies. */
  public Policy policy() {
    return Policy.load(shippedPolicyFile(), topics);
  }

  /**
   * The shipped policy file, {@code deploy/policy/vru-hub-isa.yaml} in the repository (found from
   * the working folder upwards), or {@code -Dhub.it.policy}.
   */
  public static Path shippedPolicyFile() {
    String given = System.getProperty("hub.it.policy");
    if (given != null) {
      return Path.of(given);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("deploy/policy/vru-hub-isa.yaml");
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException(
        "No deploy/policy/vru-hub-isa.yaml above " + Path.of("").toAbsolutePath());
  }

  /** Every Kafka user of the hub: its components and the policy's recipients. */
  public List<String> kafkaUsers() {
    return AccessRules.kafkaUsers(policy());
  }

  /**
   * Applies the shipped policy as the topic job does, as {@code hub-admin}: the topics with the
   * policy's retention, the ACLs it grants, and every hub user's SCRAM credential.
   */
  public ApplyResult createTopics() {
    return applyPolicy(policy());
  }

  /** Applies a policy (the shipped one, or a test's narrower copy) as {@code hub-admin}. */
  public ApplyResult applyPolicy(Policy policy) {
    Map<String, String> users = new TreeMap<>();
    if (kafkaPasswordFile(HubPrincipals.ADMIN) != null) {
      for (String user : AccessRules.kafkaUsers(policy)) {
        if (!HubPrincipals.ADMIN.equals(user)) {
          users.put(user, SecretFiles.read(kafkaPasswordFile(user)));
        }
      }
    }
    ApplyResult result =
        ClusterPolicy.apply(
            adminProperties(),
            policy,
            topics,
            new ClusterPolicy.Options((short) 1, false).withKafkaUsers(users));
    if (!result.inLine()) {
      throw new IllegalStateException(
          "The policy could not be applied: " + String.join("; ", result.refusals()));
    }
    return result;
  }

  /**
   * Adds ACL bindings for a test's own resources (topics of a test's own topic spec, say), without
   * revoking anything: {@link #applyPolicy} would revoke what the shipped policy does not grant.
   */
  public void grant(List<AccessRules.Grant> grants) {
    try (Admin admin = admin()) {
      admin.createAcls(GrantBindings.of(grants)).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot grant the test's ACLs: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while granting ACLs", e);
    }
  }

  /** Client properties of {@code hub-admin}, the super user: for setup and pure inspection. */
  public Map<String, Object> adminProperties() {
    return clientProperties(HubPrincipals.ADMIN);
  }

  /** An Admin client as {@code hub-admin}; the caller closes it. */
  public Admin admin() {
    return Admin.create(adminProperties());
  }

  /**
   * The settings a hub service (a Spring Boot application) needs to connect as this user: {@code
   * spring.kafka.bootstrap-servers} and the {@code hub.kafka.*} keys.
   */
  public Map<String, String> serviceProperties(String user) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("spring.kafka.bootstrap-servers", bootstrapServers());
    props.put("hub.kafka.security-protocol", securityProtocol());
    Path password = kafkaPasswordFile(user);
    if (password != null) {
      props.put("hub.kafka.username", user);
      props.put("hub.kafka.password-file", password.toString());
    }
    if (kafkaCaFile() != null) {
      props.put("hub.kafka.ca-file", kafkaCaFile().toString());
    }
    return props;
  }

  /** {@link #serviceProperties(String)} as command-line arguments, {@code --key=value}. */
  public List<String> serviceArguments(String user) {
    return serviceProperties(user).entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toList();
  }

  /** Producer properties as {@code hub-admin} (idempotent, acks=all). */
  public Map<String, Object> producerProperties() {
    return producerProperties(HubPrincipals.ADMIN);
  }

  /** Producer properties as this user (idempotent, acks=all); add serializers yourself. */
  public Map<String, Object> producerProperties(String user) {
    Map<String, Object> props = new HashMap<>(clientProperties(user));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return props;
  }

  /** Consumer properties as {@code hub-admin}, a fresh group reading committed records. */
  public Map<String, Object> consumerProperties() {
    return consumerProperties(HubPrincipals.ADMIN, "test-" + UUID.randomUUID());
  }

  /**
   * Consumer properties as this user for a group (which the user must be granted: a recipient's
   * start with its id), reading committed records from the beginning.
   */
  public Map<String, Object> consumerProperties(String user, String group) {
    Map<String, Object> props = new HashMap<>(clientProperties(user));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return props;
  }

  /**
   * Every committed record now on a topic, read as {@code hub-admin} with the topic's own serdes:
   * reads until each partition's end offset as it stood when called.
   */
  public <K, V> List<ConsumerRecord<K, V>> readAll(TopicSpec topic, Duration timeout) {
    return readAll(HubPrincipals.ADMIN, topic, timeout);
  }

  /** As {@link #readAll(TopicSpec, Duration)}, as this user. */
  public <K, V> List<ConsumerRecord<K, V>> readAll(String user, TopicSpec topic, Duration timeout) {
    Serde<K> keySerde = AvroSerdes.keySerde(topic, serdeConfig());
    Serde<V> valueSerde = AvroSerdes.valueSerde(topic, serdeConfig());
    return CommittedRecords.read(
        clientProperties(user),
        topic.name(),
        keySerde.deserializer(),
        valueSerde.deserializer(),
        timeout);
  }
}
