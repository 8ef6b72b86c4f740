package uk.vruhub.security.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.security.LocalCa;
import uk.vruhub.security.TrustedCa;

/**
 * A real server with the hub's HTTPS settings, asked over real TLS: what a client that trusts the
 * CA gets, what one that does not, what plain HTTP to the TLS port gets, and that a server without
 * TLS refuses to start unless told to serve plain HTTP.
 */
class HttpTlsTest {

  @TempDir static Path dir;
  static LocalCa ca;
  static LocalCa.ServerFiles server;

  @BeforeAll
  static void certificates() {
    ca = LocalCa.loadOrCreate(dir.resolve("tls"), "HttpTlsTest");
    server = ca.serverCertificate("http", List.of("localhost", "127.0.0.1"));
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @RestController
  static class Hello {
    @GetMapping("/hello")
    String hello() {
      return "hello";
    }
  }

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(Hello.class)
        .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
        .properties(properties)
        .run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private static HttpResponse<String> get(HttpClient http, String url)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHttpsToAClientThatTrustsTheCaAndOnlyToIt() throws Exception {
    try (ConfigurableApplicationContext app =
        start(
            HttpTls.CERTIFICATE_FILE + "=" + server.chain(),
            HttpTls.KEY_FILE + "=" + server.key())) {
      int port = port(app);
      HttpClient trusting =
          HttpClient.newBuilder().sslContext(TrustedCa.sslContext(ca.certificateFile())).build();
      HttpResponse<String> ok = get(trusting, "https://localhost:" + port + "/hello");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("hello");

      // The JVM's default trust store does not know the local CA.
      assertThatThrownBy(
              () -> get(HttpClient.newHttpClient(), "https://localhost:" + port + "/hello"))
          .isInstanceOf(SSLHandshakeException.class);

      // Plain HTTP to the TLS port gets no page, only Tomcat's refusal.
      HttpResponse<String> plain =
          get(HttpClient.newHttpClient(), "http://localhost:" + port + "/hello");
      assertThat(plain.statusCode()).isEqualTo(400);
      assertThat(plain.body()).contains("requires TLS").doesNotContain("hello");
    }
  }

  @Test
  void aServerWithoutTlsRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> start("spring.application.name=hello-service").close())
        .hasStackTraceContaining(
            "hello-service refuses to serve plain HTTP: set hub.http.tls.certificate-file and"
                + " hub.http.tls.key-file");
  }

  @Test
  void plainHttpOnlyWhenAskedFor() throws Exception {
    try (ConfigurableApplicationContext app = start(HttpTls.ALLOW_PLAINTEXT + "=true")) {
      assertThat(get(HttpClient.newHttpClient(), "http://127.0.0.1:" + port(app) + "/hello").body())
          .isEqualTo("hello");
    }
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused() {
    assertThatThrownBy(() -> start(HttpTls.CERTIFICATE_FILE + "=" + server.chain()).close())
        .hasStackTraceContaining("go together: set both");
  }
}
