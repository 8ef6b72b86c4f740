package uk.vruhub.docker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.ingest.core.intake.TokenCheck;
import uk.vruhub.ingest.core.it.IngestITSupport;
import uk.vruhub.ingest.police.IngestPoliceApplication;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.topics.CommittedRecords;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.LocalCa;
import uk.vruhub.security.SecretFiles;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.TestSecrets;
import uk.vruhub.testkit.containers.ClusterSecrets;
import uk.vruhub.testkit.containers.ContainerHub;
import uk.vruhub.testkit.containers.Images;

/** The hub's services as the container tests run them: as images, or in this JVM. */
final class Services {

  static final String POLICY = "../policy/vru-hub-isa.yaml";
  static final String ANALYST_SECRET = "container-test-recipient-secret-0123456789abcdef";

  /** The police agency's bearer token (the service holds its SHA-256). */
  static final String AGENCY_TOKEN = IngestITSupport.TOKEN;

  /** The ingest services' match-key secret. */
  static final String LINKAGE_SECRET = IngestITSupport.LINKAGE_SECRET;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Services() {}

  /**
   * The police ingest image on the hub's network, logging in to Kafka as {@code ingest-police} and
   * to the registry as the registry user {@code ingest-police}, serving HTTPS; feeds are sent with
   * {@link #intake(HubEnvironment)}.
   */
  @SuppressWarnings("resource") // the caller stops it
  static GenericContainer<?> policeContainer(ContainerHub hub) {
    String user = HubPrincipals.ingest("police");
    return hub.asKafkaUser(service("ingest-police", 8091, hub, "HUB_INGEST_REGISTRY_", user), user)
        .withEnv("HUB_INGEST_REGISTRY_AUTOREGISTER", "true")
        .withEnv("HUB_INGEST_POLICYFILE", "/etc/vruhub/policy/vru-hub-isa.yaml")
        .withEnv("HUB_LINKAGE_SECRET_FILE", "/run/secrets/linkage-secret")
        .withEnv("HUB_INGEST_TOKEN_SHA256", TokenCheck.hash(AGENCY_TOKEN))
        .withCopyToContainer(
            Transferable.of(LINKAGE_SECRET.getBytes(StandardCharsets.US_ASCII), 0444),
            "/run/secrets/linkage-secret");
  }

  /**
   * The aggregator image on the hub's network, logging in as {@code aggregator} (Kafka and
   * registry), serving HTTPS, with the analyst as its one level 2 recipient and every recipient's
   * token hash in {@code hub.aggregator.http.recipient-tokens-dir}.
   */
  @SuppressWarnings("resource") // the caller stops it
  static GenericContainer<?> aggregatorContainer(ContainerHub hub) {
    GenericContainer<?> container =
        hub.asKafkaUser(
                service(
                    "aggregator", 8090, hub, "HUB_AGGREGATOR_REGISTRY_", HubPrincipals.AGGREGATOR),
                HubPrincipals.AGGREGATOR)
            .withEnv("HUB_AGGREGATOR_REGISTRY_AUTOREGISTER", "true")
            .withEnv("HUB_AGGREGATOR_POLICYFILE", "/etc/vruhub/policy/vru-hub-isa.yaml")
            .withEnv("HUB_AGGREGATOR_RECIPIENTSECRETSDIR", "/run/secrets/recipients")
            .withEnv("HUB_AGGREGATOR_STATEDIR", "/var/lib/vruhub/state")
            .withEnv("HUB_AGGREGATOR_HTTP_RECIPIENTTOKENSDIR", "/run/secrets/recipient-tokens")
            .withCopyToContainer(
                Transferable.of(ANALYST_SECRET.getBytes(StandardCharsets.US_ASCII), 0444),
                "/run/secrets/recipients/vru-analyst");
    for (String recipient : TestSecrets.RECIPIENTS) {
      container.withCopyToContainer(
          Transferable.of(
              SecretFiles.sha256Hex(hub.secrets().token(recipient))
                  .getBytes(StandardCharsets.US_ASCII),
              0444),
          "/run/secrets/recipient-tokens/" + recipient);
    }
    return container;
  }

  /**
   * The aggregator container's {@code GET /api/v1/status}, polled until it says caught up: its
   * streams RUNNING and its consumer group without lag on every source and repartition partition
   * ({@code read_committed} end offsets), so every input committed before the answer is in the
   * outputs. Output topics that merely stop moving are no such signal: a task restoring its state
   * after a restart, or a machine busy elsewhere, stops them too. A container that is killed and
   * started again must have its port bound to a fixed host port ({@code Docker.bind}).
   *
   * @return the status that said caught up
   */
  static JsonNode awaitCaughtUp(
      GenericContainer<?> aggregator, HubEnvironment hub, Duration timeout) {
    return awaitCaughtUp(
        hub.httpClient(),
        URI.create("https://localhost:" + aggregator.getMappedPort(8090) + "/api/v1/status"),
        timeout,
        () -> !aggregator.isRunning());
  }

  /**
   * {@code GET status}, polled with {@code http} until the aggregator says caught up, or until
   * {@code stopped} says it never will.
   */
  static JsonNode awaitCaughtUp(
      HttpClient http, URI status, Duration timeout, Callable<Boolean> stopped) {
    JsonNode[] last = {null};
    try {
      await("the aggregator's status to say caught up")
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .failFast("the aggregator stopped", stopped)
          .until(
              () -> {
                HttpResponse<String> answer =
                    http.send(
                        HttpRequest.newBuilder(status).build(),
                        HttpResponse.BodyHandlers.ofString());
                last[0] = JSON.readTree(answer.body());
                return answer.statusCode() == 200 && last[0].path("caughtUp").asBoolean();
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "The aggregator had not caught up in "
              + timeout
              + "; its last status: "
              + (last[0] == null
                  ? "none"
                  : "streams " + last[0].path("state") + ", lag " + last[0].path("totalLag")),
          e);
    }
    return last[0];
  }

  /**
   * A service's image: HTTPS with a certificate from the hub's CA naming its network alias and
   * {@code localhost} ({@code /run/secrets/tls/server.crt}, {@code server.key}, the CA as {@code
   * ca.crt} beside them, which the image's healthcheck verifies against), and the registry over
   * HTTPS as {@code registryUser} with its password file, under the service's {@code
   * registryPrefix} keys. Started once the image's own healthcheck says healthy.
   */
  private static GenericContainer<?> service(
      String name, int port, ContainerHub hub, String registryPrefix, String registryUser) {
    TestSecrets secrets = hub.secrets();
    LocalCa.ServerFiles tls = secrets.ca().serverCertificate(name, List.of(name, "localhost"));
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(Images.service(name)))
            .withNetwork(hub.network())
            .withNetworkAliases(name)
            .withExposedPorts(port)
            .withEnv("KAFKA_BOOTSTRAP_SERVERS", hub.internalBootstrapServers())
            .withEnv("SCHEMA_REGISTRY_URL", ContainerHub.INTERNAL_REGISTRY_URL)
            .withEnv("JAVA_TOOL_OPTIONS", "-Xmx384m")
            .withEnv("HUB_HTTP_TLS_CERTIFICATEFILE", TLS + "/server.crt")
            .withEnv("HUB_HTTP_TLS_KEYFILE", TLS + "/server.key")
            .withEnv("HEALTH_CA_FILE", TLS + "/ca.crt")
            .withEnv(registryPrefix + "USERNAME", registryUser)
            .withEnv(registryPrefix + "PASSWORDFILE", "/run/secrets/registry-password")
            .withEnv(registryPrefix + "CAFILE", TLS + "/ca.crt")
            .withCopyFileToContainer(
                MountableFile.forHostPath(Path.of(POLICY)), "/etc/vruhub/policy/vru-hub-isa.yaml")
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(3)));
    copy(container, tls.chain(), TLS + "/server.crt");
    copy(container, tls.key(), TLS + "/server.key");
    copy(container, secrets.caFile(), TLS + "/ca.crt");
    copy(container, secrets.registryPasswordFile(registryUser), "/run/secrets/registry-password");
    return container;
  }

  /** Where a service container finds its HTTPS files. */
  private static final String TLS = "/run/secrets/tls";

  /**
   * Copies a secret file into a container, readable by the image's non-root user (the container is
   * the only reader).
   */
  private static void copy(GenericContainer<?> container, Path file, String target) {
    try {
      container.withCopyToContainer(Transferable.of(Files.readAllBytes(file), 0444), target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** The police agency's side of an ingest service's intake, trusting the hub's CA. */
  static Intake intake(HubEnvironment hub) {
    return new Intake(hub.httpClient(), AGENCY_TOKEN);
  }

  /**
   * Producer timeouts short enough that a broker that stops answering fails a feed within seconds
   * rather than minutes. Too short for a cluster to move leaders after losing a broker (the
   * controller waits out the broker's session first): tests of failover use the service's own.
   */
  static final Map<String, String> FAIL_FAST_PRODUCER =
      Map.of(
          "delivery.timeout.ms", "20000",
          "request.timeout.ms", "5000",
          "max.block.ms", "10000",
          "transaction.timeout.ms", "60000");

  /**
   * The police ingest service in this JVM, logging in as {@code ingest-police} (Kafka and
   * registry), serving HTTPS with the secrets' certificate, with these producer properties over its
   * own.
   */
  static ConfigurableApplicationContext policeInProcess(
      ClusterSecrets kafka,
      TestSecrets secrets,
      String bootstrap,
      String registryUrl,
      Path secret,
      Map<String, String> producer) {
    String user = HubPrincipals.ingest("police");
    List<String> args = new ArrayList<>(kafka.serviceArguments(user));
    secrets.serverTlsProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
    args.addAll(
        List.of(
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + bootstrap,
            "--hub.ingest.registry.url=" + registryUrl,
            "--hub.ingest.registry.username=" + user,
            "--hub.ingest.registry.password-file=" + secrets.registryPasswordFile(user),
            "--hub.ingest.registry.ca-file=" + secrets.caFile(),
            "--hub.ingest.registry.auto-register=true",
            "--hub.ingest.linkage.secret-file=" + secret,
            "--hub.ingest.intake.token-sha256=" + TokenCheck.hash(AGENCY_TOKEN),
            "--hub.ingest.policy-file=" + POLICY,
            "--spring.application.name=ingest-police-container-test"));
    producer.forEach(
        (name, value) -> args.add("--spring.kafka.producer.properties." + name + "=" + value));
    return new SpringApplicationBuilder(IngestPoliceApplication.class)
        .run(args.toArray(String[]::new));
  }

  static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  /** What a read_committed consumer sees of one feed on a topic: records and distinct keys. */
  record Committed(long records, long distinctKeys) {
    long duplicates() {
      return records - distinctKeys;
    }
  }

  static Committed committedOf(
      Map<String, Object> client, AvroSerdeConfig registry, String topic, String feedId) {
    long[] records = {0};
    Set<String> keys = new HashSet<>();
    CommittedRecords.<String, PoliceCrimeEvent>forEach(
        client,
        topic,
        new StringDeserializer(),
        new AvroDeserializer<>(registry.client(), PoliceCrimeEvent.class),
        Duration.ofMinutes(1),
        r -> {
          if (r.value() != null && r.value().getFeedId().equals(feedId)) {
            records[0]++;
            keys.add(r.key());
          }
        });
    return new Committed(records[0], keys.size());
  }
}
