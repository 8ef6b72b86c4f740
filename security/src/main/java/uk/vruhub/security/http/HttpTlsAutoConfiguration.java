package uk.vruhub.security.http;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
 * path. Plain HTTP only with {@value HttpTls#ALLOW_PLAINTEXT}{@code =true}, said loudly at start.
 * Checked when the server is made, so tests that run without a server (a mock servlet environment)
 * are not affected.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass(WebServerFactoryCustomizer.class)
public class HttpTlsAutoConfiguration {

  @Bean
  WebServerFactoryCustomizer<ConfigurableWebServerFactory> hubHttpsRequired(Environment env) {
    return new HttpsRequired(env);
  }

  /** Runs after Spring Boot's own customizer has applied {@code server.ssl.*}. */
  static final class HttpsRequired
      implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

    private static final Log log = LogFactory.getLog(HttpsRequired.class);

    private final Environment env;

    HttpsRequired(Environment env) {
      this.env = env;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
      boolean tls =
          factory instanceof AbstractConfigurableWebServerFactory configurable
              && Ssl.isEnabled(configurable.getSsl());
      if (tls) {
        return;
      }
      String name = env.getProperty("spring.application.name", "this service");
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

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
