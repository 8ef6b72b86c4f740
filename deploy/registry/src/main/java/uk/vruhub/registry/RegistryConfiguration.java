package uk.vruhub.registry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import uk.vruhub.registry.store.KafkaSchemaLog;
import uk.vruhub.registry.store.MemorySchemaLog;
import uk.vruhub.registry.store.SchemaLog;
import uk.vruhub.security.spring.HubKafkaSettings;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class RegistryConfiguration {

  @Bean(destroyMethod = "close")
  SchemaLog schemaLog(RegistryProperties properties, ConfigurableEnvironment environment) {
    return switch (properties.store()) {
      case KAFKA ->
          new KafkaSchemaLog(
              properties.kafka().bootstrapServers(),
              // The registry's own principal, from the hub.kafka.* keys every service takes.
              HubKafkaSettings.from(environment).properties(),
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
