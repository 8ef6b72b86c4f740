package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.schemas.registry.SchemaRegistryClient;
import uk.vruhub.schemas.registry.SchemaRegistryException;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * The local hub as a user runs it: a real broker with its data in a folder, the registry, the
 * topics with the policy's retention; stopped and started again on the same folder, it still holds
 * its topics and schema ids, and the topic job finds nothing to change.
 */
class LocalHubIT {

  @Test
  void startsAndRestartsWithItsDataIntact(@TempDir Path dataDir) throws Exception {
    String[] args = {
      "--data-dir", dataDir.toString(),
      "--kafka-port", Integer.toString(freePort()),
      "--controller-port", Integer.toString(freePort()),
      "--registry-port", Integer.toString(freePort()),
      "--policy", "../policy/vru-hub-isa.yaml",
      "--no-services"
    };
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int schemaId;
    try (LocalHub hub = start(args, printed)) {
      assertThat(topics(hub.adminProperties()))
          .containsAll(TopicCatalogue.load().all().stream().map(t -> t.name()).toList());
      schemaId =
          hub.registrySerdeConfig("aggregator")
              .client()
              .register("hub.hotspots.v1-value", HotspotCell.getClassSchema());
      assertThat(hub.registryUrl()).startsWith("https://localhost:");
      assertThatThrownBy(
              () ->
                  hub.registrySerdeConfig("strategic-board")
                      .client()
                      .register("hub.hotspots.v1-key", HotspotCell.getClassSchema()))
          .as("a recipient's principal may read the registry, never write it")
          .isInstanceOfSatisfying(
              SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
      assertThat(dataDir.resolve("secrets/tls/ca.crt")).isRegularFile();
      assertThat(dataDir.resolve("secrets/registry/vru-analyst")).isRegularFile();
      assertThat(Files.getPosixFilePermissions(dataDir.resolve("secrets/tls/http.key")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(hub.bindAddress()).isEqualTo("127.0.0.1");
      assertOnlyOnLoopback(Integer.parseInt(args[7]));
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("The VRU hub is running.")
          .contains("Schema registry:         " + hub.registryUrl())
          .contains("curl --cacert " + dataDir.resolve("secrets/tls/ca.crt"))
          .contains("[hub] created topic hub.cohort-profiles.v1 (3 partitions")
          .contains("[hub] set SCRAM credential of User:ingest-police")
          .contains("[hub] set SCRAM credential of User:strategic-board")
          .contains("[hub] granted User:vru-analyst Read topic:hub.cohort-profiles.v1")
          .contains("--consumer.config " + dataDir.resolve("secrets/kafka/vru-analyst.properties"))
          .doesNotContain("NOT enforced");
      Path analyst = dataDir.resolve("secrets/kafka/vru-analyst.properties");
      assertThat(Files.getPosixFilePermissions(analyst))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      // The file the banner names is a working login, with the analyst's access and no more.
      java.util.Properties login = new java.util.Properties();
      try (var in = Files.newInputStream(analyst)) {
        login.load(in);
      }
      Map<String, Object> asAnalyst = new java.util.HashMap<>();
      login.stringPropertyNames().forEach(k -> asAnalyst.put(k, login.getProperty(k)));
      try (Admin admin = Admin.create(asAnalyst)) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .contains("hub.cohort-profiles.v1")
            .doesNotContain("police.crime-events.v1");
      }
      // The policy's retention reached the broker (395 days for level 2 profiles); the broker
      // applies configs through its metadata log, so the read waits for them.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(config(hub.adminProperties(), "hub.cohort-profiles.v1"))
                      .containsEntry("retention.ms", Long.toString(395 * 86_400_000L))
                      .containsEntry("cleanup.policy", "compact,delete"));
    }

    ByteArrayOutputStream printedAgain = new ByteArrayOutputStream();
    try (LocalHub hub = start(args, printedAgain)) {
      assertThat(printedAgain.toString(StandardCharsets.UTF_8))
          .contains("All 10 topics already exist")
          .doesNotContain("created topic")
          .doesNotContain("SCRAM credential")
          .doesNotContain("granted ");
      SchemaRegistryClient registry = hub.registrySerdeConfig("vru-analyst").client();
      assertThat(registry.subjects()).containsExactly("hub.hotspots.v1-value");
      assertThat(registry.latest("hub.hotspots.v1-value").id()).isEqualTo(schemaId);
    }
  }

  /**
   * The registry listens on loopback only: from this machine's other addresses (where it has any)
   * the port does not answer.
   */
  private static void assertOnlyOnLoopback(int port) throws Exception {
    List<InetAddress> others = new ArrayList<>();
    for (NetworkInterface nic :
        java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
          if (a instanceof java.net.Inet4Address) {
            others.add(a);
          }
        }
      }
    }
    for (InetAddress address : others) {
      try (Socket socket = new Socket()) {
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 2000))
            .as("the registry port from %s", address)
            .isInstanceOf(java.io.IOException.class);
      }
    }
    System.out.println("Registry port " + port + " refused from " + others);
  }

  private static LocalHub start(String[] args, ByteArrayOutputStream printed) {
    LocalHub hub = new LocalHub(new PrintStream(printed, true, StandardCharsets.UTF_8));
    CommandLine cli = new CommandLine(hub);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          throw e;
        });
    assertThat(cli.execute(args)).isZero();
    return hub;
  }

  private static Set<String> topics(Map<String, Object> kafka) throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  private static Map<String, String> config(Map<String, Object> kafka, String topic)
      throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      var resource =
          new org.apache.kafka.common.config.ConfigResource(
              org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
      Map<String, String> out = new java.util.HashMap<>();
      admin
          .describeConfigs(java.util.List.of(resource))
          .all()
          .get(30, TimeUnit.SECONDS)
          .get(resource)
          .entries()
          .forEach(e -> out.put(e.name(), e.value()));
      return out;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
