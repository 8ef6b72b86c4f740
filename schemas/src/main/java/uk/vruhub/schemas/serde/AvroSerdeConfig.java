package uk.vruhub.schemas.serde;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import uk.vruhub.schemas.registry.SchemaRegistryClient;
import uk.vruhub.security.SecretFiles;
import uk.vruhub.security.TrustedCa;

/**
 * Configuration of the Avro serde, under the same keys as Confluent's serializers so existing
 * client configuration carries over.
 *
 * @param registryUrls {@value #SCHEMA_REGISTRY_URL}: comma-separated registry URLs (required)
 * @param autoRegister {@value #AUTO_REGISTER_SCHEMAS}: register the writer schema on first use
 *     (default false: production registries are changed by a release, not by a running producer)
 * @param timeout {@value #REQUEST_TIMEOUT_MS}: registry connect and request timeout (default 10 s)
 * @param basicAuthUserInfo {@value #BASIC_AUTH_USER_INFO}: {@code user:password}, or null; {@value
 *     #BASIC_AUTH_CREDENTIALS_SOURCE} may say {@code USER_INFO}, the only source supported
 * @param trustStoreLocation {@value #SSL_TRUSTSTORE_LOCATION}: PEM file of the CA certificates an
 *     HTTPS registry's certificate must chain to ({@value #SSL_TRUSTSTORE_TYPE} {@code PEM}), or
 *     null for the JVM's trusted CAs
 */
public record AvroSerdeConfig(
    String registryUrls,
    boolean autoRegister,
    Duration timeout,
    String basicAuthUserInfo,
    String trustStoreLocation) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

  /** Confluent's clients also take the basic-auth keys with this prefix. */
  private static final String REGISTRY_PREFIX = "schema.registry.";

  private static final Map<AvroSerdeConfig, SchemaRegistryClient> CLIENTS =
      new ConcurrentHashMap<>();

  public AvroSerdeConfig {
    Objects.requireNonNull(timeout, "timeout");
    if (registryUrls == null || registryUrls.isBlank()) {
      throw new ConfigException(
          SCHEMA_REGISTRY_URL,
          registryUrls,
          "a schema registry URL is required, e.g. https://localhost:8081");
    }
    if (basicAuthUserInfo != null && basicAuthUserInfo.isBlank()) {
      basicAuthUserInfo = null;
    }
    if (basicAuthUserInfo != null && !basicAuthUserInfo.contains(":")) {
      throw new ConfigException(
          BASIC_AUTH_USER_INFO + " must be user:password (the value is not shown)");
    }
    if (trustStoreLocation != null && trustStoreLocation.isBlank()) {
      trustStoreLocation = null;
    }
  }

  /** Reads the serde's keys from Kafka client configuration; other keys are ignored. */
  public static AvroSerdeConfig from(Map<String, ?> configs) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    Object auto = configs.get(AUTO_REGISTER_SCHEMAS);
    Object timeout = configs.get(REQUEST_TIMEOUT_MS);
    Object source = first(configs, BASIC_AUTH_CREDENTIALS_SOURCE);
    if (source != null && !"USER_INFO".equalsIgnoreCase(source.toString().strip())) {
      throw new ConfigException(
          BASIC_AUTH_CREDENTIALS_SOURCE,
          source,
          "only USER_INFO is supported: give the credentials in " + BASIC_AUTH_USER_INFO);
    }
    Object auth = first(configs, BASIC_AUTH_USER_INFO);
    Object type = configs.get(SSL_TRUSTSTORE_TYPE);
    if (type != null && !"PEM".equalsIgnoreCase(type.toString().strip())) {
      throw new ConfigException(
          SSL_TRUSTSTORE_TYPE, type, "only PEM is supported (a file of CA certificates)");
    }
    Object trust = configs.get(SSL_TRUSTSTORE_LOCATION);
    return new AvroSerdeConfig(
        url == null ? null : url.toString(),
        auto != null && Boolean.parseBoolean(auto.toString()),
        timeout == null
            ? Duration.ofSeconds(10)
            : Duration.ofMillis(Long.parseLong(timeout.toString())),
        auth == null ? null : auth.toString(),
        trust == null ? null : trust.toString());
  }

  private static Object first(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    return value != null ? value : configs.get(REGISTRY_PREFIX + key);
  }

  /** A config for one registry URL, without credentials, trusting the JVM's CAs. */
  public static AvroSerdeConfig of(String registryUrls, boolean autoRegister) {
    return new AvroSerdeConfig(registryUrls, autoRegister, Duration.ofSeconds(10), null, null);
  }

  /**
   * A service's registry settings as its properties give them: a user (blank for none) whose
   * password is read from its file once, now, and a PEM CA file (blank for the JVM's CAs).
   */
  public static AvroSerdeConfig of(
      String registryUrls,
      boolean autoRegister,
      String username,
      String passwordFile,
      String caFile) {
    AvroSerdeConfig serde = of(registryUrls, autoRegister);
    if (username != null && !username.isBlank()) {
      serde =
          serde.withBasicAuth(
              username.strip() + ":" + SecretFiles.read(Path.of(passwordFile.strip())));
    }
    if (caFile != null && !caFile.isBlank()) {
      serde = serde.withTrustStore(Path.of(caFile.strip()));
    }
    return serde;
  }

  /** This config with HTTP basic credentials ({@code user:password}). */
  public AvroSerdeConfig withBasicAuth(String userInfo) {
    return new AvroSerdeConfig(registryUrls, autoRegister, timeout, userInfo, trustStoreLocation);
  }

  /** This config trusting only the CA certificates in a PEM file. */
  public AvroSerdeConfig withTrustStore(Path caPem) {
    return new AvroSerdeConfig(
        registryUrls,
        autoRegister,
        timeout,
        basicAuthUserInfo,
        caPem == null ? null : caPem.toString());
  }

  /** This config with auto-registration on or off. */
  public AvroSerdeConfig withAutoRegister(boolean on) {
    return new AvroSerdeConfig(registryUrls, on, timeout, basicAuthUserInfo, trustStoreLocation);
  }

  /** The keys of this config, for Kafka client or Kafka Streams properties. */
  public Map<String, Object> asProperties() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(SCHEMA_REGISTRY_URL, registryUrls);
    out.put(AUTO_REGISTER_SCHEMAS, autoRegister);
    out.put(REQUEST_TIMEOUT_MS, timeout.toMillis());
    if (basicAuthUserInfo != null) {
      out.put(BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
      out.put(BASIC_AUTH_USER_INFO, basicAuthUserInfo);
    }
    if (trustStoreLocation != null) {
      out.put(SSL_TRUSTSTORE_LOCATION, trustStoreLocation);
      out.put(SSL_TRUSTSTORE_TYPE, "PEM");
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * One client per distinct registry configuration in the process, so every serde shares the id
   * cache: Kafka Streams creates many serde instances and each would otherwise ask again.
   */
  public SchemaRegistryClient client() {
    return CLIENTS.computeIfAbsent(
        this,
        c ->
            new SchemaRegistryClient(
                SchemaRegistryClient.parseUrls(c.registryUrls()),
                c.timeout(),
                c.basicAuthUserInfo(),
                c.trustStoreLocation() == null
                    ? null
                    : TrustedCa.sslContext(Path.of(c.trustStoreLocation()))));
  }

  @Override
  public String toString() {
    return "AvroSerdeConfig[registryUrls="
        + registryUrls
        + ", autoRegister="
        + autoRegister
        + ", timeout="
        + timeout
        + (basicAuthUserInfo == null
            ? ""
            : ", basicAuthUser=" + basicAuthUserInfo.substring(0, basicAuthUserInfo.indexOf(':')))
        + (trustStoreLocation == null ? "" : ", trustStore=" + trustStoreLocation)
        + "]";
  }
}
