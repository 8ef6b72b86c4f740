package uk.vruhub.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the registry inside another program (the local hub, test fixtures, benchmarks) with its
 * schemas kept on a given Kafka cluster.
 */
public final class RegistryServer implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final String url;

  private RegistryServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  /**
   * Starts a registry on the port (0 for any free port) keeping its schemas on the Kafka cluster.
   *
   * @param extra further properties, e.g. {@code registry.default-compatibility}
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

  /** Base URL of the registry, e.g. {@code http://localhost:8081}. */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    context.close();
  }
}
