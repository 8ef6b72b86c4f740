package uk.vruhub.security.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class KafkaSecurityEnvironmentPostProcessorTest {

  private final KafkaSecurityEnvironmentPostProcessor processor =
      new KafkaSecurityEnvironmentPostProcessor(Test.class.getName());

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "yaml", Map.of("spring.kafka.bootstrap-servers", "localhost:9092")));
    return environment;
  }

  @Test
  void mapsTheServicePrincipalOntoEveryKafkaClient(@TempDir Path dir) throws Exception {
    Path password = dir.resolve("ingest-police");
    Files.writeString(password, "s3cret-never-shown\n");
    Path ca = dir.resolve("ca.crt");
    StandardEnvironment environment =
        environment(
            Map.of(
                "hub.kafka.username", "ingest-police",
                "hub.kafka.password-file", password.toString(),
                "hub.kafka.ca-file", ca.toString()));

    processor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.kafka.properties.security.protocol"))
        .isEqualTo("SASL_SSL");
    assertThat(environment.getProperty("spring.kafka.properties.sasl.mechanism"))
        .isEqualTo("SCRAM-SHA-512");
    assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config"))
        .contains("username=\"ingest-police\"", "password=\"s3cret-never-shown\"");
    assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.type"))
        .isEqualTo("PEM");
    assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.location"))
        .isEqualTo(ca.toAbsolutePath().toString());
  }

  @Test
  void leavesApplicationsWithoutSpringKafkaAlone() {
    StandardEnvironment environment = environment(Map.of());
    new KafkaSecurityEnvironmentPostProcessor()
        .postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.containsProperty("spring.kafka.properties.security.protocol")).isFalse();
  }

  @Test
  void leavesApplicationsThatDoNotConfigureSpringKafkaAlone() {
    StandardEnvironment environment = new StandardEnvironment();
    processor.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.containsProperty("spring.kafka.properties.security.protocol")).isFalse();
  }

  @Test
  void loopbackWithoutTls(@TempDir Path dir) throws Exception {
    Path password = dir.resolve("aggregator");
    Files.writeString(password, "pw");
    StandardEnvironment environment =
        environment(
            Map.of(
                "hub.kafka.security-protocol", "sasl_plaintext",
                "hub.kafka.username", "aggregator",
                "hub.kafka.password-file", password.toString()));

    processor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.kafka.properties.security.protocol"))
        .isEqualTo("SASL_PLAINTEXT");
    assertThat(environment.containsProperty("spring.kafka.properties.ssl.truststore.location"))
        .isFalse();
  }

  @Test
  void aServiceWithoutItsUserOrPasswordDoesNotStart(@TempDir Path dir) {
    assertThatThrownBy(
            () -> processor.postProcessEnvironment(environment(Map.of()), new SpringApplication()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SASL_SSL needs the service's Kafka user: set hub.kafka.username");
    assertThatThrownBy(
            () ->
                processor.postProcessEnvironment(
                    environment(Map.of("hub.kafka.username", "registry")), new SpringApplication()))
        .hasMessageContaining("Kafka user 'registry' has no password: set hub.kafka.password-file");
    Path missing = dir.resolve("nothing-here");
    assertThatThrownBy(
            () ->
                processor.postProcessEnvironment(
                    environment(
                        Map.of(
                            "hub.kafka.username",
                            "registry",
                            "hub.kafka.password-file",
                            missing.toString())),
                    new SpringApplication()))
        .hasMessageContaining("Secret file " + missing + " does not exist");
  }
}
