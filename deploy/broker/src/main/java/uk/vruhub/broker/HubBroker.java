package uk.vruhub.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.KafkaClientSecurity;
import uk.vruhub.security.SecretFiles;

/**
 * Apache Kafka's own broker in KRaft mode (combined broker and controller, one node), in this JVM,
 * with its data in a folder that survives restarts: the first start formats the folder, later ones
 * reuse it, so topics, offsets, transactions, credentials and ACLs are kept.
 *
 * <p>It runs as a hub cluster does, only on loopback: every client authenticates
 * (SASL/SCRAM-SHA-512 on the client and inter-broker listener; SASL/PLAIN with one static user on
 * the controller listener, as KRaft cannot look SCRAM credentials up before it has read its own
 * metadata) and every request is authorised by {@code StandardAuthorizer} with nothing allowed that
 * no ACL grants. The super users are the broker itself, the controller and {@code hub-admin}, the
 * topic job that writes the first ACLs. The SCRAM credentials of {@code broker} and {@code
 * hub-admin} are written into the metadata when the folder is formatted; every other user is added
 * by the topic job ({@code policy apply --kafka-users}).
 *
 * <p>Passwords are read from (and on first start generated into) owner-only files under {@code
 * <secrets>/kafka/}: {@code broker}, {@code controller}, {@code hub-admin}.
 */
public final class HubBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HubBroker.class);

  /** The KRaft controller's own principal (SASL/PLAIN on the controller listener). */
  public static final String CONTROLLER = "controller";

  /** The users no ACL restricts. */
  public static final List<String> SUPER_USERS =
      List.of(HubPrincipals.BROKER, HubPrincipals.ADMIN, CONTROLLER);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path kafkaSecrets;

  private HubBroker(KafkaRaftServer server, String bootstrapServers, Path kafkaSecrets) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.kafkaSecrets = kafkaSecrets;
  }

  /**
   * Starts the broker and returns once it accepts {@code hub-admin}.
   *
   * @param dataDir folder for the broker's logs and metadata (created and formatted if new)
   * @param secretsDir folder of the hub's secrets; Kafka passwords are under {@code kafka/}
   * @param port client listener port (SASL_PLAINTEXT on localhost)
   * @param controllerPort KRaft controller listener port (SASL_PLAINTEXT on localhost)
   */
  public static HubBroker start(
      Path dataDir, Path secretsDir, int port, int controllerPort, Duration timeout) {
    Path logDir = dataDir.toAbsolutePath().resolve("kafka");
    Path kafkaSecrets = secretsDir.toAbsolutePath().resolve("kafka");
    String brokerPassword = password(kafkaSecrets, HubPrincipals.BROKER);
    String controllerPassword = password(kafkaSecrets, CONTROLLER);
    String adminPassword = password(kafkaSecrets, HubPrincipals.ADMIN);
    Properties props = properties(logDir, port, controllerPort, brokerPassword, controllerPassword);
    try {
      Files.createDirectories(logDir);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(dataDir.toAbsolutePath(), props, brokerPassword, adminPassword);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the broker's data folder " + logDir, e);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    HubBroker broker = new HubBroker(server, "localhost:" + port, kafkaSecrets);
    try {
      broker.awaitReady(timeout);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  private static String password(Path kafkaSecrets, String user) {
    return SecretFiles.read(SecretFiles.ensure(kafkaSecrets.resolve(user)));
  }

  static Properties properties(
      Path logDir, int port, int controllerPort, String brokerPassword, String controllerPassword) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
    props.put(
        "listeners", "CLIENT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "CLIENT://localhost:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "CLIENT");
    // Loopback only, so no TLS; but nobody talks to this broker without proving who it is.
    props.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    props.put("listener.name.client.sasl.enabled.mechanisms", KafkaClientSecurity.MECHANISM);
    props.put("sasl.mechanism.inter.broker.protocol", KafkaClientSecurity.MECHANISM);
    props.put(
        "listener.name.client.scram-sha-512.sasl.jaas.config",
        KafkaClientSecurity.jaasConfig(HubPrincipals.BROKER, brokerPassword));
    // KRaft reads SCRAM credentials from its metadata log, which the controller listener carries:
    // it cannot use them itself, so the controller has one static PLAIN user.
    props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    props.put("sasl.mechanism.controller.protocol", "PLAIN");
    props.put(
        "listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + CONTROLLER
            + "\" password=\""
            + controllerPassword
            + "\" user_"
            + CONTROLLER
            + "=\""
            + controllerPassword
            + "\";");
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.put("allow.everyone.if.no.acl.found", "false");
    props.put(
        "super.users", String.join(";", SUPER_USERS.stream().map(HubPrincipals::user).toList()));
    props.put("log.dirs", logDir.toString());
    // One broker: the internal topics cannot have the default three replicas, and exactly-once
    // needs the transaction state log to accept a single in-sync replica.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    // Topics come from the topic spec only, so a typo in a client cannot create a stray topic.
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "3");
    // A laptop-sized broker: a small log cleaner buffer instead of the default 128 MB.
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    return props;
  }

  private static void format(
      Path dataDir, Properties props, String brokerPassword, String adminPassword)
      throws IOException {
    // The properties hold passwords: the file StorageTool reads is owner-only, and goes after.
    Path config = dataDir.resolve("format.properties");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (OutputStream out = text) {
      props.store(out, "Written by the hub's broker to format its log folder");
    }
    SecretFiles.writeOwnerOnly(config, text.toString(StandardCharsets.ISO_8859_1), true);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool.execute(
              new String[] {
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString(),
                "--ignore-formatted",
                "--add-scram",
                scram(HubPrincipals.BROKER, brokerPassword),
                "--add-scram",
                scram(HubPrincipals.ADMIN, adminPassword)
              },
              print);
    } finally {
      Files.deleteIfExists(config);
    }
    String said = output.toString(StandardCharsets.UTF_8).trim();
    if (status != 0) {
      throw new IllegalStateException(
          "Formatting the broker's data folder " + dataDir + " failed: " + hide(said));
    }
    log.info("Formatted a new broker data folder at {}", dataDir);
  }

  /** StorageTool's form of a SCRAM credential. Generated passwords are base64url: no quoting. */
  private static String scram(String user, String password) {
    return KafkaClientSecurity.MECHANISM + "=[name=" + user + ",password=" + password + "]";
  }

  /** StorageTool may echo its arguments in an error; passwords never reach a message. */
  private static String hide(String said) {
    return said.replaceAll("password=[^,\\]\\s]*", "password=[hidden]");
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(adminProperties())) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "The broker did not accept clients at " + bootstrapServers + " within " + timeout,
                e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the broker", e);
    }
  }

  /** Bootstrap servers for clients, e.g. {@code localhost:9092}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The folder of the Kafka passwords, one file per user. */
  public Path kafkaSecrets() {
    return kafkaSecrets;
  }

  /** How a client authenticates as this user, whose password is in {@link #kafkaSecrets()}. */
  public KafkaClientSecurity security(String user) {
    return KafkaClientSecurity.saslPlaintext(user, SecretFiles.read(kafkaSecrets.resolve(user)));
  }

  /** Bootstrap servers and SASL settings of a client authenticating as this user. */
  public Map<String, Object> clientProperties(String user) {
    return security(user)
        .applyTo(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Client properties of {@code hub-admin}, the super user that applies the policy. */
  public Map<String, Object> adminProperties() {
    return clientProperties(HubPrincipals.ADMIN);
  }

  /** Stops the broker cleanly, so the next start needs no log recovery. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
