package uk.vruhub.testkit;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import uk.vruhub.registry.RegistryServer;

/**
 * Apache Kafka's own broker in KRaft mode, in this JVM (spring-kafka-test), and the hub's registry
 * over HTTP on a free port, keeping its schemas on that broker.
 */
final class EmbeddedHub extends HubEnvironment {

  /**
   * A single broker needs these for transactions and consumer groups: the internal topics default
   * to three replicas, which one broker cannot hold.
   */
  static final Map<String, String> SINGLE_BROKER =
      Map.of(
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "offsets.topic.replication.factor", "1",
          "group.initial.rebalance.delay.ms", "0",
          "auto.create.topics.enable", "false");

  private final EmbeddedKafkaKraftBroker broker;
  private RegistryServer registry;
  private int registryPort;

  EmbeddedHub() {
    broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(SINGLE_BROKER);
    broker.afterPropertiesSet();
    registry =
        RegistryServer.start(
            broker.getBrokersAsString(), 0, Map.of("registry.kafka.timeout", "30s"));
    registryPort = Integer.parseInt(registry.url().substring(registry.url().lastIndexOf(':') + 1));
  }

  @Override
  public String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  @Override
  public String registryUrl() {
    return registry.url();
  }

  @Override
  public synchronized void restartRegistry() {
    registry.close();
    registry =
        RegistryServer.start(
            broker.getBrokersAsString(), registryPort, Map.of("registry.kafka.timeout", "30s"));
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      broker.destroy();
    }
  }
}
