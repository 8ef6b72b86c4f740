package uk.vruhub.testkit.containers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.KafkaClientSecurity;

/**
 * A KRaft cluster of the hub's Kafka image, each node a combined broker and controller, configured
 * through the image's {@code KAFKA_*} environment as the compose stack is. With three nodes topics
 * default to three replicas and {@code min.insync.replicas} 2. Each node's client port is bound to
 * a fixed host port, so a node killed and started again is found where it was.
 *
 * <p>Secured as the compose cluster is: every listener SASL over TLS with a certificate per node
 * from a CA made for this cluster ({@link ClusterSecrets}); clients ({@code CLIENT}, on this host)
 * and brokers ({@code BROKER}, {@code kafka-N:19092}, also the listener of containers on the
 * cluster's network) authenticate with SCRAM-SHA-512, the controllers' listener with SASL/PLAIN as
 * {@code controller}. {@code StandardAuthorizer} with no access where no ACL grants it; {@code
 * broker}, {@code hub-admin} and {@code controller} are the super users. Clients get their settings
 * from {@link #security(String)} and {@link #clientProperties(String)}; a user other than the super
 * users exists once {@link #ensureUsers} (or the topic job) has made it.
 */
public final class KafkaNodes implements AutoCloseable {

  private static final String CLUSTER_ID = "vruHubTestCluster000001";

  /** SCRAM-SHA-512 iterations of the users this class makes (Kafka's minimum is 4096). */
  private static final int SCRAM_ITERATIONS = 8192;

  private final Network network;
  private final ClusterSecrets secrets;
  private final List<GenericContainer<?>> nodes = new ArrayList<>();
  private final List<Integer> hostPorts = new ArrayList<>();

  private KafkaNodes(Network network, int count) {
    this.network = network;
    this.secrets = ClusterSecrets.create();
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
                          "KAFKA_LISTENERS", "CLIENT://:9092,BROKER://:19092,CONTROLLER://:9093"),
                      Map.entry(
                          "KAFKA_ADVERTISED_LISTENERS",
                          "CLIENT://localhost:" + hostPort + ",BROKER://kafka-" + id + ":19092"),
                      Map.entry(
                          "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                          "CLIENT:SASL_SSL,BROKER:SASL_SSL,CONTROLLER:SASL_SSL"),
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
      secrets.install(node, id);
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

  /** The cluster's CA, its certificates and its users' passwords. */
  public ClusterSecrets secrets() {
    return secrets;
  }

  /** The folder of the Kafka users' passwords, one file per user. */
  public Path kafkaSecrets() {
    return secrets.kafkaSecrets();
  }

  /** The CA certificate (PEM) the nodes' certificates chain to. */
  public Path caFile() {
    return secrets.caFile();
  }

  /** How a client authenticates as this user: SASL_SSL, SCRAM-SHA-512, trusting the CA. */
  public KafkaClientSecurity security(String user) {
    return secrets.security(user);
  }

  /**
   * Bootstrap servers (this host's) and the security settings of a client authenticating as user.
   */
  public Map<String, Object> clientProperties(String user) {
    return security(user)
        .applyTo(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Client properties of {@code hub-admin}, the super user that applies the policy. */
  public Map<String, Object> adminProperties() {
    return clientProperties(HubPrincipals.ADMIN);
  }

  /**
   * Creates or updates these SCRAM-SHA-512 users (as {@code hub-admin}), each with its password
   * from {@link #kafkaSecrets()} (made now if missing), and waits until every node accepts them.
   */
  public void ensureUsers(Collection<String> users) {
    if (users.isEmpty()) {
      return;
    }
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    for (String user : users) {
      upserts.add(
          new UserScramCredentialUpsertion(
              user,
              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
              secrets.password(user)));
    }
    try (Admin admin = Admin.create(adminProperties())) {
      admin.alterUserScramCredentials(upserts).all().get(1, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot set the SCRAM users " + users, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted setting SCRAM users", e);
    }
    // The credentials reach each node through the metadata log, in the order they were written:
    // a node that accepts the last of them has them all.
    String last = List.copyOf(users).get(users.size() - 1);
    for (int id = 1; id <= nodes.size(); id++) {
      awaitAuthenticates(last, "localhost:" + hostPorts.get(id - 1), Duration.ofMinutes(1));
    }
  }

  private void awaitAuthenticates(String user, String node, Duration timeout) {
    Map<String, Object> props = new HashMap<>(clientProperties(user));
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, node);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try {
      // Each attempt is a real login; a refused one (the credential not yet on that node) is
      // tried again until the node accepts it.
      Awaitility.await("node " + node + " accepts user " + user)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () -> {
                try (Admin admin = Admin.create(props)) {
                  return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS) != null;
                }
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "Node " + node + " did not accept user " + user + " within " + timeout.toSeconds() + " s",
          e);
    }
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
    Map<String, Object> props = new HashMap<>(adminProperties());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (Admin admin = Admin.create(props)) {
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
    try {
      network.close();
    } finally {
      secrets.close();
    }
  }
}
