package uk.vruhub.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import uk.vruhub.schemas.registry.CompatibilityLevel;

/**
 * Settings of the registry, under {@code registry.*}.
 *
 * @param store where schemas are kept: {@code kafka} (default; survives restarts) or {@code memory}
 *     (tests and throw-away demos only)
 * @param kafka the Kafka store
 * @param defaultCompatibility compatibility level of subjects without their own (default BACKWARD)
 * @param auth who may use the registry
 */
@Validated
@ConfigurationProperties("registry")
public record RegistryProperties(
    @NotNull @DefaultValue("kafka") Store store,
    @NotNull @DefaultValue Kafka kafka,
    @NotNull @DefaultValue("BACKWARD") CompatibilityLevel defaultCompatibility,
    @NotNull @DefaultValue Auth auth) {

  /**
   * Who may use the registry.
   *
   * @param usersFile file of {@code user:hash:role} lines (see {@code RegistryUsers}); required
   *     unless {@code anonymous} is true
   * @param anonymous serve every request without credentials, reads and writes alike (a warning at
   *     start; tests and throw-away demos on loopback only)
   */
  public record Auth(String usersFile, @DefaultValue("false") boolean anonymous) {}

  /** Where schemas are kept. */
  public enum Store {
    KAFKA,
    MEMORY
  }

  /**
   * The Kafka store.
   *
   * @param bootstrapServers brokers to keep the schema topic on (default localhost:9092)
   * @param topic the compacted topic holding every registration (default {@code _schemas})
   * @param replicationFactor replication factor the topic is created with (default 1; use 3 on a
   *     cluster)
   * @param timeout how long to wait for Kafka at start-up and per write (default 60 s)
   */
  public record Kafka(
      @NotBlank @DefaultValue("localhost:9092") String bootstrapServers,
      @NotBlank @DefaultValue("_schemas") String topic,
      @Positive @DefaultValue("1") short replicationFactor,
      @NotNull @DefaultValue("60s") Duration timeout) {}
}
