package uk.vruhub.ingest.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.ingest.core.feed.AgencyFeed;
import uk.vruhub.testkit.HubEnvironment;

/**
 * Hostile feeds as an agency's system (or an attacker holding its token) would send them over HTTP,
 * against a service with the real broker and registry: a 50 MB line, a million-column header, a
 * quote left open before 200 MB, a header that is really a data row of canary values, columns named
 * by values, and extract dates in 2062 and 1990. Each is refused with a clear message and publishes
 * nothing, no canary appears in the log, the status or the receipt, and afterwards the service is
 * healthy and publishes a good feed. The huge bodies are made as they are sent; that the reader
 * stops after about a limit's worth of them is shown byte for byte by {@code FeedReaderLimitsTest},
 * and the police service runs these under its ITs' 256 MB heap, which one 150 MB line used to
 * exhaust.
 *
 * <p>{@link AbstractIngestIT} implements this, so every service runs these tests.
 */
@ExtendWith(OutputCaptureExtension.class)
public interface HostileFeedsOverHttp {

  /** The service's HTTP port. */
  int port();

  /** A feed of the service that publishes. */
  String goodFeed() throws Exception;

  LocalDate EXTRACT_DATE = LocalDate.of(2026, 3, 31);

  /**
   * Good feeds are sent again and again, each under an extract date of its own so that none is a
   * duplicate of another.
   */
  java.util.concurrent.atomic.AtomicInteger GOOD_FEEDS_SENT =
      new java.util.concurrent.atomic.AtomicInteger();

  @Test
  default void aFiftyMegabyteLineIsRefusedAndTheServiceCarriesOn(
      HubEnvironment hub, @Autowired AgencyFeed<?> feed, CapturedOutput log) throws Exception {
    JsonNode status = sendAndFinish(() -> HostileFeeds.singleLine(50L << 20));

    assertRefused(hub, feed, log, status, "FIELD_TOO_LONG");
    assertThat(status.path("message").asString())
        .startsWith("Field 1 of the header (row 1) is longer than 65536 bytes");
    assertHealthyAndPublishing();
  }

  @Test
  default void aMillionColumnHeaderIsRefusedAndTheServiceCarriesOn(
      HubEnvironment hub, @Autowired AgencyFeed<?> feed, CapturedOutput log) throws Exception {
    JsonNode status = sendAndFinish(() -> HostileFeeds.wideHeader(1_000_000));

    assertRefused(hub, feed, log, status, "TOO_MANY_COLUMNS");
    assertThat(status.path("message").asString())
        .startsWith("The header (row 1) has more than 500 fields");
    assertHealthyAndPublishing();
  }

  @Test
  default void aQuoteLeftOpenBeforeTwoHundredMegabytesIsRefusedAndTheServiceCarriesOn(
      HubEnvironment hub, @Autowired AgencyFeed<?> feed, CapturedOutput log) throws Exception {
    String header = goodFeed().lines().findFirst().orElseThrow();
    JsonNode status = sendAndFinish(() -> HostileFeeds.openQuote(header, 200L << 20));

    assertRefused(hub, feed, log, status, "FIELD_TOO_LONG");
    assertThat(status.path("message").asString())
        .startsWith("Field 1 of row 2 is longer than 65536 bytes")
        .endsWith(
            "That field opens with a quote on line 2 that is still not closed: is its closing"
                + " quote missing?");
    assertHealthyAndPublishing();
  }

  @Test
  default void aHeaderThatIsReallyADataRowIsRefusedWithoutRepeatingIt(
      HubEnvironment hub, @Autowired AgencyFeed<?> feed, CapturedOutput log) throws Exception {
    Map<String, String> canaries = HostileFeeds.canaries(feed.contract());
    String row = HostileFeeds.line(canaries);

    IngestITSupport.Answer sent =
        IngestITSupport.send(port(), row + "\n" + row + "\n", EXTRACT_DATE, IngestITSupport.TOKEN);
    JsonNode status = finish(sent);

    FeedReceipt receipt = assertRefused(hub, feed, log, status, "MISSING_COLUMNS");
    assertThat(status.path("message").asString()).startsWith("The header lacks required columns");
    assertThat(HostileFeeds.foundIn(sent.body() + status + receipt, canaries)).isEmpty();
    assertThat(HostileFeeds.foundIn(log.getAll(), canaries)).as("in the log").isEmpty();
    assertHealthyAndPublishing();
  }

  @Test
  default void columnsTheContractDoesNotKnowAreLoggedByPositionNotName(
      @Autowired AgencyFeed<?> feed, CapturedOutput log) throws Exception {
    Map<String, String> canaries = HostileFeeds.canaries(feed.contract());
    String extra = HostileFeeds.line(canaries);
    StringBuilder csv = new StringBuilder();
    goodFeed().lines().forEach(line -> csv.append(line).append(',').append(extra).append('\n'));
    int known =
        csv.toString().lines().findFirst().orElseThrow().split(",", -1).length - canaries.size();

    JsonNode status =
        finish(IngestITSupport.send(port(), csv.toString(), goodDate(), IngestITSupport.TOKEN));

    assertThat(status.path("state").asString()).as(status.toString()).isEqualTo("PUBLISHED");
    assertThat(log.getAll())
        .contains(status.path("feedId").asString() + ": header column(s) [" + (known + 1) + ", ");
    assertThat(HostileFeeds.foundIn(status.toString(), canaries)).isEmpty();
    assertThat(HostileFeeds.foundIn(log.getAll(), canaries)).as("in the log").isEmpty();
  }

  @Test
  default void anExtractDateInTheFutureOrDecadesAgoIsABadRequest() throws Exception {
    String csv = goodFeed();

    IngestITSupport.Answer future =
        IngestITSupport.send(port(), csv, LocalDate.of(2062, 1, 1), IngestITSupport.TOKEN);
    IngestITSupport.Answer old =
        IngestITSupport.send(port(), csv, LocalDate.of(1990, 1, 1), IngestITSupport.TOKEN);

    assertThat(future.status()).isEqualTo(400);
    assertThat(future.json().path("reason").asString()).isEqualTo("EXTRACT_DATE_IN_FUTURE");
    assertThat(future.json().path("error").asString())
        .startsWith("The extract date 2062-01-01 is in the future");
    assertThat(old.status()).isEqualTo(400);
    assertThat(old.json().path("reason").asString()).isEqualTo("EXTRACT_DATE_TOO_OLD");
    assertThat(old.json().path("error").asString()).contains("(hub.ingest.intake.max-extract-age)");
    assertHealthyAndPublishing();
  }

  private JsonNode sendAndFinish(java.util.function.Supplier<java.io.InputStream> body)
      throws Exception {
    return finish(IngestITSupport.sendStream(port(), body, EXTRACT_DATE));
  }

  private JsonNode finish(IngestITSupport.Answer sent) {
    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    return IngestITSupport.awaitFinished(
        port(), sent.json().path("feedId").asString(), Duration.ofSeconds(120));
  }

  /** The feed refused whole for {@code reason}: nothing published, its receipt saying so. */
  private FeedReceipt assertRefused(
      HubEnvironment hub, AgencyFeed<?> feed, CapturedOutput log, JsonNode status, String reason) {
    String feedId = status.path("feedId").asString();
    assertThat(status.path("state").asString()).as(status.toString()).isEqualTo("REJECTED");
    assertThat(status.path("recordsPublished").asLong()).isZero();
    assertThat(log.getAll()).contains("Feed " + feedId + " rejected (" + reason + ")");
    java.util.List<ConsumerRecord<String, FeedReceipt>> receipts =
        hub.readAll(hub.topics().byId(feed.receiptsTopicId()), Duration.ofSeconds(30));
    FeedReceipt receipt =
        receipts.stream()
            .filter(r -> r.key().equals(feedId))
            .map(ConsumerRecord::value)
            .reduce((first, second) -> second)
            .orElseThrow();
    assertThat(receipt.getOutcome()).isEqualTo(FeedOutcome.REJECTED);
    assertThat(receipt.getRecordsPublished()).isZero();
    assertThat(receipt.getMessage()).isEqualTo(status.path("message").asString());
    return receipt;
  }

  /** Health is UP, and a good feed sent now is published. */
  private void assertHealthyAndPublishing() throws Exception {
    JsonNode health = IngestITSupport.get(port(), "/actuator/health").json();
    assertThat(health.path("status").asString()).as(health.toString()).isEqualTo("UP");
    JsonNode status =
        finish(IngestITSupport.send(port(), goodFeed(), goodDate(), IngestITSupport.TOKEN));
    assertThat(status.path("state").asString()).as(status.toString()).isEqualTo("PUBLISHED");
  }

  private static LocalDate goodDate() {
    return LocalDate.of(2025, 1, 1).plusDays(GOOD_FEEDS_SENT.getAndIncrement());
  }
}
