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
 * Creates the hub's topics from the topic spec; topics that exist are left as they are. Used by the
 * local hub, the benchmarks and, as a command, by the container deployment:
 *
 * <pre>
 * java -cp registry.jar uk.vruhub.schemas.topics.TopicSetup --bootstrap-servers kafka-1:19092 --replication-factor 3
 * </pre>
 */
public final class TopicSetup {

  private TopicSetup() {}

  /**
   * Creates the missing topics of the shipped spec: {@code --bootstrap-servers <list>} (or env
   * {@code KAFKA_BOOTSTRAP_SERVERS}) and {@code --replication-factor <n>} (default 1). Retries for
   * up to {@code --wait-seconds} (default 120) while the cluster comes up.
   */
  public static void main(String[] args) throws InterruptedException {
    String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    short replicationFactor = 1;
    long waitSeconds = 120;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--bootstrap-servers" -> bootstrap = require(args[i], value);
        case "--replication-factor" ->
            replicationFactor = Short.parseShort(require(args[i], value));
        case "--wait-seconds" -> waitSeconds = Long.parseLong(require(args[i], value));
        default -> {
          System.err.println(
              "Unknown option "
                  + args[i]
                  + "; options: --bootstrap-servers <list> --replication-factor <n>"
                  + " --wait-seconds <s>");
          System.exit(2);
        }
      }
      i++;
    }
    TopicCatalogue catalogue = TopicCatalogue.load();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
    while (true) {
      try {
        List<String> created = createMissing(bootstrap, catalogue, replicationFactor);
        System.out.println(
            created.isEmpty()
                ? "All " + catalogue.all().size() + " topics of the spec exist on " + bootstrap
                : "Created "
                    + created.size()
                    + " topics (replication factor "
                    + replicationFactor
                    + "): "
                    + String.join(", ", created));
        return;
      } catch (IllegalStateException e) {
        if (System.nanoTime() > deadline) {
          System.err.println(e.getMessage());
          System.exit(1);
        }
        System.out.println("Waiting for the cluster: " + e.getMessage());
        Thread.sleep(3_000);
      }
    }
  }

  private static String require(String option, String value) {
    if (value == null) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return value;
  }

  /** Creates the missing topics and returns the names it created. */
  public static List<String> createMissing(
      String bootstrapServers, TopicCatalogue catalogue, short replicationFactor) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
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
