package uk.vruhub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.KafkaClientSecurity;

/**
 * The broker as a client meets it: a real KRaft node, because only a running one shows that the
 * credentials written at format time let the hub's super user in, that a wrong password or no
 * authentication at all does not, and that a restart keeps both.
 */
class HubBrokerIT {

  @Test
  void letsInOnlyUsersWithTheirPasswordAndKeepsThemAcrossRestarts(@TempDir Path dir)
      throws Exception {
    Path secrets = dir.resolve("secrets");
    int port = freePort();
    int controllerPort = freePort();
    try (HubBroker broker =
        HubBroker.start(
            dir.resolve("data"), secrets, port, controllerPort, Duration.ofMinutes(2))) {
      assertThat(clusterId(broker.adminProperties())).isNotBlank();
      assertThat(
              Files.getPosixFilePermissions(secrets.resolve("kafka").resolve(HubPrincipals.ADMIN)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(dir.resolve("data")).isDirectoryNotContaining("glob:**/format.properties");

      Map<String, Object> wrong =
          KafkaClientSecurity.saslPlaintext(HubPrincipals.ADMIN, "not-the-password")
              .applyTo(
                  Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
      assertThatThrownBy(() -> clusterId(wrong))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);

      Map<String, Object> anonymous = new HashMap<>();
      anonymous.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      anonymous.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
      anonymous.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
      assertThatThrownBy(() -> clusterId(anonymous)).isInstanceOf(Exception.class);
    }
    try (HubBroker again =
        HubBroker.start(
            dir.resolve("data"), secrets, port, controllerPort, Duration.ofMinutes(2))) {
      assertThat(clusterId(again.adminProperties())).isNotBlank();
    }
  }

  private static String clusterId(Map<String, Object> props) throws Exception {
    try (Admin admin = Admin.create(props)) {
      return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
