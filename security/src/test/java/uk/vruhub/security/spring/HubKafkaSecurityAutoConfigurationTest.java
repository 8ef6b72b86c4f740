package uk.vruhub.security.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class HubKafkaSecurityAutoConfigurationTest {

  /** The Kafka settings of a service configured with these keys, as each of its clients gets. */
  private static Map<String, Object> clientProperties(Map<String, Object> keys) {
    Map<String, Object> all = new HashMap<>(keys);
    all.putIfAbsent("spring.kafka.bootstrap-servers", "localhost:9092");
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", all));
    KafkaProperties kafka = new KafkaProperties();
    new HubKafkaSecurityAutoConfiguration.Applier(environment)
        .postProcessAfterInitialization(kafka, "kafkaProperties");
    return kafka.buildProducerProperties();
  }

  @Test
  void mapsTheServicePrincipalOntoEveryKafkaClient(@TempDir Path dir) throws Exception {
    Path password = Files.writeString(dir.resolve("ingest-police"), "s3cret-never-shown\n");
    Path ca = dir.resolve("ca.crt");

    Map<String, Object> props =
        clientProperties(
            Map.of(
                "hub.kafka.username", "ingest-police",
                "hub.kafka.password-file", password.toString(),
                "hub.kafka.ca-file", ca.toString()));

    assertThat(props)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.toAbsolutePath().toString());
    assertThat(props.get("sasl.jaas.config").toString())
        .contains("username=\"ingest-police\"", "password=\"s3cret-never-shown\"");
  }

  @Test
  void loopbackWithoutTls(@TempDir Path dir) throws Exception {
    Path password = Files.writeString(dir.resolve("aggregator"), "pw");
    Map<String, Object> props =
        clientProperties(
            Map.of(
                "hub.kafka.security-protocol", "sasl_plaintext",
                "hub.kafka.username", "aggregator",
                "hub.kafka.password-file", password.toString()));
    assertThat(props)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .doesNotContainKey("ssl.truststore.location");
  }

  @Test
  void leavesApplicationsThatDoNotConfigureSpringKafkaAlone() {
    StandardEnvironment environment = new StandardEnvironment();
    KafkaProperties kafka = new KafkaProperties();
    new HubKafkaSecurityAutoConfiguration.Applier(environment)
        .postProcessAfterInitialization(kafka, "kafkaProperties");
    assertThat(kafka.getProperties()).isEmpty();
  }

  @Test
  void aServiceWithoutItsUserOrPasswordDoesNotStart(@TempDir Path dir) {
    assertThatThrownBy(() -> clientProperties(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SASL_SSL needs the service's Kafka user: set hub.kafka.username");
    assertThatThrownBy(() -> clientProperties(Map.of("hub.kafka.username", "registry")))
        .hasMessageContaining("Kafka user 'registry' has no password: set hub.kafka.password-file");
    Path missing = dir.resolve("nothing-here");
    assertThatThrownBy(
            () ->
                clientProperties(
                    Map.of(
                        "hub.kafka.username",
                        "registry",
                        "hub.kafka.password-file",
                        missing.toString())))
        .hasMessageContaining("Secret file " + missing + " does not exist");
  }
}
