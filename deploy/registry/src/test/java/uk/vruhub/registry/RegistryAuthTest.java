package uk.vruhub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLHandshakeException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.vruhub.schemas.registry.SchemaRegistryException;

/**
 * Who may use the registry, over real HTTPS: nobody without credentials or with wrong ones (401,
 * {@code WWW-Authenticate: Basic}), a reader may fetch and look up but not register or configure
 * (403), a writer may do both; the health answers anyone; and the TLS port serves neither a client
 * that does not trust the CA nor plain HTTP.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "registry.store=memory")
class RegistryAuthTest {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void tlsAndUsers(DynamicPropertyRegistry registry) {
    RegistryFixture.properties(registry);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(String method, String path, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(RegistryFixture.url(port) + path))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    String body =
        method.equals("GET") || method.equals("DELETE")
            ? null
            : method.equals("PUT")
                ? "{\"compatibility\":\"NONE\"}"
                : "{\"schema\":\"\\\"string\\\"\"}";
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return RegistryFixture.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void noCredentialsOrWrongOnesAre401WithTheBasicChallenge() throws Exception {
    for (String authorization :
        new String[] {
          null,
          basic(RegistryFixture.WRITER, "wrong"),
          basic("nobody", RegistryFixture.WRITER_PASSWORD),
          basic(RegistryFixture.READER, RegistryFixture.WRITER_PASSWORD),
          "Bearer " + RegistryFixture.WRITER_PASSWORD,
          "Basic not-base64!"
        }) {
      HttpResponse<String> answer = send("GET", "/subjects", authorization);
      assertThat(answer.statusCode()).as("GET /subjects with %s", authorization).isEqualTo(401);
      assertThat(answer.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
      assertThat(answer.body())
          .startsWith("{\"error_code\":401,")
          .doesNotContain(RegistryFixture.WRITER_PASSWORD);
    }
    assertThat(send("POST", "/subjects/auth-a-value/versions", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aReaderReadsAndLooksUpButCannotRegisterOrConfigure() throws Exception {
    String reader = basic(RegistryFixture.READER, RegistryFixture.READER_PASSWORD);
    String writer = basic(RegistryFixture.WRITER, RegistryFixture.WRITER_PASSWORD);
    assertThat(send("POST", "/subjects/auth-b-value/versions", writer).statusCode()).isEqualTo(200);

    assertThat(send("GET", "/subjects", reader).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/subjects/auth-b-value/versions/latest", reader).statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "/subjects/auth-b-value", reader).statusCode()).isEqualTo(200);
    assertThat(
            send("POST", "/compatibility/subjects/auth-b-value/versions/latest", reader)
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> register = send("POST", "/subjects/auth-c-value/versions", reader);
    assertThat(register.statusCode()).isEqualTo(403);
    assertThat(register.body())
        .isEqualTo(
            "{\"error_code\":403,\"message\":\"Forbidden: user csp-partners may read this registry"
                + " but not register schemas or change its configuration\"}");
    assertThat(send("PUT", "/config", reader).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/config/auth-b-value", reader).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "/config/auth-b-value", reader).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/subjects", reader).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/subjects/auth-c-value/versions", writer).statusCode())
        .as("nothing was registered by the refused request")
        .isEqualTo(404);
  }

  @Test
  void theHubsClientGetsTheRefusalsAsErrors() {
    Schema schema = new Schema.Parser().parse("\"long\"");
    assertThatThrownBy(
            () ->
                RegistryFixture.client(
                        port, RegistryFixture.READER, RegistryFixture.READER_PASSWORD)
                    .register("auth-d-value", schema))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
    assertThatThrownBy(() -> RegistryFixture.client(port, null, null).subjects())
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    assertThat(RegistryFixture.writer(port).register("auth-d-value", schema)).isPositive();
  }

  @Test
  void theHealthAnswersWithoutCredentials() throws Exception {
    HttpResponse<String> health = send("GET", "/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(send("GET", "/actuator/metrics", null).statusCode()).isEqualTo(401);
  }

  @Test
  void onlyClientsThatTrustTheCaAndSpeakTlsAreServed() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(RegistryFixture.url(port) + "/actuator/health")).build();
    assertThatThrownBy(
            () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    HttpResponse<String> plain =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/subjects"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(plain.body()).contains("requires TLS");
  }
}
