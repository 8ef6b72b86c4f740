package uk.vruhub.testkit.containers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * A KRaft cluster of the hub's Kafka image, each node a combined broker and controller, configured
 * through the image's {@code KAFKA_*} environment as the compose stack is. With three nodes topics
 * default to three replicas and {@code min.insync.replicas} 2. Each node's client port is bound to
 * a fixed host port, so a node killed and started again is found where it was.
 */
public final class KafkaNodes implements AutoCloseable {

  private static final String CLUSTER_ID = "vruHubTestCluster000001";

  private final Network network;
  private final List<GenericContainer<?>> nodes = new ArrayList<>();
  private final List<Integer> hostPorts = new ArrayList<>();

  private KafkaNodes(Network network, int count) {
    this.network = network;
    String voters =
        IntStream.rangeClosed(1, count)
            .mapToObj(i -> i + "@kafka-" + i + ":9093")
            .collect(Collectors.joining(","));
    String replicas = Integer.toString(count);
    String minIsr = Integer.toString(Math.min(2, count));
    for (int id = 1; id <= count; id++) {
      int hostPort = Docker.freePort();
      hostPorts.add(hostPort);
      @SuppressWarnings("resource") // closed by close()
      GenericContainer<?> node =
          new GenericContainer<>(DockerImageName.parse(Images.kafka()))
              .withNetwork(network)
              .withNetworkAliases("kafka-" + id)
              .withCreateContainerCmdModifier(Docker.bind(hostPort, 9092))
              .withEnv(
                  Map.ofEntries(
                      Map.entry("CLUSTER_ID", CLUSTER_ID),
                      Map.entry("KAFKA_NODE_ID", Integer.toString(id)),
                      Map.entry("KAFKA_PROCESS_ROLES", "broker,controller"),
                      Map.entry(
                          "KAFKA_LISTENERS",
                          "PLAINTEXT://:9092,BROKER://:19092,CONTROLLER://:9093"),
                      Map.entry(
                          "KAFKA_ADVERTISED_LISTENERS",
                          "PLAINTEXT://localhost:" + hostPort + ",BROKER://kafka-" + id + ":19092"),
                      Map.entry(
                          "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                          "PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                      Map.entry("KAFKA_INTER_BROKER_LISTENER_NAME", "BROKER"),
                      Map.entry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
                      Map.entry("KAFKA_CONTROLLER_QUORUM_VOTERS", voters),
                      Map.entry("KAFKA_DEFAULT_REPLICATION_FACTOR", replicas),
                      Map.entry("KAFKA_MIN_INSYNC_REPLICAS", minIsr),
                      Map.entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", replicas),
                      Map.entry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", replicas),
                      Map.entry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", minIsr),
                      Map.entry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false"),
                      Map.entry("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"),
                      Map.entry("KAFKA_HEAP_OPTS", "-Xmx512m -Xms128m")))
              .waitingFor(
                  Wait.forLogMessage(".*Transitioning from RECOVERY to RUNNING.*", 1)
                      .withStartupTimeout(Duration.ofMinutes(2)));
      nodes.add(node);
    }
  }

  /** Starts {@code count} nodes together (a quorum needs its majority to come up at once). */
  public static KafkaNodes start(int count) {
    KafkaNodes cluster = new KafkaNodes(Network.newNetwork(), count);
    try {
      Startables.deepStart(cluster.nodes).join();
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Bootstrap servers for clients on this host. */
  public String bootstrapServers() {
    return hostPorts.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
  }

  /** Bootstrap servers for containers on the cluster's network. */
  public String internalBootstrapServers() {
    return IntStream.rangeClosed(1, nodes.size())
        .mapToObj(i -> "kafka-" + i + ":19092")
        .collect(Collectors.joining(","));
  }

  /** The cluster's Docker network, for other containers to join. */
  public Network network() {
    return network;
  }

  /** Node {@code id} (1-based). */
  public GenericContainer<?> node(int id) {
    return nodes.get(id - 1);
  }

  /** Waits until {@code expected} brokers are registered and serving metadata. */
  public void awaitBrokers(int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
      while (true) {
        try {
          int up = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
          if (up >= expected) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // not yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              expected + " brokers were not up within " + timeout.toSeconds() + " s");
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for brokers", e);
    }
  }

  @Override
  public void close() {
    for (GenericContainer<?> node : nodes) {
      try {
        node.stop();
      } catch (RuntimeException e) {
        // keep stopping the others
      }
    }
    network.close();
  }
}
