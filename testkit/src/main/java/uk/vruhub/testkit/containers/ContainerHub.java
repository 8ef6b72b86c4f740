package uk.vruhub.testkit.containers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import uk.vruhub.testkit.HubEnvironment;

/**
 * The test kit's container mode: one Kafka broker run by Testcontainers' own {@link KafkaContainer}
 * (the hub's image stands in for {@code apache/kafka}; the same code runs the real one with {@code
 * -Dhub.it.kafka-image=apache/kafka:4.2.2}) and the hub's registry image beside it on one network,
 * where other containers find them as {@code kafka:19092} and {@code http://registry:8081}.
 */
public final class ContainerHub extends HubEnvironment {

  private final Network network = Network.newNetwork();
  private final KafkaContainer kafka;
  private final GenericContainer<?> registry;
  private final int registryPort = Docker.freePort();

  @SuppressWarnings("resource") // both closed by close()
  private ContainerHub() {
    kafka =
        new KafkaContainer(
                DockerImageName.parse(Images.kafka()).asCompatibleSubstituteFor("apache/kafka"))
            .withNetwork(network)
            .withListener("kafka:19092")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_HEAP_OPTS", "-Xmx512m -Xms128m");
    registry =
        new GenericContainer<>(DockerImageName.parse(Images.service("registry")))
            .withNetwork(network)
            .withNetworkAliases("registry")
            .withEnv("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
            // This broker authenticates nobody yet; the cluster's own setup replaces it.
            .withEnv("HUB_KAFKA_SECURITYPROTOCOL", "PLAINTEXT")
            .withEnv("JAVA_TOOL_OPTIONS", "-Xmx256m")
            .withCreateContainerCmdModifier(Docker.bind(registryPort, 8081))
            .dependsOn(kafka)
            .waitingFor(
                Wait.forLogMessage(".*Started \\w+ in .*", 1)
                    .withStartupTimeout(Duration.ofMinutes(2)));
  }

  /** Starts the broker and the registry; the caller closes them. */
  public static ContainerHub start() {
    ContainerHub hub = new ContainerHub();
    try {
      hub.registry.start(); // starts the broker first
      hub.awaitRegistry(Duration.ofMinutes(1));
    } catch (RuntimeException e) {
      hub.close();
      throw e;
    }
    return hub;
  }

  /** The broker's container. */
  public KafkaContainer kafka() {
    return kafka;
  }

  /** The registry's container. */
  public GenericContainer<?> registry() {
    return registry;
  }

  /** The network the broker ({@code kafka:19092}) and registry ({@code registry}) are on. */
  public Network network() {
    return network;
  }

  @Override
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public java.util.Map<String, Object> clientProperties(String user) {
    // PLAINTEXT for now: every user is the same anonymous client on this broker.
    return new java.util.HashMap<>(
        java.util.Map.of(
            org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers()));
  }

  @Override
  public String securityProtocol() {
    return "PLAINTEXT";
  }

  @Override
  public java.nio.file.Path kafkaPasswordFile(String user) {
    return null;
  }

  @Override
  public String registryUrl() {
    return "http://localhost:" + registryPort;
  }

  @Override
  public void restartRegistry() {
    Docker.restart(registry);
    awaitRegistry(Duration.ofMinutes(1));
  }

  private void awaitRegistry(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(URI.create(registryUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for the registry", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The registry container was not healthy within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for the registry", e);
      }
    }
  }

  @Override
  public void close() {
    try {
      registry.stop();
    } finally {
      try {
        kafka.stop();
      } finally {
        network.close();
      }
    }
  }
}
