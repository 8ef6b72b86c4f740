package uk.vruhub.security.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@value HttpTls#CERTIFICATE_FILE} and {@value HttpTls#KEY_FILE} into the Spring Boot SSL
 * bundle {@value HttpTls#BUNDLE} and makes it the server's ({@code server.ssl.bundle}), after every
 * configuration file has been read, so the hub's keys work from a file, the environment ({@code
 * HUB_HTTP_TLS_CERTIFICATEFILE}) or the command line alike. The Spring keys are added last: an
 * operator who sets {@code server.ssl.*} or the bundle directly is obeyed.
 */
public final class HttpTlsEnvironment implements EnvironmentPostProcessor, Ordered {

  private static final String PREFIX = "spring.ssl.bundle.pem." + HttpTls.BUNDLE + ".keystore.";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String certificate = environment.getProperty(HttpTls.CERTIFICATE_FILE, "").strip();
    String key = environment.getProperty(HttpTls.KEY_FILE, "").strip();
    if (certificate.isEmpty() && key.isEmpty()) {
      return;
    }
    if (certificate.isEmpty() || key.isEmpty()) {
      throw new IllegalStateException(
          HttpTls.CERTIFICATE_FILE
              + " and "
              + HttpTls.KEY_FILE
              + " go together: set both (the server's PEM certificate chain and its PEM private"
              + " key) or neither");
    }
    Map<String, Object> spring = new LinkedHashMap<>();
    spring.put(PREFIX + "certificate", location(HttpTls.CERTIFICATE_FILE, certificate));
    spring.put(PREFIX + "private-key", location(HttpTls.KEY_FILE, key));
    if (!environment.containsProperty("server.ssl.bundle")) {
      spring.put("server.ssl.bundle", HttpTls.BUNDLE);
    }
    environment.getPropertySources().addLast(new MapPropertySource("hub-http-tls", spring));
  }

  private static String location(String property, String file) {
    Path path = Path.of(file).toAbsolutePath();
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(
          property + " names " + path + ", which does not exist or cannot be read");
    }
    return "file:" + path;
  }

  @Override
  public int getOrder() {
    // After the configuration files and the environment have been read.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
