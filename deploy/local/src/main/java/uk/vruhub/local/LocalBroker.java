package uk.vruhub.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * Apache Kafka's own broker in KRaft mode (combined broker and controller, one node), in this JVM,
 * with its data in a folder that survives restarts: the first start formats the folder, later ones
 * reuse it, so topics, offsets and transactions are kept.
 */
public final class LocalBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalBroker.class);

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private LocalBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the broker and returns once it accepts clients.
   *
   * @param dataDir folder for the broker's logs and metadata (created and formatted if new)
   * @param port client listener port
   * @param controllerPort KRaft controller listener port
   */
  public static LocalBroker start(Path dataDir, int port, int controllerPort, Duration timeout) {
    Path logDir = dataDir.toAbsolutePath().resolve("kafka");
    Properties props = properties(logDir, port, controllerPort);
    try {
      Files.createDirectories(logDir);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(dataDir.toAbsolutePath(), props);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the broker's data folder " + logDir, e);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    LocalBroker broker = new LocalBroker(server, "localhost:" + port);
    broker.awaitReady(timeout);
    return broker;
  }

  static Properties properties(Path logDir, int port, int controllerPort) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
    props.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
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

  private static void format(Path dataDir, Properties props) throws IOException {
    Path config = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "Written by the local hub on first start; used to format the log folder");
    }
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
                "--ignore-formatted"
              },
              print);
    }
    String said = output.toString(StandardCharsets.UTF_8).trim();
    if (status != 0) {
      throw new IllegalStateException(
          "Formatting the broker's data folder " + dataDir + " failed: " + said);
    }
    log.info("Formatted a new broker data folder at {}", dataDir);
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
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

  /** Stops the broker cleanly, so the next start needs no log recovery. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
