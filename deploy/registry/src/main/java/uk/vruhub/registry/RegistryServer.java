package uk.vruhub.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Runs the registry inside another program (the local hub, test fixtures, benchmarks) with its
 * schemas kept on a given Kafka cluster.
 */
public final class RegistryServer implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final String url;

  private RegistryServer(ConfigurableApplicationContext context) {
    this.context = context;
    Environment env = context.getEnvironment();
    boolean tls =
        !env.getProperty("hub.http.tls.certificate-file", "").isBlank()
            || env.containsProperty("server.ssl.bundle")
            || env.containsProperty("server.ssl.certificate")
            || env.containsProperty("server.ssl.key-store");
    this.url =
        (tls ? "https://" : "http://")
            + host(env.getProperty("server.address"))
            + ":"
            + env.getProperty("local.server.port");
  }

  /** The name to reach a server bound to an address by: localhost for loopback or every address. */
  public static String host(String address) {
    if (address == null
        || address.isBlank()
        || address.equals("0.0.0.0")
        || address.equals("::")
        || address.equals("127.0.0.1")
        || address.equals("::1")
        || address.equals("localhost")) {
      return "localhost";
    }
    return address.contains(":") ? "[" + address + "]" : address;
  }

  /**
   * Starts a registry on the port (0 for any free port) keeping its schemas on the Kafka cluster.
   *
   * @param extra further properties, e.g. {@code registry.default-compatibility}, and what it needs
   *     to start at all: {@code hub.http.tls.certificate-file} and {@code hub.http.tls.key-file}
   *     (or {@code hub.http.allow-plaintext=true}), {@code registry.auth.users-file} (or {@code
   *     registry.auth.anonymous=true}); {@code server.address} to listen on one address only
   */
  public static RegistryServer start(String bootstrapServers, int port, Map<String, Object> extra) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", port);
    properties.put("registry.store", "kafka");
    properties.put("registry.kafka.bootstrap-servers", bootstrapServers);
    properties.put("spring.main.banner-mode", "off");
    properties.put("spring.jmx.enabled", false);
    properties.putAll(extra);
    // As command-line arguments, so they win over application.yaml and the environment.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(RegistryApplication.class).logStartupInfo(false).run(args);
    return new RegistryServer(context);
  }

  /** Base URL of the registry, e.g. {@code https://localhost:8081}. */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    context.close();
  }
}
