package uk.vruhub.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.vruhub.policy.Policy;
import uk.vruhub.registry.RegistryServer;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * The whole hub on one machine: Apache Kafka's broker (KRaft, one node) with its data under a
 * folder, the schema registry keeping its schemas on that broker, and the topics of the topic spec.
 * Stops cleanly on Ctrl-C and starts again with its data intact.
 */
@Command(
    name = "hub",
    mixinStandardHelpOptions = true,
    description =
        "Runs the VRU data-sharing hub on this machine: broker, schema registry and topics.")
public final class LocalHub implements Runnable, AutoCloseable {

  @Option(
      names = "--data-dir",
      defaultValue = ".hub",
      description = "Folder for the broker's data and the hub's state (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka client port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--controller-port",
      defaultValue = "9093",
      description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
  int controllerPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description = "Schema registry HTTP port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(names = "--reset", description = "Delete the data folder first and start from nothing.")
  boolean reset;

  @Option(
      names = "--policy",
      defaultValue = "deploy/policy/vru-hub-isa.yaml",
      description = "The information-sharing policy the hub enforces (default: ${DEFAULT-VALUE}).")
  Path policyFile;

  private final PrintStream out;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private LocalBroker broker;
  private RegistryServer registry;

  public LocalHub() {
    this(System.out);
  }

  LocalHub(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    LocalHub hub = new LocalHub();
    CommandLine cli = new CommandLine(hub);
    int status = cli.execute(args);
    if (status != 0 || cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
      System.exit(status);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping the hub...");
                  hub.close();
                  stopped.countDown();
                },
                "hub-stop"));
    System.out.println("Press Ctrl-C to stop.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts everything; returns once the hub is ready. */
  @Override
  public void run() {
    step("Checking the policy " + policyFile);
    Policy policy = Policy.load(policyFile);
    step(
        "Policy "
            + policy.identity().id()
            + " version "
            + policy.identity().version()
            + " may be enforced");
    try {
      if (reset) {
        deleteRecursively(dataDir);
        out.println("Deleted " + dataDir.toAbsolutePath() + " (--reset)");
      }
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare data folder " + dataDir, e);
    }
    step("Starting Kafka broker (KRaft) with data in " + dataDir.toAbsolutePath().resolve("kafka"));
    broker = LocalBroker.start(dataDir, kafkaPort, controllerPort, Duration.ofMinutes(2));
    running.push(broker);

    step("Starting schema registry on port " + registryPort);
    registry =
        RegistryServer.start(
            broker.bootstrapServers(),
            registryPort,
            Map.of("registry.default-compatibility", "BACKWARD"));
    running.push(registry);

    TopicCatalogue catalogue = TopicCatalogue.load();
    List<String> created =
        TopicSetup.createMissing(broker.bootstrapServers(), catalogue, (short) 1);
    step(
        created.isEmpty()
            ? "All " + catalogue.all().size() + " topics already exist"
            : "Created topics: " + String.join(", ", created));

    out.println();
    out.println("The VRU hub is running.");
    out.println("  Kafka bootstrap servers: " + broker.bootstrapServers());
    out.println(
        "  Schema registry:         "
            + registry.url()
            + "   (try: curl "
            + registry.url()
            + "/subjects)");
    out.println("  Data folder:             " + dataDir.toAbsolutePath());
  }

  private void step(String message) {
    out.println("[hub] " + message);
  }

  /** Bootstrap servers of the running broker. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Base URL of the running registry. */
  public String registryUrl() {
    return registry.url();
  }

  /** Stops what was started, newest first. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        out.println("[hub] stopping a component failed: " + e.getMessage());
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
