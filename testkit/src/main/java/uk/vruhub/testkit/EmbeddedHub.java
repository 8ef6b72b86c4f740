package uk.vruhub.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import uk.vruhub.broker.HubBroker;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.registry.RegistryServer;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.SecretFiles;

/**
 * The hub's own embedded broker ({@link HubBroker}: KRaft in this JVM, every client authenticated
 * with SASL/SCRAM on loopback, every request authorised by ACLs) in a temporary folder on free
 * ports, with a password file for every Kafka user of the hub, and the hub's registry over HTTP on
 * a free port, keeping its schemas on that broker as {@code User:registry}. Tests therefore meet
 * the same ACLs a cluster enforces, applied from the shipped policy. The registry serves HTTPS on
 * loopback with the test certificate and asks for the test users' passwords.
 */
final class EmbeddedHub extends HubEnvironment {

  private final Path dir;
  private final HubBroker broker;
  private RegistryServer registry;
  private int registryPort;

  EmbeddedHub() {
    try {
      dir = Files.createTempDirectory("vruhub-it-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a folder for the test broker", e);
    }
    Path secrets = dir.resolve("secrets");
    for (String user : AccessRules.kafkaUsers(policy())) {
      SecretFiles.ensure(secrets.resolve("kafka").resolve(user));
    }
    broker =
        HubBroker.start(
            dir.resolve("data"), secrets, freePort(), freePort(), Duration.ofMinutes(2));
    // The registry's own credential must exist before it starts: the policy job sets it.
    createTopics();
    registry = startRegistry(0);
    registryPort = Integer.parseInt(registry.url().substring(registry.url().lastIndexOf(':') + 1));
  }

  private RegistryServer startRegistry(int port) {
    Map<String, Object> extra = new LinkedHashMap<>(serviceProperties(HubPrincipals.REGISTRY));
    extra.remove("spring.kafka.bootstrap-servers");
    extra.put("registry.kafka.timeout", "30s");
    extra.putAll(secrets().serverTlsProperties());
    extra.put("server.address", "127.0.0.1");
    extra.put("registry.auth.users-file", secrets().registryUsersFile().toString());
    return RegistryServer.start(broker.bootstrapServers(), port, extra);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the test broker", e);
    }
  }

  @Override
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public Map<String, Object> clientProperties(String user) {
    return new LinkedHashMap<>(broker.clientProperties(user));
  }

  @Override
  public String securityProtocol() {
    return "SASL_PLAINTEXT";
  }

  @Override
  public Path kafkaPasswordFile(String user) {
    return broker.kafkaSecrets().resolve(user);
  }

  @Override
  public String registryUrl() {
    return registry.url();
  }

  @Override
  public synchronized void restartRegistry() {
    registry.close();
    registry = startRegistry(registryPort);
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      try {
        broker.close();
      } finally {
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder: the system cleans up what is left.
    }
  }
}
