package uk.vruhub.testkit.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.KafkaClientSecurity;
import uk.vruhub.security.LocalCa;
import uk.vruhub.security.SecretFiles;

/**
 * The secrets of one test cluster, made fresh in a temporary folder laid out as the compose stack's
 * {@code secrets/} ({@code kafka/<user>} passwords, {@code tls/ca.crt} and one certificate per
 * node, {@code tls/kafka-N.pem}, naming {@code kafka-N} and {@code localhost}), and how a node's
 * container gets them: as files under {@code /run/secrets}, never as environment variables.
 *
 * <p>{@code broker} and {@code hub-admin} are the SCRAM users the nodes are formatted with (the
 * super users); {@code controller} is the static PLAIN user of the controller listener. Every other
 * user's password is made the first time it is asked for, and the cluster learns it through {@link
 * KafkaNodes#ensureUsers} (or the topic job's {@code --kafka-users}).
 */
public final class ClusterSecrets implements AutoCloseable {

  /** The static user of the KRaft controller listener (SASL/PLAIN). */
  public static final String CONTROLLER = "controller";

  /** Where a node finds its secrets. */
  static final String NODE_SECRETS = "/run/secrets";

  private final Path dir;
  private final LocalCa ca;

  private ClusterSecrets(Path dir) {
    this.dir = dir;
    this.ca = LocalCa.loadOrCreate(dir.resolve("tls"), "VRU hub test cluster");
    for (String user : List.of(HubPrincipals.BROKER, HubPrincipals.ADMIN, CONTROLLER)) {
      SecretFiles.ensure(kafkaSecrets().resolve(user));
    }
  }

  /** A new CA and passwords in a new temporary folder, deleted by {@link #close()}. */
  public static ClusterSecrets create() {
    try {
      return new ClusterSecrets(Files.createTempDirectory("vruhub-cluster-secrets-"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a folder for the cluster's secrets", e);
    }
  }

  /** The folder of the Kafka users' passwords, one file per user. */
  public Path kafkaSecrets() {
    return dir.resolve("kafka");
  }

  /** The CA certificate every node's certificate chains to: what clients trust. */
  public Path caFile() {
    return ca.certificateFile();
  }

  /** The password of a Kafka user, made now if it has none yet. */
  public String password(String user) {
    return SecretFiles.read(SecretFiles.ensure(kafkaSecrets().resolve(user)));
  }

  /** SASL_SSL as this user, trusting the cluster's CA. */
  public KafkaClientSecurity security(String user) {
    return KafkaClientSecurity.saslSsl(user, password(user), caFile());
  }

  /**
   * Puts node {@code id}'s certificate, the CA, the super users' passwords and the controller's
   * into the container, and the environment that names those files ({@code kafka/run}'s
   * KAFKA_SCRAM_USERS_DIR, KAFKA_CONTROLLER_PASSWORD_FILE and the PEM key and trust stores).
   */
  void install(GenericContainer<?> node, int id) {
    LocalCa.ServerFiles cert =
        ca.serverCertificate("kafka-" + id, List.of("kafka-" + id, "localhost"));
    // The node runs as appuser; files copied into a container belong to root, so they must be
    // readable by others inside it. Only this node's container has them.
    copy(node, cert.keyAndChain(), NODE_SECRETS + "/tls/kafka.pem");
    copy(node, caFile(), NODE_SECRETS + "/tls/ca.crt");
    for (String user : List.of(HubPrincipals.BROKER, HubPrincipals.ADMIN)) {
      copy(node, kafkaSecrets().resolve(user), NODE_SECRETS + "/kafka-users/" + user);
    }
    copy(node, kafkaSecrets().resolve(CONTROLLER), NODE_SECRETS + "/kafka-controller");
    node.withEnv(nodeEnvironment(NODE_SECRETS));
  }

  /**
   * Makes a hub service's container log in to the cluster as {@code user}: its password and the CA
   * as files ({@code /run/secrets/kafka-password}, {@code /run/secrets/ca.crt}) and the {@code
   * hub.kafka.*} environment naming them, as the compose stack does. The password is never in the
   * environment.
   */
  public <T extends GenericContainer<?>> T installClient(T container, String user) {
    password(user);
    copy(container, kafkaSecrets().resolve(user), NODE_SECRETS + "/kafka-password");
    copy(container, caFile(), NODE_SECRETS + "/ca.crt");
    container.withEnv("HUB_KAFKA_SECURITYPROTOCOL", "SASL_SSL");
    container.withEnv("HUB_KAFKA_USERNAME", user);
    container.withEnv("HUB_KAFKA_PASSWORDFILE", NODE_SECRETS + "/kafka-password");
    container.withEnv("HUB_KAFKA_CAFILE", NODE_SECRETS + "/ca.crt");
    return container;
  }

  /** The file holding a user's password, made now if it has none yet. */
  public Path passwordFile(String user) {
    password(user);
    return kafkaSecrets().resolve(user);
  }

  /**
   * The {@code hub.kafka.*} settings of a hub service in this JVM logging in as {@code user}, as
   * command-line arguments.
   */
  public java.util.List<String> serviceArguments(String user) {
    return List.of(
        "--hub.kafka.security-protocol=SASL_SSL",
        "--hub.kafka.username=" + user,
        "--hub.kafka.password-file=" + passwordFile(user),
        "--hub.kafka.ca-file=" + caFile());
  }

  /**
   * The security settings of a node of the hub's cluster, with its secrets under {@code secrets}
   * ({@code tls/kafka.pem}, {@code tls/ca.crt}, {@code kafka-users/}, {@code kafka-controller}).
   */
  static Map<String, String> nodeEnvironment(String secrets) {
    return Map.ofEntries(
        Map.entry("KAFKA_SSL_KEYSTORE_TYPE", "PEM"),
        Map.entry("KAFKA_SSL_KEYSTORE_LOCATION", secrets + "/tls/kafka.pem"),
        Map.entry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM"),
        Map.entry("KAFKA_SSL_TRUSTSTORE_LOCATION", secrets + "/tls/ca.crt"),
        Map.entry("KAFKA_SCRAM_USERS_DIR", secrets + "/kafka-users"),
        Map.entry("KAFKA_INTER_BROKER_USER", HubPrincipals.BROKER),
        Map.entry("KAFKA_CONTROLLER_PASSWORD_FILE", secrets + "/kafka-controller"),
        Map.entry(
            "KAFKA_AUTHORIZER_CLASS_NAME",
            "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
        Map.entry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false"),
        Map.entry(
            "KAFKA_SUPER_USERS",
            String.join(
                ";",
                HubPrincipals.user(HubPrincipals.BROKER),
                HubPrincipals.user(HubPrincipals.ADMIN),
                HubPrincipals.user(CONTROLLER))));
  }

  private static void copy(GenericContainer<?> node, Path file, String target) {
    try {
      node.withCopyToContainer(Transferable.of(Files.readAllBytes(file), 0444), target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Deletes the folder and every secret in it. */
  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the cluster's secrets in " + dir, e);
    }
  }
}
