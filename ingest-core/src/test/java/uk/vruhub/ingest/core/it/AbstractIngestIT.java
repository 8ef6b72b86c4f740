package uk.vruhub.ingest.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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
 * feed publishing nothing, demand the agency's token, describe its API and report its health. Each
 * service's IT extends this with its own sample feed.
 */
@HubIntegrationTest
public abstract class AbstractIngestIT {

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
