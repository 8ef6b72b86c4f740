package uk.vruhub.security;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How a Kafka client proves who it is: SASL/SCRAM-SHA-512 with a user name and password, over TLS
 * ({@code SASL_SSL}, trusting a CA given as a PEM file or the JVM's default) or, on loopback only,
 * without it ({@code SASL_PLAINTEXT}). {@code PLAINTEXT} exists for a broker that authenticates
 * nobody, which the hub never runs; it is here so a tool can say so rather than fail obscurely.
 *
 * <p>The password is held here and put into {@code sasl.jaas.config}, which Kafka treats as a
 * password (its logs show {@code [hidden]}); {@link #toString()} never shows it.
 *
 * @param protocol {@code SASL_SSL}, {@code SASL_PLAINTEXT} or {@code PLAINTEXT}
 * @param username the SCRAM user name (the principal is {@code User:<username>}); null for
 *     PLAINTEXT
 * @param password the SCRAM password; null for PLAINTEXT
 * @param caFile PEM file of the CA certificates that sign the brokers' certificates; null to trust
 *     the JVM's default CAs (or for a protocol without TLS)
 */
public record KafkaClientSecurity(
    SecurityProtocol protocol, String username, String password, Path caFile) {

  /** The one SASL mechanism the hub uses. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  public KafkaClientSecurity {
    Objects.requireNonNull(protocol, "protocol");
    switch (protocol) {
      case SASL_SSL, SASL_PLAINTEXT -> {
        if (username == null || username.isBlank()) {
          throw new IllegalArgumentException(
              protocol + " needs a user name: every hub client is an authenticated principal");
        }
        if (password == null || password.isEmpty()) {
          throw new IllegalArgumentException(
              protocol + " needs a password for Kafka user '" + username + "'");
        }
      }
      case PLAINTEXT -> {
        if (username != null || password != null) {
          throw new IllegalArgumentException(
              "PLAINTEXT sends no credentials; use SASL_SSL for user '" + username + "'");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "Security protocol "
                  + protocol
                  + " is not one the hub uses (SASL_SSL, SASL_PLAINTEXT)");
    }
  }

  /** A SCRAM user over TLS, trusting the CA in {@code caFile} (null: the JVM's default CAs). */
  public static KafkaClientSecurity saslSsl(String username, String password, Path caFile) {
    return new KafkaClientSecurity(SecurityProtocol.SASL_SSL, username, password, caFile);
  }

  /** A SCRAM user without TLS, for a broker on loopback only. */
  public static KafkaClientSecurity saslPlaintext(String username, String password) {
    return new KafkaClientSecurity(SecurityProtocol.SASL_PLAINTEXT, username, password, null);
  }

  /** No authentication: only for a broker that has none (never the hub's own). */
  public static KafkaClientSecurity plaintext() {
    return new KafkaClientSecurity(SecurityProtocol.PLAINTEXT, null, null, null);
  }

  /**
   * From the settings a service is given: the protocol's name (case-insensitive), the user name and
   * the file holding the password.
   */
  public static KafkaClientSecurity of(
      String protocol, String username, Path passwordFile, Path caFile) {
    SecurityProtocol p;
    try {
      p = SecurityProtocol.forName(protocol.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown Kafka security protocol '"
              + protocol
              + "'; the hub uses SASL_SSL or SASL_PLAINTEXT");
    }
    if (p == SecurityProtocol.PLAINTEXT) {
      return plaintext();
    }
    if (p != SecurityProtocol.SASL_SSL && p != SecurityProtocol.SASL_PLAINTEXT) {
      throw new IllegalArgumentException(
          "Security protocol " + p + " is not one the hub uses (SASL_SSL, SASL_PLAINTEXT)");
    }
    if (passwordFile == null) {
      throw new IllegalArgumentException(
          p + " needs the file holding the password of Kafka user '" + username + "'");
    }
    return new KafkaClientSecurity(p, username, SecretFiles.read(passwordFile), caFile);
  }

  /** The client properties that say all this, for a producer, consumer, admin or Streams. */
  public Map<String, Object> properties() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
    if (protocol == SecurityProtocol.PLAINTEXT) {
      return props;
    }
    props.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(username, password));
    if (protocol == SecurityProtocol.SASL_SSL && caFile != null) {
      props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, caFile.toAbsolutePath().toString());
    }
    return props;
  }

  /** A copy of {@code base} with these security properties put over it. */
  public Map<String, Object> applyTo(Map<String, ?> base) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    out.putAll(properties());
    return out;
  }

  /** The same protocol and trust, as another user. */
  public KafkaClientSecurity as(String otherUser, String otherPassword) {
    if (protocol == SecurityProtocol.PLAINTEXT) {
      return this;
    }
    return new KafkaClientSecurity(protocol, otherUser, otherPassword, caFile);
  }

  /** The SCRAM login module line for a user, quoted as JAAS requires. */
  public static String jaasConfig(String username, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + jaasQuote(username)
        + "\" password=\""
        + jaasQuote(password)
        + "\";";
  }

  private static String jaasQuote(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return protocol
        + (username == null ? "" : " as User:" + username)
        + (caFile == null ? "" : ", trusting " + caFile);
  }
}
