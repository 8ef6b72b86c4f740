package uk.vruhub.ingest.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubIntegrationTest;

/**
 * What every agency service must do with a real broker and registry behind it, as an agency system
 * meets it over HTTP: publish a feed with its receipt, recognise a resent file, refuse a malformed
 * feed publishing nothing, demand the agency's token, describe its API (and serve Swagger UI for it
 * from its own assets, readable without the token) and report its health, and refuse {@linkplain
 * HostileFeedsOverHttp hostile feeds} without repeating them. Each service's IT extends this with
 * its own sample feed.
 */
@HubIntegrationTest
public abstract class AbstractIngestIT implements HostileFeedsOverHttp {

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void ingestProperties(DynamicPropertyRegistry registry) throws IOException {
    IngestITSupport.properties(registry);
  }

  /** The service's sample feed, its references made unique by the suffix. */
  protected abstract String sample(String suffix) throws Exception;

  /** The sample with two rows broken: 2 of N rows rejected, more than the 5% threshold. */
  protected abstract String malformed(String suffix) throws Exception;

  protected abstract String eventsTopicId();

  protected abstract String receiptsTopicId();

  /** Rows in the sample, and how many of them are withdrawals. */
  protected abstract int sampleRows();

  protected abstract int sampleWithdrawals();

  /** The feed id each event carries. */
  protected abstract String feedIdOf(SpecificRecord event);

  @Override
  public int port() {
    return port;
  }

  @Override
  public String goodFeed() throws Exception {
    return sample("A");
  }

  private List<ConsumerRecord<String, SpecificRecord>> eventsOf(HubEnvironment hub, String feedId) {
    List<ConsumerRecord<String, SpecificRecord>> all =
        hub.readAll(hub.topics().byId(eventsTopicId()), Duration.ofSeconds(30));
    return all.stream()
        .filter(r -> r.value() != null && feedIdOf(r.value()).equals(feedId))
        .toList();
  }

  /**
   * The feed's events once read_committed consumers see them all: commit markers reach the
   * partitions just after the commit returns.
   */
  private List<ConsumerRecord<String, SpecificRecord>> awaitVisible(
      HubEnvironment hub, String feedId) {
    int expected = sampleRows() - sampleWithdrawals();
    List<List<ConsumerRecord<String, SpecificRecord>>> seen = new java.util.ArrayList<>();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              seen.add(0, eventsOf(hub, feedId));
              return seen.get(0).size() >= expected;
            });
    assertThat(seen.get(0)).hasSize(expected);
    return seen.get(0);
  }

  @Test
  void aFeedSentOverHttpIsPublishedWithItsReceipt(HubEnvironment hub) throws Exception {
    IngestITSupport.Answer sent =
        IngestITSupport.send(port, sample("A"), LocalDate.of(2026, 3, 31), IngestITSupport.TOKEN);

    assertThat(sent.status()).isEqualTo(202);
    String feedId = sent.json().path("feedId").asString();
    JsonNode status = IngestITSupport.awaitFinished(port, feedId, Duration.ofSeconds(60));
    assertThat(status.path("state").asString()).isEqualTo("PUBLISHED");
    assertThat(status.path("rowsAccepted").asLong()).isEqualTo(sampleRows());

    List<ConsumerRecord<String, SpecificRecord>> events = awaitVisible(hub, feedId);
    assertThat(events).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().get(0)));
    List<ConsumerRecord<String, FeedReceipt>> receipts =
        hub.readAll(hub.topics().byId(receiptsTopicId()), Duration.ofSeconds(30));
    FeedReceipt receipt =
        receipts.stream()
            .filter(r -> r.key().equals(feedId))
            .map(ConsumerRecord::value)
            .findFirst()
            .orElseThrow();
    assertThat(receipt.getOutcome()).isEqualTo(FeedOutcome.PUBLISHED);
    assertThat(receipt.getRecordsPublished()).isEqualTo(sampleRows());
    assertThat(receipt.getWithdrawals()).isEqualTo(sampleWithdrawals());
    assertThat(receipt.getPolicyId()).isEqualTo("demo-vru-isa");

    IngestITSupport.Answer listed = IngestITSupport.getAsAgency(port, "/api/v1/feeds?limit=1000");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().valueStream().map(f -> f.path("feedId").asString())).contains(feedId);
    assertThat(listed.json().valueStream().map(f -> f.path("rejects").size())).containsOnly(0);
    assertThat(IngestITSupport.getAsAgency(port, "/api/v1/feeds?limit=0").status()).isEqualTo(400);
    assertThat(IngestITSupport.getAsAgency(port, "/api/v1/feeds?limit=x").body())
        .contains("limit must be a whole number");
  }

  @Test
  void theSameFileTwiceIsReportedAsADuplicateAndPublishesNothingNew(HubEnvironment hub)
      throws Exception {
    String csv = sample("B");
    String feedId =
        IngestITSupport.send(port, csv, LocalDate.of(2026, 3, 31), IngestITSupport.TOKEN)
            .json()
            .path("feedId")
            .asString();
    assertThat(
            IngestITSupport.awaitFinished(port, feedId, Duration.ofSeconds(60))
                .path("state")
                .asString())
        .isEqualTo("PUBLISHED");
    int before = hub.readAll(hub.topics().byId(eventsTopicId()), Duration.ofSeconds(30)).size();

    IngestITSupport.Answer again =
        IngestITSupport.send(port, csv, LocalDate.of(2026, 3, 31), IngestITSupport.TOKEN);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("state").asString()).isEqualTo("DUPLICATE");
    assertThat(again.json().path("feedId").asString()).isEqualTo(feedId);
    assertThat(hub.readAll(hub.topics().byId(eventsTopicId()), Duration.ofSeconds(30)))
        .hasSize(before);
  }

  @Test
  void aMalformedFeedPublishesNothingAndSaysWhyRowByRow(HubEnvironment hub) throws Exception {
    String feedId =
        IngestITSupport.send(port, malformed("C"), LocalDate.of(2026, 3, 31), IngestITSupport.TOKEN)
            .json()
            .path("feedId")
            .asString();
    JsonNode status = IngestITSupport.awaitFinished(port, feedId, Duration.ofSeconds(60));

    assertThat(status.path("state").asString()).isEqualTo("REJECTED");
    assertThat(status.path("message").asString()).startsWith("2 of " + sampleRows() + " rows");
    assertThat(status.path("rejects")).hasSize(2);
    assertThat(status.path("rejects").get(0).path("row").asInt()).isPositive();
    assertThat(status.path("rejects").get(0).path("reason").asString()).isNotBlank();
    assertThat(eventsOf(hub, feedId)).isEmpty();
  }

  @Test
  void aRequestWithoutTheAgencysTokenIsRefused() throws Exception {
    assertThat(IngestITSupport.send(port, "x", LocalDate.of(2026, 3, 31), "wrong-token").status())
        .isEqualTo(401);
    assertThat(IngestITSupport.get(port, "/api/v1/feeds/any-2026-03-31-0000000000000000").status())
        .isEqualTo(401);
    assertThat(IngestITSupport.get(port, "/api/v1/feeds").status()).isEqualTo(401);
  }

  @Test
  void swaggerUiIsServedByTheServiceItselfAndReadsItsOwnDescription() throws Exception {
    // What a browser does, without the agency's token: the docs are not data.
    HttpResponse<String> entry = IngestITSupport.page(port, "/swagger-ui.html");
    assertThat(entry.statusCode()).isEqualTo(302);
    String index = entry.headers().firstValue("Location").orElseThrow();
    assertThat(URI.create(index).getPath()).isEqualTo("/swagger-ui/index.html");

    HttpResponse<String> page = IngestITSupport.page(port, index);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    List<String> links = links(page.body());
    assertThat(links)
        .as("every asset the page loads comes from the service, none from a CDN")
        .isNotEmpty()
        .noneMatch(link -> link.contains("//"));
    String initializerLink =
        links.stream().filter(l -> l.endsWith("swagger-initializer.js")).findFirst().orElseThrow();
    URI base = URI.create(index);

    HttpResponse<String> initializer =
        IngestITSupport.page(port, base.resolve(initializerLink).toString());
    assertThat(initializer.statusCode()).isEqualTo(200);
    assertThat(initializer.body())
        .contains("\"configUrl\" : \"/v3/api-docs/swagger-config\"")
        .doesNotContain("petstore")
        .doesNotContain("://");
    JsonNode config = IngestITSupport.get(port, "/v3/api-docs/swagger-config").json();
    assertThat(config.path("url").asString()).isEqualTo("/v3/api-docs");
    // Its only absolute address is the service's own (where an OAuth2 flow would come back to).
    assertThat(
            Pattern.compile("[a-z]+://[^\"]*")
                .matcher(config.toString())
                .results()
                .map(m -> m.group()))
        .allMatch(url -> url.startsWith("https://localhost:" + port + "/"));

    String script =
        links.stream().filter(l -> l.endsWith("swagger-ui-bundle.js")).findFirst().orElseThrow();
    HttpResponse<String> js = IngestITSupport.page(port, base.resolve(script).toString());
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    assertThat(js.body()).isNotBlank();
  }

  /**
   * The intake is HTTPS only: a client that does not trust the hub's CA cannot even connect, and
   * plain HTTP to the port (an agency's bearer token and a feed in the clear) gets only Tomcat's
   * refusal, never an answer of the API.
   */
  @Test
  void theIntakeServesOnlyTlsClientsThatTrustTheHubsCa() throws Exception {
    HttpRequest feeds =
        HttpRequest.newBuilder(URI.create(IngestITSupport.base(port) + "/api/v1/feeds"))
            .header("Authorization", "Bearer " + IngestITSupport.TOKEN)
            .build();
    assertThatThrownBy(
            () -> HttpClient.newHttpClient().send(feeds, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);

    HttpResponse<String> plain =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/feeds"))
                    .header("Authorization", "Bearer " + IngestITSupport.TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(plain.body()).contains("requires TLS").doesNotContain("feedId");
    assertThat(IngestITSupport.getAsAgency(port, "/api/v1/feeds").status()).isEqualTo(200);
  }

  @Test
  void theAuthorizeButtonOffersTheAgencysBearerSchemeForTheFeedOperations() throws Exception {
    JsonNode api = IngestITSupport.get(port, "/v3/api-docs").json();
    JsonNode scheme = api.path("components").path("securitySchemes").path("agency-token");
    assertThat(scheme.path("type").asString()).isEqualTo("http");
    assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
    assertThat(api.path("paths").path("/api/v1/feeds").path("post").path("security").toString())
        .contains("agency-token");
    assertThat(
            api.path("paths")
                .path("/api/v1/feeds/{feedId}")
                .path("get")
                .path("security")
                .toString())
        .contains("agency-token");
  }

  /** The UI's resource handler serves the webjar, not the service's class path or endpoints. */
  @Test
  void theUiResourcesStayInsideTheirFolder() throws Exception {
    for (String path :
        List.of(
            "/swagger-ui/..%2F..%2Fapplication.yaml",
            "/swagger-ui/%2e%2e/%2e%2e/application.yaml", "/swagger-ui/..;/actuator/env")) {
      HttpResponse<String> answer = IngestITSupport.page(port, path);
      assertThat(answer.statusCode()).as(path).isGreaterThanOrEqualTo(400);
      assertThat(answer.body()).as(path).doesNotContain("token-sha256");
    }
  }

  /** The {@code src} and {@code href} attributes of a page. */
  private static List<String> links(String html) {
    return Pattern.compile("(?:src|href)=\"([^\"]+)\"")
        .matcher(html)
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  @Test
  void theApiIsDescribedAndHealthCoversKafkaAndTheRegistry() throws Exception {
    assertThat(IngestITSupport.get(port, "/v3/api-docs").body())
        .contains("/api/v1/feeds")
        .contains("bearer");
    JsonNode health = IngestITSupport.get(port, "/actuator/health").json();
    assertThat(health.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    assertThat(health.path("components").path("schemaRegistry").path("status").asString())
        .isEqualTo("UP");
  }
}
