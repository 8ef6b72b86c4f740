package uk.vruhub.security.spring;

import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import uk.vruhub.security.KafkaClientSecurity;

/**
 * A service's Kafka principal, from the keys every hub service takes (environment: {@code
 * HUB_KAFKA_SECURITYPROTOCOL}, {@code HUB_KAFKA_USERNAME}, {@code HUB_KAFKA_PASSWORDFILE}, {@code
 * HUB_KAFKA_CAFILE}):
 *
 * <ul>
 *   <li>{@code hub.kafka.security-protocol}: {@code SASL_SSL} (default) or {@code SASL_PLAINTEXT}
 *       (a broker on loopback only);
 *   <li>{@code hub.kafka.username}: the SCRAM-SHA-512 user, e.g. {@code ingest-police};
 *   <li>{@code hub.kafka.password-file}: the file holding its password;
 *   <li>{@code hub.kafka.ca-file}: PEM CA bundle the brokers' certificates chain to ({@code
 *       SASL_SSL}; the JVM's default CAs without it).
 * </ul>
 */
public final class HubKafkaSettings {

  public static final String PREFIX = "hub.kafka";
  public static final String SECURITY_PROTOCOL = PREFIX + ".security-protocol";
  public static final String USERNAME = PREFIX + ".username";
  public static final String PASSWORD_FILE = PREFIX + ".password-file";
  public static final String CA_FILE = PREFIX + ".ca-file";

  /** Without a protocol set, a service authenticates over TLS. */
  public static final String DEFAULT_PROTOCOL = "SASL_SSL";

  private HubKafkaSettings() {}

  /**
   * A key's value: as the environment resolves it (a Spring Boot application's resolves relaxed
   * names, {@code HUB_KAFKA_PASSWORDFILE} too), else as bound.
   */
  private static String value(ConfigurableEnvironment environment, Binder binder, String key) {
    String direct = environment.getProperty(key);
    return direct != null ? direct : binder.bind(key, String.class).orElse(null);
  }

  /**
   * The client security these keys describe.
   *
   * @throws IllegalStateException naming the missing or wrong key, never a password
   */
  public static KafkaClientSecurity from(ConfigurableEnvironment environment) {
    Binder binder = Binder.get(environment);
    String protocol = value(environment, binder, SECURITY_PROTOCOL);
    if (protocol == null || protocol.isBlank()) {
      protocol = DEFAULT_PROTOCOL;
    }
    String username = value(environment, binder, USERNAME);
    String passwordFile = value(environment, binder, PASSWORD_FILE);
    String caFile = value(environment, binder, CA_FILE);
    boolean sasl = !"PLAINTEXT".equalsIgnoreCase(protocol.trim());
    if (sasl && (username == null || username.isBlank())) {
      throw new IllegalStateException(
          "Kafka security protocol "
              + protocol
              + " needs the service's Kafka user: set "
              + USERNAME
              + " (HUB_KAFKA_USERNAME), e.g. ingest-police, and "
              + PASSWORD_FILE
              + " (HUB_KAFKA_PASSWORDFILE) to the file holding its password");
    }
    if (sasl && (passwordFile == null || passwordFile.isBlank())) {
      throw new IllegalStateException(
          "Kafka user '"
              + username
              + "' has no password: set "
              + PASSWORD_FILE
              + " (HUB_KAFKA_PASSWORDFILE) to the file holding it");
    }
    try {
      return KafkaClientSecurity.of(
          protocol,
          sasl ? username : null,
          sasl ? Path.of(passwordFile) : null,
          caFile == null || caFile.isBlank() ? null : Path.of(caFile));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Kafka client security (" + PREFIX + ".*): " + e.getMessage(), e);
    }
  }
}
