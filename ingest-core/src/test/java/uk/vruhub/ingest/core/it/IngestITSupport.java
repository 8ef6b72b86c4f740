package uk.vruhub.ingest.core.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.ingest.core.intake.TokenCheck;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubExtension;
import uk.vruhub.testkit.TestSecrets;

/**
 * What the services' integration tests share: the properties that point a service at the test
 * broker and registry, and an agency's view of the intake API over real HTTP.
 */
public final class IngestITSupport {

  public static final String TOKEN = "test-agency-token";
  public static final String LINKAGE_SECRET = "integration-test-linkage-secret-0123456789abcdef";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HubExtension.shared().httpClient();

  private IngestITSupport() {}

  /**
   * Properties for a service under test: HTTPS with the test certificate, the shared broker and
   * registry (as the test kit's registry user, who may register, over HTTPS trusting the test CA),
   * a secret, a token. The service logs in to Kafka as its own principal, {@code
   * hub.kafka.username} of its application.yaml ({@code ingest-police}, ...), with that user's
   * password file.
   */
  public static void properties(DynamicPropertyRegistry registry) throws IOException {
    HubEnvironment hub = HubExtension.shared();
    Path secret = Files.createTempFile("linkage", ".secret");
    Files.writeString(secret, LINKAGE_SECRET);
    kafka(hub, registry);
    hub.serverTlsProperties().forEach((key, value) -> registry.add(key, () -> value));
    hub.registryClientProperties("hub.ingest.registry", TestSecrets.TESTKIT)
        .forEach((key, value) -> registry.add(key, () -> value));
    registry.add("hub.ingest.registry.auto-register", () -> "true");
    registry.add("hub.ingest.linkage.secret-file", secret::toString);
    registry.add("hub.ingest.intake.token-sha256", () -> TokenCheck.hash(TOKEN));
    registry.add("hub.ingest.policy-file", () -> "../deploy/policy/vru-hub-isa.yaml");
    // A spool of each service's own: a shared one would be cleaned by the next service to start.
    Path spool = Files.createTempDirectory("spool");
    registry.add("hub.ingest.intake.spool-dir", spool::toString);
  }

  /** The broker and the service's own Kafka login, whichever agency's service it is. */
  public static void kafka(HubEnvironment hub, DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", hub::bootstrapServers);
    registry.add("hub.kafka.security-protocol", hub::securityProtocol);
    Path passwords = hub.kafkaPasswordFile(HubPrincipals.ADMIN);
    if (passwords != null) {
      // Resolved by the service itself, from its own user name.
      registry.add(
          "hub.kafka.password-file",
          () -> passwords.resolveSibling("${hub.kafka.username}").toString());
    }
  }

  /** The service's base URL: HTTPS, as every service serves. */
  public static String base(int port) {
    return "https://localhost:" + port;
  }

  /** Sends a feed as an agency would; returns the HTTP status and the JSON answer. */
  public static Answer send(int port, String csv, LocalDate extractDate, String token)
      throws IOException, InterruptedException {
    return post(
        port, extractDate, token, HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
  }

  /** Sends a feed file, streamed. */
  public static Answer sendFile(int port, Path csv, LocalDate extractDate)
      throws IOException, InterruptedException {
    return post(port, extractDate, TOKEN, HttpRequest.BodyPublishers.ofFile(csv));
  }

  /**
   * Sends a body made as it is sent (chunked, of no declared length), as a streaming client would.
   */
  public static Answer sendStream(
      int port, java.util.function.Supplier<java.io.InputStream> body, LocalDate extractDate)
      throws IOException, InterruptedException {
    return post(port, extractDate, TOKEN, HttpRequest.BodyPublishers.ofInputStream(body));
  }

  private static Answer post(
      int port, LocalDate extractDate, String token, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base(port) + "/api/v1/feeds?extractDate=" + extractDate))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "text/csv")
            .POST(body)
            .build();
    return answer(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** The feed's status once it has finished. */
  public static JsonNode awaitFinished(int port, String feedId, Duration timeout) {
    Map<String, JsonNode> last = new LinkedHashMap<>();
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              JsonNode status = status(port, feedId).json();
              last.put("status", status);
              String state = status.path("state").asString();
              return !state.equals("RECEIVED") && !state.equals("VALIDATING_AND_PUBLISHING");
            });
    return last.get("status");
  }

  public static Answer status(int port, String feedId) throws IOException, InterruptedException {
    return getAsAgency(port, "/api/v1/feeds/" + feedId);
  }

  /** A GET with the agency's token. */
  public static Answer getAsAgency(int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base(port) + path))
            .header("Authorization", "Bearer " + TOKEN)
            .GET()
            .build();
    return answer(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  public static Answer get(int port, String path) throws IOException, InterruptedException {
    return answer(
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base(port) + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /**
   * A page as a browser without the agency's token fetches it, redirects not followed; the path is
   * resolved against the service's root, so a page's relative links can be passed as they are.
   */
  public static HttpResponse<String> page(int port, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base(port) + "/").resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Answer answer(HttpResponse<String> response) {
    JsonNode json =
        response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    return new Answer(response.statusCode(), json, response.body());
  }

  /** An HTTP answer. */
  public record Answer(int status, JsonNode json, String body) {}
}
