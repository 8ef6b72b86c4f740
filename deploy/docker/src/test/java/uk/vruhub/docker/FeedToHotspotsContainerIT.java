package uk.vruhub.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.testkit.LargeFeeds;
import uk.vruhub.testkit.containers.ContainerHub;
import uk.vruhub.testkit.containers.ContainerTest;

/**
 * The test kit's container mode end to end: broker (Testcontainers' KafkaContainer running the
 * hub's Kafka image), registry, police ingest and aggregator all as images, each serving HTTPS with
 * a certificate from the test CA; a police feed sent over HTTPS becomes hotspot cells. Then the
 * registry is restarted: schema ids stay the same and the services carry on with a second feed.
 */
@ContainerTest(images = {"registry", "ingest-police", "aggregator"})
class FeedToHotspotsContainerIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aFeedBecomesHotspotsThroughContainersAndARegistryRestartChangesNoId(@TempDir Path dir)
      throws Exception {
    try (ContainerHub hub = ContainerHub.start();
        GenericContainer<?> police = Services.policeContainer(hub);
        GenericContainer<?> aggregator = Services.aggregatorContainer(hub)) {
      hub.createTopics();
      police.start();
      aggregator.start();
      int port = police.getMappedPort(8091);
      Intake intake = Services.intake(hub);

      JsonNode first = sendAndAwait(intake, port, LargeFeeds.write(dir.resolve("a.csv"), 400, "A"));
      assertThat(first.path("state").asString()).isEqualTo("PUBLISHED");
      assertThat(first.path("recordsPublished").asLong()).isEqualTo(400);
      awaitVruAreaJanuaryCount(hub, 400);

      Map<String, Integer> idsBefore = schemaIds(hub);
      assertThat(idsBefore).isNotEmpty();
      hub.restartRegistry();
      Map<String, Integer> idsAfter = schemaIds(hub);
      assertThat(idsAfter).as("schema ids after the registry restarted").isEqualTo(idsBefore);

      JsonNode second =
          sendAndAwait(intake, port, LargeFeeds.write(dir.resolve("b.csv"), 300, "B"));
      assertThat(second.path("state").asString()).isEqualTo("PUBLISHED");
      long count = awaitVruAreaJanuaryCount(hub, 700);
      System.out.printf(
          "Containers: 2 police feeds (400 + 300 rows) published; hotspot counts of the VRU area in"
              + " January %d; %d subjects with the same ids after the registry restart%n",
          count, idsAfter.size());
    }
  }

  private static JsonNode sendAndAwait(Intake intake, int port, Path feed) throws Exception {
    String feedId = intake.send(port, feed, LocalDate.of(2026, 3, 31)).path("feedId").asString();
    return intake.awaitFinished(port, feedId, Duration.ofMinutes(2));
  }

  /**
   * Waits until the January cells of the VRU area add up to {@code expected} (every crime counts
   * under the WHO definition): its areas' cells, each of 80 or more crimes, and the VRU area's own,
   * which counts the crimes with no location (none, so hidden).
   */
  private static long awaitVruAreaJanuaryCount(ContainerHub hub, long expected) {
    Map<String, Long> last = new HashMap<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              List<ConsumerRecord<HotspotKey, HotspotCell>> records =
                  hub.readAll(hub.topics().byId(Ids.HOTSPOTS), Duration.ofSeconds(30));
              Map<HotspotKey, HotspotCell> latest = new HashMap<>();
              records.forEach(r -> latest.put(r.key(), r.value()));
              long count =
                  latest.values().stream()
                      .filter(v -> v != null)
                      .filter(v -> "MONTH".equals(String.valueOf(v.getPeriodType())))
                      .filter(v -> "2026-01-01".equals(String.valueOf(v.getPeriodStart())))
                      .filter(v -> "POLICE".equals(String.valueOf(v.getSource())))
                      .filter(v -> v.getDefinitionId().startsWith("northumbria-who@"))
                      .mapToLong(v -> v.getCount() == null ? 0 : v.getCount())
                      .sum();
              last.put("count", count);
              assertThat(count).isEqualTo(expected);
            });
    return last.get("count");
  }

  /**
   * Every subject's latest schema id, from the registry's REST API over HTTPS (trusting the hub's
   * CA) as a reader, the analyst's registry user.
   */
  private static Map<String, Integer> schemaIds(ContainerHub hub)
      throws IOException, InterruptedException {
    HttpClient http = hub.httpClient();
    String url = hub.registryUrl();
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    hub.secrets().registryUserInfo("vru-analyst").getBytes(StandardCharsets.UTF_8));
    Map<String, Integer> ids = new TreeMap<>();
    for (JsonNode subject : JSON.readTree(get(http, basic, url + "/subjects"))) {
      JsonNode latest =
          JSON.readTree(
              get(http, basic, url + "/subjects/" + subject.asString() + "/versions/latest"));
      ids.put(subject.asString(), latest.path("id").asInt());
    }
    return ids;
  }

  private static String get(HttpClient http, String authorization, String url)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(url).isEqualTo(200);
    return answer.body();
  }
}
