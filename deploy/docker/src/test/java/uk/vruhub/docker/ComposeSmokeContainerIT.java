package uk.vruhub.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.security.TrustedCa;
import uk.vruhub.synth.Generator;
import uk.vruhub.synth.SynthSettings;
import uk.vruhub.testkit.containers.ContainerTest;

/**
 * {@code deploy/docker/compose.yaml} as the README runs it: the stack comes up healthy (three
 * brokers, registry, topics, three services, aggregator), takes a fictional month of the three
 * agencies' extracts over HTTPS (trusting only the stack's CA, with each agency's token), and
 * serves hotspots to a recipient's token. Plain HTTP, a client not trusting the CA, the registry
 * without a user and the hotspots without a token are refused. Secrets and geography are this
 * test's own, passed the way a user overrides them.
 */
@ContainerTest(
    images = {"registry", "ingest-police", "ingest-health", "ingest-education", "aggregator"})
class ComposeSmokeContainerIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Trusts only the CA init-secrets.sh made for this test's stack (set once it exists). */
  private static HttpClient http;

  private static final Map<String, Integer> PORTS =
      Map.of("police", 8091, "health", 8092, "education", 8093);
  private static final String PROJECT = "vruhub-smoke";

  @Test
  void theComposeStackComesUpTakesTheThreeFeedsAndServesHotspots(@TempDir Path dir)
      throws Exception {
    Path composeFile = Path.of(System.getProperty("hub.docker.compose-file", "compose.yaml"));
    List<String> compose = Compose.command();
    Generator.Summary data =
        Generator.generate(
            new SynthSettings(
                7,
                250_000,
                LocalDate.of(2026, 9, 1),
                28,
                30,
                5,
                10,
                4,
                SynthSettings.Mess.defaults()),
            dir.resolve("data"),
            m -> {});
    Map<String, String> env = secrets(composeFile, dir.resolve("secrets"));
    http =
        HttpClient.newBuilder()
            .sslContext(TrustedCa.sslContext(dir.resolve("secrets/tls/ca.crt")))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    env.put("HUB_GEOGRAPHY_DIR", readable(dir.resolve("data/geography")).toString());

    List<String> up = new ArrayList<>(compose);
    up.addAll(List.of("-p", PROJECT, "-f", composeFile.toString(), "up", "-d"));
    try {
      long start = System.nanoTime();
      Compose.run(up, env, Duration.ofMinutes(6));
      for (int port : List.of(8081, 8090, 8091, 8092, 8093)) {
        awaitHealthy(port);
      }
      assertPlainHttpAndUntrustedClientsRefused();
      assertRegistryNeedsAUser(env);
      System.out.printf(
          "Compose stack healthy %d s after 'up'%n", (System.nanoTime() - start) / 1_000_000_000);

      Map<String, Integer> sent = new LinkedHashMap<>();
      List<Path> feeds;
      try (Stream<Path> files = Files.walk(dir.resolve("data/feeds"))) {
        feeds =
            files
                .filter(f -> f.toString().endsWith(".csv"))
                .sorted((a, b) -> date(a).compareTo(date(b)))
                .toList();
      }
      List<String[]> accepted = new ArrayList<>();
      for (Path feed : feeds) {
        String agency = feed.getFileName().toString().split("-")[0];
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "https://localhost:"
                                + PORTS.get(agency)
                                + "/api/v1/feeds?extractDate="
                                + date(feed)))
                    .header("Authorization", "Bearer " + env.get("token." + agency))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(feed))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s: %s", feed, answer.body()).isIn(200, 202);
        accepted.add(new String[] {agency, JSON.readTree(answer.body()).path("feedId").asString()});
        sent.merge(agency, 1, Integer::sum);
      }
      Map<String, Integer> states = new LinkedHashMap<>();
      for (String[] feed : accepted) {
        JsonNode status = awaitFinished(PORTS.get(feed[0]), feed[1], env.get("token." + feed[0]));
        states.merge(status.path("state").asString(), 1, Integer::sum);
      }
      assertThat(states.keySet()).as("%s", states).containsAnyOf("PUBLISHED");
      assertThat(states.keySet()).as("%s", states).isSubsetOf("PUBLISHED", "REJECTED");

      // Caught up, as the aggregator's status measures it (its group has consumed every committed
      // record of the agency topics), then the table once.
      String analyst = env.get("token.vru-analyst");
      JsonNode caughtUp =
          Services.awaitCaughtUp(
              http,
              URI.create("https://localhost:8090/api/v1/status"),
              Duration.ofMinutes(5),
              () -> false);
      URI hotspots = URI.create("https://localhost:8090/api/v1/hotspots?period=MONTH&format=csv");
      HttpResponse<String> anonymous =
          http.send(HttpRequest.newBuilder(hotspots).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as("hotspots without a token").isEqualTo(401);
      HttpResponse<String> table =
          http.send(
              HttpRequest.newBuilder(hotspots).header("Authorization", "Bearer " + analyst).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(table.statusCode()).as(table.body()).isEqualTo(200);
      assertThat(table.headers().firstValue("X-Caught-Up")).hasValue("true");
      String csv = table.body();
      assertThat(csv.lines()).anyMatch(l -> l.contains(",COMBINED,"));
      System.out.println("Compose smoke: the aggregator caught up: " + caughtUp.path("dataAsOf"));
      long cells = csv.lines().count() - 1;
      long zero = csv.lines().skip(1).filter(l -> "0".equals(l.split(",", -1)[6])).count();
      System.out.printf(
          "Compose smoke: %d police, %d health and %d education extracts sent (%s; %,d rows"
              + " generated); the aggregator serves %d monthly hotspot cells (%d of them 0: events"
              + " there, none under that definition and source)%n",
          sent.getOrDefault("police", 0),
          sent.getOrDefault("health", 0),
          sent.getOrDefault("education", 0),
          states,
          data.rows(),
          cells,
          zero);
      assertThat(cells).isPositive();
    } finally {
      List<String> down = new ArrayList<>(compose);
      down.addAll(List.of("-p", PROJECT, "-f", composeFile.toString(), "down", "-v"));
      Compose.run(down, env, Duration.ofMinutes(3));
    }
  }

  private static String date(Path feed) {
    String name = feed.getFileName().toString();
    return name.substring(name.indexOf('-') + 1, name.length() - ".csv".length());
  }

  /**
   * Secrets made by init-secrets.sh itself (passwords, the local CA and certificates, tokens) into
   * the test's folder, and the token hashes it writes for compose, passed as a user overrides them.
   */
  private static Map<String, String> secrets(Path composeFile, Path dir) throws Exception {
    Path envFile = dir.resolveSibling("compose.env");
    Path script = composeFile.toAbsolutePath().resolveSibling("init-secrets.sh");
    ProcessBuilder init = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    init.environment().put("HUB_SECRETS_DIR", dir.toString());
    init.environment().put("HUB_ENV_FILE", envFile.toString());
    Process process = init.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("init-secrets.sh:%n%s", output).isZero();
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(envFile)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    for (String principal :
        List.of(
            "police", "health", "education", "vru-analyst", "csp-partners", "strategic-board")) {
      env.put("token." + principal, Files.readString(dir.resolve("tokens/" + principal)).strip());
    }
    env.put("registry.vru-analyst", Files.readString(dir.resolve("registry/vru-analyst")).strip());
    env.put("HUB_SECRETS_DIR", dir.toString());
    return env;
  }

  /** The services run as a non-root user: a mounted folder must be readable by others. */
  private static Path readable(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(
            f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    return dir;
  }

  /**
   * Every published HTTP port serves only TLS (a plain HTTP request gets Tomcat's refusal), and a
   * client that trusts the JVM's default CAs rather than the stack's own refuses its certificate.
   */
  private static void assertPlainHttpAndUntrustedClientsRefused() throws Exception {
    HttpClient untrusting = HttpClient.newHttpClient();
    for (int port : List.of(8081, 8090, 8091, 8092, 8093)) {
      HttpResponse<String> plain =
          untrusting.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(plain.statusCode()).as("plain HTTP to port %d", port).isEqualTo(400);
      assertThat(plain.body()).as("plain HTTP to port %d", port).contains("requires TLS");
      assertThatThrownBy(
              () ->
                  untrusting.send(
                      HttpRequest.newBuilder(
                              URI.create("https://localhost:" + port + "/actuator/health"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .as("HTTPS to port %d without trusting the stack's CA", port)
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  /** The registry lists its subjects to a user of its users file only, not without a password. */
  private static void assertRegistryNeedsAUser(Map<String, String> env) throws Exception {
    URI subjects = URI.create("https://localhost:8081/subjects");
    assertThat(
            http.send(
                    HttpRequest.newBuilder(subjects).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("the registry without credentials")
        .isEqualTo(401);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(subjects)
                        .header("Authorization", basic("vru-analyst:" + "not-the-password"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("the registry with a wrong password")
        .isEqualTo(401);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(subjects)
                        .header(
                            "Authorization",
                            basic("vru-analyst:" + env.get("registry.vru-analyst")))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("the registry as the reader vru-analyst")
        .isEqualTo(200);
  }

  private static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitHealthy(int port) {
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(
                                    URI.create("https://localhost:" + port + "/actuator/health"))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                    == 200);
  }

  private static JsonNode awaitFinished(int port, String feedId, String token) {
    JsonNode[] last = {null};
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              HttpResponse<String> answer =
                  http.send(
                      HttpRequest.newBuilder(
                              URI.create("https://localhost:" + port + "/api/v1/feeds/" + feedId))
                          .header("Authorization", "Bearer " + token)
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              last[0] = JSON.readTree(answer.body());
              String state = last[0].path("state").asString();
              return !state.equals("RECEIVED") && !state.equals("VALIDATING_AND_PUBLISHING");
            });
    return last[0];
  }
}
