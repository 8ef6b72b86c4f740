package uk.vruhub.testkit.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.LocalCa;
import uk.vruhub.testkit.HubEnvironment;

/**
 * The test kit's container mode: one node of the hub's Kafka image, secured as the compose cluster
 * is ({@link KafkaNodes}: SASL_SSL, SCRAM-SHA-512, StandardAuthorizer, a CA made for it), and the
 * hub's registry image beside it on one network, where other containers find them as {@code
 * kafka-1:19092} ({@link #internalBootstrapServers()}) and {@code https://registry:8081} ({@link
 * #INTERNAL_REGISTRY_URL}). The shipped policy is applied as {@code hub-admin} before the registry
 * starts, so the registry logs in as {@code User:registry} with the ACLs the policy gives it, as
 * every client here does. The registry is secured as in compose: HTTPS with a certificate from
 * {@link #secrets()}' CA naming {@code registry} and {@code localhost}, and HTTP basic users from
 * the secrets' users file (every hub principal, the recipients and the test kit's writer).
 */
public final class ContainerHub extends HubEnvironment {

  /** The registry's URL for containers on {@link #network()}. */
  public static final String INTERNAL_REGISTRY_URL = "https://registry:8081";

  private static final String SECRETS = "/run/secrets";

  private final KafkaNodes kafka;
  private final GenericContainer<?> registry;
  private final int registryPort = Docker.freePort();

  @SuppressWarnings("resource") // closed by close()
  private ContainerHub(KafkaNodes kafka) {
    this.kafka = kafka;
    registry =
        kafka
            .secrets()
            .installClient(
                new GenericContainer<>(DockerImageName.parse(Images.service("registry"))),
                HubPrincipals.REGISTRY)
            .withNetwork(kafka.network())
            .withNetworkAliases("registry")
            .withEnv("KAFKA_BOOTSTRAP_SERVERS", kafka.internalBootstrapServers())
            .withEnv("REGISTRY_KAFKA_REPLICATIONFACTOR", "1")
            .withEnv("JAVA_TOOL_OPTIONS", "-Xmx256m")
            .withEnv("HUB_HTTP_TLS_CERTIFICATEFILE", SECRETS + "/tls/server.crt")
            .withEnv("HUB_HTTP_TLS_KEYFILE", SECRETS + "/tls/server.key")
            .withEnv("HEALTH_CA_FILE", SECRETS + "/tls/ca.crt")
            .withEnv("REGISTRY_AUTH_USERSFILE", SECRETS + "/registry-users")
            .withCreateContainerCmdModifier(Docker.bind(registryPort, 8081))
            .waitingFor(
                Wait.forLogMessage(".*Started \\w+ in .*", 1)
                    .withStartupTimeout(Duration.ofMinutes(2)));
    LocalCa.ServerFiles tls =
        secrets().ca().serverCertificate("registry", List.of("registry", "localhost"));
    copy(tls.chain(), SECRETS + "/tls/server.crt");
    copy(tls.key(), SECRETS + "/tls/server.key");
    copy(secrets().caFile(), SECRETS + "/tls/ca.crt");
    copy(secrets().registryUsersFile(), SECRETS + "/registry-users");
  }

  /** A secret file into the registry's container, readable by the image's non-root user. */
  private void copy(Path file, String target) {
    try {
      registry.withCopyToContainer(Transferable.of(Files.readAllBytes(file), 0444), target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Starts the broker, applies the shipped policy, starts the registry; the caller closes them. */
  public static ContainerHub start() {
    KafkaNodes kafka = KafkaNodes.start(1);
    ContainerHub hub;
    try {
      hub = new ContainerHub(kafka);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    try {
      hub.createTopics();
      hub.registry.start();
      hub.awaitRegistry(Duration.ofMinutes(1));
    } catch (RuntimeException e) {
      hub.close();
      throw e;
    }
    return hub;
  }

  /** The broker's node. */
  public KafkaNodes kafka() {
    return kafka;
  }

  /** The registry's container. */
  public GenericContainer<?> registry() {
    return registry;
  }

  /** The network the broker ({@code kafka-1:19092}) and registry ({@code registry}) are on. */
  public Network network() {
    return kafka.network();
  }

  /** Bootstrap servers for containers on {@link #network()}. */
  public String internalBootstrapServers() {
    return kafka.internalBootstrapServers();
  }

  /** Makes a hub service's container log in as {@code user} (see {@link ClusterSecrets}). */
  public <T extends GenericContainer<?>> T asKafkaUser(T container, String user) {
    return kafka.secrets().installClient(container, user);
  }

  @Override
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public Map<String, Object> clientProperties(String user) {
    return new HashMap<>(kafka.clientProperties(user));
  }

  @Override
  public String securityProtocol() {
    return "SASL_SSL";
  }

  @Override
  public Path kafkaPasswordFile(String user) {
    return kafka.secrets().passwordFile(user);
  }

  @Override
  public Path kafkaCaFile() {
    return kafka.caFile();
  }

  @Override
  public String registryUrl() {
    return "https://localhost:" + registryPort;
  }

  @Override
  public void restartRegistry() {
    Docker.restart(registry);
    awaitRegistry(Duration.ofMinutes(1));
  }

  private void awaitRegistry(Duration timeout) {
    HttpClient http = httpClient();
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
        // not listening yet (or its certificate not yet served: it is checked on every try)
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
      kafka.close();
    }
  }
}
