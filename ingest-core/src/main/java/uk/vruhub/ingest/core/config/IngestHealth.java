package uk.vruhub.ingest.core.config;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import uk.vruhub.schemas.registry.SchemaRegistryClient;

/** Health of what a feed needs: the Kafka cluster and the schema registry. */
final class IngestHealth {

  private IngestHealth() {}

  static HealthIndicator kafka(Map<String, Object> adminProperties) {
    return () -> {
      try (Admin admin = Admin.create(adminProperties)) {
        int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        return Health.up().withDetail("brokers", brokers).build();
      } catch (Exception e) {
        return Health.down()
            .withDetail(
                "problem", "Kafka did not answer within 5 s: " + e.getClass().getSimpleName())
            .build();
      }
    };
  }

  static HealthIndicator registry(SchemaRegistryClient client) {
    return () -> {
      try {
        return Health.up()
            .withDetail("url", client.location())
            .withDetail("compatibility", client.compatibility(null).name())
            .build();
      } catch (RuntimeException e) {
        return Health.down()
            .withDetail("url", client.location())
            .withDetail("problem", e.getMessage())
            .build();
      }
    };
  }
}
