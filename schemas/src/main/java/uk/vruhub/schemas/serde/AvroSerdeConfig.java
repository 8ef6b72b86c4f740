package uk.vruhub.schemas.serde;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import uk.vruhub.schemas.registry.SchemaRegistryClient;

/**
 * Configuration of the Avro serde, under the same keys as Confluent's serializers so existing
 * client configuration carries over.
 *
 * @param registryUrls {@value #SCHEMA_REGISTRY_URL}: comma-separated registry URLs (required)
 * @param autoRegister {@value #AUTO_REGISTER_SCHEMAS}: register the writer schema on first use
 *     (default false: production registries are changed by a release, not by a running producer)
 * @param timeout {@value #REQUEST_TIMEOUT_MS}: registry connect and request timeout (default 10 s)
 * @param basicAuthUserInfo {@value #BASIC_AUTH_USER_INFO}: {@code user:password}, or null
 */
public record AvroSerdeConfig(
    String registryUrls, boolean autoRegister, Duration timeout, String basicAuthUserInfo) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  private static final Map<AvroSerdeConfig, SchemaRegistryClient> CLIENTS =
      new ConcurrentHashMap<>();

  public AvroSerdeConfig {
    Objects.requireNonNull(timeout, "timeout");
    if (registryUrls == null || registryUrls.isBlank()) {
      throw new ConfigException(
          SCHEMA_REGISTRY_URL,
          registryUrls,
          "a schema registry URL is required, e.g. http://localhost:8081");
    }
  }

  /** Reads the serde's keys from Kafka client configuration; other keys are ignored. */
  public static AvroSerdeConfig from(Map<String, ?> configs) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    Object auto = configs.get(AUTO_REGISTER_SCHEMAS);
    Object timeout = configs.get(REQUEST_TIMEOUT_MS);
    Object auth = configs.get(BASIC_AUTH_USER_INFO);
    return new AvroSerdeConfig(
        url == null ? null : url.toString(),
        auto != null && Boolean.parseBoolean(auto.toString()),
        timeout == null
            ? Duration.ofSeconds(10)
            : Duration.ofMillis(Long.parseLong(timeout.toString())),
        auth == null ? null : auth.toString());
  }

  /** A config for one registry URL. */
  public static AvroSerdeConfig of(String registryUrls, boolean autoRegister) {
    return new AvroSerdeConfig(registryUrls, autoRegister, Duration.ofSeconds(10), null);
  }

  /** The keys of this config, for Kafka client or Kafka Streams properties. */
  public Map<String, Object> asProperties() {
    return basicAuthUserInfo == null
        ? Map.of(
            SCHEMA_REGISTRY_URL,
            registryUrls,
            AUTO_REGISTER_SCHEMAS,
            autoRegister,
            REQUEST_TIMEOUT_MS,
            timeout.toMillis())
        : Map.of(
            SCHEMA_REGISTRY_URL,
            registryUrls,
            AUTO_REGISTER_SCHEMAS,
            autoRegister,
            REQUEST_TIMEOUT_MS,
            timeout.toMillis(),
            BASIC_AUTH_USER_INFO,
            basicAuthUserInfo);
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
                c.basicAuthUserInfo()));
  }

  @Override
  public String toString() {
    return "AvroSerdeConfig[registryUrls="
        + registryUrls
        + ", autoRegister="
        + autoRegister
        + ", timeout="
        + timeout
        + (basicAuthUserInfo == null ? "" : ", basicAuth=(set)")
        + "]";
  }
}
