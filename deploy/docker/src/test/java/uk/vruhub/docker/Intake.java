package uk.vruhub.docker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agency's side of an ingest service's intake, over HTTPS with a client that trusts only the
 * test's CA and with the agency's bearer token, as the container tests send feeds.
 */
final class Intake {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final String token;

  Intake(HttpClient http, String token) {
    this.http = http;
    this.token = token;
  }

  /** Sends a feed file, streamed; the service's answer (its {@code feedId}). */
  JsonNode send(int port, Path csv, LocalDate extractDate)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base(port) + "/api/v1/feeds?extractDate=" + extractDate))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofFile(csv))
            .build();
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200 && answer.statusCode() != 202) {
      throw new IllegalStateException(
          "The feed " + csv + " was refused (" + answer.statusCode() + "): " + answer.body());
    }
    return JSON.readTree(answer.body());
  }

  /** A feed's status. */
  JsonNode status(int port, String feedId) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base(port) + "/api/v1/feeds/" + feedId))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  /** The feed's status once it has finished (neither received nor publishing any more). */
  JsonNode awaitFinished(int port, String feedId, Duration timeout) {
    JsonNode[] last = {null};
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              last[0] = status(port, feedId);
              String state = last[0].path("state").asString();
              return !state.equals("RECEIVED") && !state.equals("VALIDATING_AND_PUBLISHING");
            });
    return last[0];
  }

  private static String base(int port) {
    return "https://localhost:" + port;
  }
}
