package uk.vruhub.security.http;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Every HTTP server of the hub serves HTTPS, or refuses to start: bearer tokens, registry passwords
 * and agencies' identifiable extracts would otherwise cross the network readable by anyone on the
 * path. {@value HttpTls#CERTIFICATE_FILE} and {@value HttpTls#KEY_FILE} become the Spring Boot SSL
 * bundle {@value HttpTls#BUNDLE} of the server (as {@code spring.ssl.bundle.pem.*} and {@code
 * server.ssl.bundle} would); Spring's own {@code server.ssl.*} keys work instead. Plain HTTP only
 * with {@value HttpTls#ALLOW_PLAINTEXT}{@code =true}, said loudly at start.
 *
 * <p>Applied when the server is made, after Spring Boot's own customizer, so the keys may come from
 * any property source a test or an embedding program adds, and tests without a server (a mock
 * servlet environment) are not affected.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass(WebServerFactoryCustomizer.class)
public class HttpTlsAutoConfiguration {

  @Bean
  WebServerFactoryCustomizer<ConfigurableWebServerFactory> hubHttps(Environment env) {
    return new HubHttps(env);
  }

  /** Runs after Spring Boot's own customizer has applied {@code server.ssl.*}. */
  static final class HubHttps
      implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

    private static final Log log = LogFactory.getLog(HubHttps.class);

    private final Environment env;

    HubHttps(Environment env) {
      this.env = env;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
      String certificate = env.getProperty(HttpTls.CERTIFICATE_FILE, "").strip();
      String key = env.getProperty(HttpTls.KEY_FILE, "").strip();
      boolean springTls =
          factory instanceof AbstractConfigurableWebServerFactory configurable
              && Ssl.isEnabled(configurable.getSsl());
      String name = env.getProperty("spring.application.name", "this service");
      if (!certificate.isEmpty() || !key.isEmpty()) {
        if (certificate.isEmpty() || key.isEmpty()) {
          throw new IllegalStateException(
              HttpTls.CERTIFICATE_FILE
                  + " and "
                  + HttpTls.KEY_FILE
                  + " go together: set both (the server's PEM certificate chain and its PEM"
                  + " private key) or neither");
        }
        if (springTls) {
          throw new IllegalStateException(
              "Both "
                  + HttpTls.CERTIFICATE_FILE
                  + " and Spring's server.ssl.* are set: set one of them");
        }
        PemSslStoreDetails store =
            PemSslStoreDetails.forCertificates(location(HttpTls.CERTIFICATE_FILE, certificate))
                .withPrivateKey(location(HttpTls.KEY_FILE, key));
        SslBundle bundle = SslBundle.of(new PemSslStoreBundle(store, null));
        factory.setSslBundles(new DefaultSslBundleRegistry(HttpTls.BUNDLE, bundle));
        factory.setSsl(Ssl.forBundle(HttpTls.BUNDLE));
        return;
      }
      if (springTls) {
        return;
      }
      if (env.getProperty(HttpTls.ALLOW_PLAINTEXT, Boolean.class, false)) {
        log.warn(
            "PLAIN HTTP: "
                + name
                + " serves HTTP without TLS because "
                + HttpTls.ALLOW_PLAINTEXT
                + "=true. Bearer tokens, passwords and feeds cross the network readable by anyone"
                + " on the path: use this on loopback or behind a TLS proxy only.");
        return;
      }
      throw new IllegalStateException(
          name
              + " refuses to serve plain HTTP: set "
              + HttpTls.CERTIFICATE_FILE
              + " and "
              + HttpTls.KEY_FILE
              + " (PEM files; or Spring's server.ssl.bundle), or "
              + HttpTls.ALLOW_PLAINTEXT
              + "=true to serve HTTP without TLS on purpose");
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
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
