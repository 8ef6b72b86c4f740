package uk.vruhub.registry;

import jakarta.servlet.Filter;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import uk.vruhub.registry.auth.BasicAuthFilter;
import uk.vruhub.registry.auth.RegistryUsers;
import uk.vruhub.registry.store.KafkaSchemaLog;
import uk.vruhub.registry.store.MemorySchemaLog;
import uk.vruhub.registry.store.SchemaLog;
import uk.vruhub.security.spring.HubKafkaSettings;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class RegistryConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RegistryConfiguration.class);

  /**
   * HTTP basic authentication in front of every endpoint but the health; the registry refuses to
   * start with neither a users file nor {@code registry.auth.anonymous=true}.
   */
  @Bean
  FilterRegistrationBean<Filter> registryAuthentication(RegistryProperties properties) {
    RegistryProperties.Auth auth = properties.auth();
    String file = auth.usersFile();
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    if (file != null && !file.isBlank()) {
      RegistryUsers users = RegistryUsers.load(Path.of(file));
      log.info("Registry users from {}: {}", file, users.size());
      registration.setFilter(new BasicAuthFilter(users));
      return registration;
    }
    if (!auth.anonymous()) {
      throw new IllegalStateException(
          "The registry refuses to start without users: set registry.auth.users-file (lines"
              + " user:sha256-of-password:read|write) or registry.auth.anonymous=true to let"
              + " anyone read and write it");
    }
    log.warn(
        "ANONYMOUS REGISTRY: registry.auth.anonymous=true, so anyone who can reach this registry"
            + " may register schemas and change compatibility. Tests and loopback demos only.");
    registration.setFilter((request, response, chain) -> chain.doFilter(request, response));
    registration.setEnabled(false);
    return registration;
  }

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
