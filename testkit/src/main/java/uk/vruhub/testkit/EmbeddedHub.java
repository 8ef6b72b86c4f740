package uk.vruhub.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import uk.vruhub.registry.RegistryServer;

/**
 * Apache Kafka's own broker in KRaft mode, in this JVM (spring-kafka-test), and the hub's registry
 * over HTTPS on a free loopback port, with the test users, keeping its schemas on that broker.
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
    registry = RegistryServer.start(broker.getBrokersAsString(), 0, registryProperties());
    registryPort = Integer.parseInt(registry.url().substring(registry.url().lastIndexOf(':') + 1));
  }

  /** The registry's HTTP side: HTTPS with the test certificate, on loopback, the test users. */
  private Map<String, Object> registryProperties() {
    Map<String, Object> p = new LinkedHashMap<>(secrets().serverTlsProperties());
    p.put("server.address", "127.0.0.1");
    p.put("registry.auth.users-file", secrets().registryUsersFile().toString());
    p.put("registry.kafka.timeout", "30s");
    return p;
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
        RegistryServer.start(broker.getBrokersAsString(), registryPort, registryProperties());
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
