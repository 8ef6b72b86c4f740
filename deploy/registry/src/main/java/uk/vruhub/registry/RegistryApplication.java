package uk.vruhub.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The hub's schema registry: the Confluent Schema Registry REST API subset, backed by Kafka. It
 * builds its Kafka clients itself (as {@code User:registry}), so Spring for Apache Kafka, on the
 * class path where the registry runs beside the services (the local hub, tests), is kept out.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
      "uk.vruhub.security.spring.HubKafkaSecurityAutoConfiguration"
    })
public class RegistryApplication {

  public static void main(String[] args) {
    SpringApplication.run(RegistryApplication.class, args);
  }
}
