package uk.vruhub.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import uk.vruhub.broker.HubBroker;
import uk.vruhub.registry.RegistryServer;
import uk.vruhub.schemas.registry.SchemaRegistryClient;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.topics.ConsumerGroupLag;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSetup;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.KafkaClientSecurity;
import uk.vruhub.security.LocalCa;
import uk.vruhub.security.PasswordHashes;
import uk.vruhub.security.SecretFiles;
import uk.vruhub.security.TrustedCa;

/**
 * A real broker (the hub's own: Kafka, KRaft, in this JVM, SASL/SCRAM and ACLs) and the hub's
 * registry, with the hub's topics. Every benchmark client logs in, so the figures include what
 * authentication costs; they all log in as {@code hub-admin}, the super user, as the benchmarks'
 * own application ids and topics are not the policy's (the ACL checks of a super user are the same
 * lookups).
 */
final class BenchHub implements AutoCloseable {

  final Path dir;

  /** The broker and the registry: null in a {@linkplain #connect(Path) client} of a hub. */
  final HubBroker broker;

  final RegistryServer registry;
  final Admin admin;
  private final ConsumerGroupLag.Reader lag;
  private final Map<String, Object> kafka;
  private final String registryUrl;

  private static final String USER = "bench";
  private Path caFile;
  private Path registryPasswordFile;
  private String userInfo;

  BenchHub(Path dir) {
    this.dir = dir;
    Path secrets = dir.resolve("secrets");
    this.broker = HubBroker.start(dir, secrets, freePort(), freePort(), Duration.ofMinutes(2));
    Map<String, Object> registryProperties = registryHttps(dir);
    registryProperties.put("hub.kafka.security-protocol", "SASL_PLAINTEXT");
    registryProperties.put("hub.kafka.username", HubPrincipals.ADMIN);
    registryProperties.put(
        "hub.kafka.password-file", broker.kafkaSecrets().resolve(HubPrincipals.ADMIN).toString());
    this.registry = RegistryServer.start(broker.bootstrapServers(), freePort(), registryProperties);
    this.registryUrl = registry.url();
    this.kafka = broker.adminProperties();
    TopicSetup.createMissing(kafka, TopicCatalogue.load(), (short) 1);
    this.admin = Admin.create(kafka);
    this.lag = new ConsumerGroupLag.Reader(admin, kafka, Duration.ofSeconds(30));
  }

  /** A client of a hub another process runs, from the file {@link #writeConnection} wrote. */
  private BenchHub(Properties connection) {
    this.dir = Path.of(connection.getProperty("dir"));
    this.broker = null;
    this.registry = null;
    this.registryUrl = connection.getProperty("registry.url");
    this.caFile = Path.of(connection.getProperty("registry.ca-file"));
    this.registryPasswordFile = Path.of(connection.getProperty("registry.password-file"));
    this.userInfo = USER + ":" + SecretFiles.read(registryPasswordFile);
    this.kafka =
        KafkaClientSecurity.of(
                "SASL_PLAINTEXT",
                HubPrincipals.ADMIN,
                Path.of(connection.getProperty("kafka.password-file")),
                null)
            .applyTo(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    connection.getProperty("kafka.bootstrap-servers")));
    this.admin = Admin.create(kafka);
    this.lag = new ConsumerGroupLag.Reader(admin, kafka, Duration.ofSeconds(30));
  }

  /**
   * Writes where this hub is and which files hold its passwords (never a password itself), for a
   * benchmark process of its own to {@linkplain #connect(Path) connect} with.
   */
  Path writeConnection() {
    Properties p = new Properties();
    p.setProperty("dir", dir.toString());
    p.setProperty("kafka.bootstrap-servers", broker.bootstrapServers());
    p.setProperty(
        "kafka.password-file", broker.kafkaSecrets().resolve(HubPrincipals.ADMIN).toString());
    p.setProperty("registry.url", registryUrl);
    p.setProperty("registry.ca-file", caFile.toString());
    p.setProperty("registry.password-file", registryPasswordFile.toString());
    Path file = dir.resolve("connection.properties");
    try (var out = Files.newBufferedWriter(file)) {
      p.store(out, "A benchmark hub: where it listens and which files hold the passwords");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A client of the hub whose {@link #writeConnection} file this is. */
  static BenchHub connect(Path connectionFile) {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(connectionFile)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the hub connection " + connectionFile, e);
    }
    return new BenchHub(p);
  }

  /** The registry as the hub runs it: HTTPS with a certificate of a CA of its own, one user. */
  private Map<String, Object> registryHttps(Path dir) {
    Path tls = dir.resolve("secrets/tls");
    LocalCa.ServerFiles server =
        LocalCa.loadOrCreate(tls, "VRU hub (bench)")
            .serverCertificate("http", List.of("localhost", "127.0.0.1"));
    caFile = tls.resolve("ca.crt");
    Path password = SecretFiles.ensure(dir.resolve("secrets/registry/" + USER));
    registryPasswordFile = password;
    Path users = dir.resolve("secrets/registry-users");
    SecretFiles.writeOwnerOnly(
        users, USER + ":" + PasswordHashes.sha256(SecretFiles.read(password)) + ":write\n", true);
    userInfo = USER + ":" + SecretFiles.read(password);
    Map<String, Object> p = new HashMap<>();
    p.put("registry.default-compatibility", "BACKWARD");
    p.put("server.address", "127.0.0.1");
    p.put("hub.http.tls.certificate-file", server.chain().toString());
    p.put("hub.http.tls.key-file", server.key().toString());
    p.put("registry.auth.users-file", users.toString());
    return p;
  }

  /** Serde configuration for this hub's registry (auto-registration as given). */
  AvroSerdeConfig serde(boolean autoRegister) {
    return AvroSerdeConfig.of(registryUrl, autoRegister)
        .withBasicAuth(userInfo)
        .withTrustStore(caFile);
  }

  /** A new client of this hub's registry. */
  SchemaRegistryClient registryClient() {
    return new SchemaRegistryClient(
        SchemaRegistryClient.parseUrls(registryUrl),
        Duration.ofSeconds(10),
        userInfo,
        TrustedCa.sslContext(caFile));
  }

  static BenchHub fresh(String name) {
    try {
      return new BenchHub(Files.createTempDirectory("vru-bench-" + name + "-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bootstrap servers and login of every benchmark client. */
  Map<String, Object> kafka() {
    return kafka;
  }

  /**
   * Whether a Kafka Streams application has caught up on the given source topics: measured as the
   * aggregator's status measures it ({@link ConsumerGroupLag}), over every partition of the topics
   * and of the application's repartition topics, so the benchmarks and the hub agree on what caught
   * up means. A cluster slow to answer is "not yet".
   */
  boolean caughtUp(String group, Set<String> topics) {
    return lag(group, topics) == 0;
  }

  /** Offsets the group is behind (as {@link #caughtUp}); -1 when the cluster did not answer. */
  long lag(String group, Set<String> topics) {
    try {
      return lag.streamsApplication(group, topics).total();
    } catch (KafkaException e) {
      return -1;
    }
  }

  /**
   * Offsets of the given topics (not the repartition topics) the group has not committed: the input
   * still to process. Throws when the cluster does not answer.
   */
  long sourceLag(String group, Set<String> topics) {
    return lag.group(group, topics).total();
  }

  /** Waits until the group has caught up. */
  long awaitCaughtUp(String group, Set<String> topics, Duration timeout) {
    return awaitCaughtUp(group, topics, timeout, 250);
  }

  /**
   * As {@link #awaitCaughtUp(String, Set, Duration)}, checking every {@code pollMillis}: short for
   * latency, longer for throughput, where the checks would compete for the same two cores. Returns
   * the {@link System#nanoTime()} just after the check that found it caught up: an upper bound of
   * the moment it did, late by at most one check and one poll interval. Prints the lag every 15 s
   * while it waits, so a long stage shows it is moving.
   */
  long awaitCaughtUp(String group, Set<String> topics, Duration timeout, long pollMillis) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextReport = start + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      long behind = lag(group, topics);
      long now = System.nanoTime();
      if (behind == 0) {
        return now;
      }
      if (now > nextReport) {
        System.err.printf(
            "[bench]   %s: %s offsets behind after %.0f s%n",
            group, behind < 0 ? "(no answer)" : String.format("%,d", behind), (now - start) / 1e9);
        nextReport = now + Duration.ofSeconds(15).toNanos();
      }
      sleep(pollMillis);
    }
    throw new IllegalStateException(group + " did not catch up within " + timeout);
  }

  /** Records now on a topic (sum of end offsets, transaction markers included). */
  long endOffsets(String topic) {
    try {
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
          .sum();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    lag.close();
    admin.close();
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
