package uk.vruhub.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.registry.RegistryServer;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.serde.AvroSerializer;
import uk.vruhub.testkit.SampleEvents;
import uk.vruhub.testkit.TestSecrets;

/**
 * The topology exactly as the application assembles it from its configuration (policy file,
 * definitions, areas, secrets, registry) driven once through TopologyTestDriver, with a real
 * registry over HTTPS; streams are not started.
 */
class SpringAssembledTopologyTest {

  static RegistryServer registry;
  static ConfigurableApplicationContext app;
  static String userInfo;
  static Path caFile;

  @BeforeAll
  static void start() throws Exception {
    TestSecrets tls = TestSecrets.create();
    Map<String, Object> registryProperties = new java.util.HashMap<>(tls.serverTlsProperties());
    registryProperties.put("registry.store", "memory");
    registryProperties.put("registry.auth.users-file", tls.registryUsersFile().toString());
    registry = RegistryServer.start("unused:9092", 0, registryProperties);
    userInfo = tls.registryUserInfo("aggregator");
    caFile = tls.caFile();
    Path secrets = Files.createTempDirectory("recipients");
    Files.writeString(
        secrets.resolve("vru-analyst"), "spring-assembled-test-secret-of-32-bytes-or-more");
    // Configured as a deployment is (its own Kafka login); no broker is contacted here.
    Path kafkaPassword = Files.writeString(Files.createTempFile("aggregator", ".password"), "pw");
    app =
        new SpringApplicationBuilder(AggregatorApplication.class)
            .run(
                "--server.port=0",
                "--hub.aggregator.run-streams=false",
                "--hub.kafka.security-protocol=SASL_PLAINTEXT",
                "--hub.kafka.password-file=" + kafkaPassword,
                "--hub.aggregator.policy-file=../deploy/policy/vru-hub-isa.yaml",
                "--hub.aggregator.recipient-secrets-dir=" + secrets,
                "--hub.http.tls.certificate-file=" + tls.serverCertificate(),
                "--hub.http.tls.key-file=" + tls.serverKey(),
                "--hub.aggregator.registry.url=" + registry.url(),
                "--hub.aggregator.registry.username=aggregator",
                "--hub.aggregator.registry.password-file=" + tls.registryPasswordFile("aggregator"),
                "--hub.aggregator.registry.ca-file=" + tls.caFile(),
                "--hub.aggregator.registry.auto-register=true");
  }

  @AfterAll
  static void stop() {
    app.close();
    registry.close();
  }

  @Test
  void theAssembledTopologyPublishesHotspotsUnderThePolicy() {
    Topology topology = app.getBean(Topology.class);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "assembled");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    AvroSerdeConfig serde =
        AvroSerdeConfig.of(registry.url(), true).withBasicAuth(userInfo).withTrustStore(caFile);
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      TestInputTopic<String, PoliceCrimeEvent> police =
          driver.createInputTopic(
              "police.crime-events.v1",
              new StringSerializer(),
              new AvroSerializer<>(serde.client(), true, false));
      TestOutputTopic<HotspotKey, HotspotCell> hotspots =
          driver.createOutputTopic(
              "hub.hotspots.v1",
              new AvroDeserializer<>(serde.client(), HotspotKey.class),
              new AvroDeserializer<>(serde.client(), HotspotCell.class));
      for (int i = 1; i <= 6; i++) {
        PoliceCrimeEvent event = SampleEvents.policeEvent("r" + i);
        event.setIncidentArea(uk.vruhub.avro.common.Area.newBuilder().setLsoa("E01900004").build());
        police.pipeInput("r" + i, event);
      }
      // The hotspot deltas are sent on every commit interval of wall-clock time (the default).
      driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
      Map<HotspotKey, HotspotCell> latest = new HashMap<>();
      hotspots.readRecordsToList().forEach(r -> latest.put(r.key(), r.value()));
      assertThat(latest.values())
          .filteredOn(
              c ->
                  c.getAreaCode().equals("E01900004")
                      && c.getDefinitionId().equals("northumbria-who@1")
                      && c.getSource() == HotspotSource.COMBINED)
          .extracting(HotspotCell::getCount)
          .as("6 events, rounded to the nearest 5")
          .containsOnly(5);
    }
  }
}
