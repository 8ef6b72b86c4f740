package uk.vruhub.docker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.ingest.core.intake.TokenCheck;
import uk.vruhub.ingest.core.it.IngestITSupport;
import uk.vruhub.ingest.police.IngestPoliceApplication;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.topics.CommittedRecords;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.testkit.containers.ClusterSecrets;
import uk.vruhub.testkit.containers.Images;

/** The hub's services as the container tests run them: as images, or in this JVM. */
final class Services {

  static final String POLICY = "../policy/vru-hub-isa.yaml";
  static final String ANALYST_SECRET = "container-test-recipient-secret-0123456789abcdef";

  private Services() {}

  /**
   * The police ingest image on {@code network}, logging in as {@code ingest-police}; feeds are sent
   * with IngestITSupport's token.
   */
  @SuppressWarnings("resource") // the caller stops it
  static GenericContainer<?> policeContainer(
      ClusterSecrets kafka, Network network, String bootstrap, String registryUrl) {
    return kafka
        .installClient(
            service("ingest-police", 8091, network, bootstrap, registryUrl),
            HubPrincipals.ingest("police"))
        .withEnv("HUB_INGEST_REGISTRY_AUTOREGISTER", "true")
        .withEnv("HUB_INGEST_POLICYFILE", "/etc/vruhub/policy/vru-hub-isa.yaml")
        .withEnv("HUB_LINKAGE_SECRET_FILE", "/run/secrets/linkage-secret")
        .withEnv("HUB_INGEST_TOKEN_SHA256", TokenCheck.hash(IngestITSupport.TOKEN))
        .withCopyToContainer(
            Transferable.of(
                IngestITSupport.LINKAGE_SECRET.getBytes(StandardCharsets.US_ASCII), 0444),
            "/run/secrets/linkage-secret");
  }

  /**
   * The aggregator image on {@code network}, logging in as {@code aggregator}, with the analyst as
   * its one level 2 recipient.
   */
  @SuppressWarnings("resource") // the caller stops it
  static GenericContainer<?> aggregatorContainer(
      ClusterSecrets kafka, Network network, String bootstrap, String registryUrl) {
    return kafka
        .installClient(
            service("aggregator", 8090, network, bootstrap, registryUrl), HubPrincipals.AGGREGATOR)
        .withEnv("HUB_AGGREGATOR_REGISTRY_AUTOREGISTER", "true")
        .withEnv("HUB_AGGREGATOR_POLICYFILE", "/etc/vruhub/policy/vru-hub-isa.yaml")
        .withEnv("HUB_AGGREGATOR_RECIPIENTSECRETSDIR", "/run/secrets/recipients")
        .withEnv("HUB_AGGREGATOR_STATEDIR", "/var/lib/vruhub/state")
        .withCopyToContainer(
            Transferable.of(ANALYST_SECRET.getBytes(StandardCharsets.US_ASCII), 0444),
            "/run/secrets/recipients/vru-analyst");
  }

  private static GenericContainer<?> service(
      String name, int port, Network network, String bootstrap, String registryUrl) {
    return new GenericContainer<>(DockerImageName.parse(Images.service(name)))
        .withNetwork(network)
        .withNetworkAliases(name)
        .withExposedPorts(port)
        .withEnv("KAFKA_BOOTSTRAP_SERVERS", bootstrap)
        .withEnv("SCHEMA_REGISTRY_URL", registryUrl)
        .withEnv("JAVA_TOOL_OPTIONS", "-Xmx384m")
        .withCopyFileToContainer(
            MountableFile.forHostPath(Path.of(POLICY)), "/etc/vruhub/policy/vru-hub-isa.yaml")
        .waitingFor(
            Wait.forHttp("/actuator/health")
                .forPort(port)
                .forStatusCode(200)
                .withStartupTimeout(Duration.ofMinutes(2)));
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
   * The police ingest service in this JVM, logging in as {@code ingest-police}, with these producer
   * properties over its own.
   */
  static ConfigurableApplicationContext policeInProcess(
      ClusterSecrets kafka,
      String bootstrap,
      String registryUrl,
      Path secret,
      Map<String, String> producer) {
    List<String> args = new ArrayList<>(kafka.serviceArguments(HubPrincipals.ingest("police")));
    args.addAll(
        List.of(
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + bootstrap,
            "--hub.ingest.registry.url=" + registryUrl,
            "--hub.ingest.registry.auto-register=true",
            "--hub.ingest.linkage.secret-file=" + secret,
            "--hub.ingest.intake.token-sha256=" + TokenCheck.hash(IngestITSupport.TOKEN),
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
      Map<String, Object> client, String registryUrl, String topic, String feedId) {
    long[] records = {0};
    Set<String> keys = new HashSet<>();
    CommittedRecords.<String, PoliceCrimeEvent>forEach(
        client,
        topic,
        new StringDeserializer(),
        new AvroDeserializer<>(
            AvroSerdeConfig.of(registryUrl, false).client(), PoliceCrimeEvent.class),
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
