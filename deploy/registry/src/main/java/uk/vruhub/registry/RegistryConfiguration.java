package uk.vruhub.registry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.vruhub.registry.store.KafkaSchemaLog;
import uk.vruhub.registry.store.MemorySchemaLog;
import uk.vruhub.registry.store.SchemaLog;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class RegistryConfiguration {

  @Bean(destroyMethod = "close")
  SchemaLog schemaLog(RegistryProperties properties) {
    return switch (properties.store()) {
      case KAFKA ->
          new KafkaSchemaLog(
              properties.kafka().bootstrapServers(),
              properties.kafka().topic(),
              properties.kafka().replicationFactor(),
              properties.kafka().timeout());
      case MEMORY -> new MemorySchemaLog();
    };
  }

  @Bean
  SchemaRegistryService schemaRegistryService(SchemaLog schemaLog, RegistryProperties properties) {
    return new SchemaRegistryService(schemaLog, properties.defaultCompatibility());
  }

  @Bean
  HealthIndicator schemaStore(SchemaRegistryService registry) {
    return () -> {
      String problem = registry.storeProblem();
      return problem == null
          ? Health.up().build()
          : Health.down().withDetail("problem", problem).build();
    };
  }
}
