package uk.vruhub.schemas.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the missing topics of a topic spec with the spec's own settings; topics that exist are
 * left as they are. For the tests and benchmarks, which need the topics and not the agreement:
 * topics made here carry no retention, which only the policy sets. A deployment runs the policy's
 * topic job instead ({@code policy apply}, in the policy module), which creates and configures the
 * topics with the policy's retention and applies its ACLs.
 */
public final class TopicSetup {

  private TopicSetup() {}

  /** Creates the missing topics on a broker that needs no login; returns the names it created. */
  public static List<String> createMissing(
      String bootstrapServers, TopicCatalogue catalogue, short replicationFactor) {
    return createMissing(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        catalogue,
        replicationFactor);
  }

  /**
   * Creates the missing topics and returns the names it created.
   *
   * @param adminProperties bootstrap servers and security of a principal that may create topics
   */
  public static List<String> createMissing(
      Map<String, ?> adminProperties, TopicCatalogue catalogue, short replicationFactor) {
    try (Admin admin = Admin.create(new java.util.HashMap<>(adminProperties))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec topic : catalogue.all()) {
        if (!existing.contains(topic.name())) {
          missing.add(
              new NewTopic(topic.name(), topic.partitions(), replicationFactor)
                  .configs(topic.config()));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot create the hub's topics: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The broker did not create the hub's topics within a minute", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }
}
