package uk.vruhub.ingest.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.csv.CsvLimits;
import uk.vruhub.ingest.core.geo.PostcodeDirectory;
import uk.vruhub.ingest.core.identity.Pseudonymiser;
import uk.vruhub.ingest.core.identity.PseudonymiserTestAccess;
import uk.vruhub.ingest.core.it.MemoryTransactions;
import uk.vruhub.ingest.core.it.TestFeed;
import uk.vruhub.ingest.core.validate.RowValidator;
import uk.vruhub.ingest.core.validate.ValidRow;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * The feed pipeline on its worker pool, with transactions held in memory: every row sent once and
 * in row order, the window of chunks in flight never past its bound, each HMAC of a row made once,
 * and a worker's unexpected failure failing the feed cleanly with the row's number only.
 */
class FeedPipelineTest {

  private static final String EVENTS = "education.school-events.v1";
  private static final String RECEIPTS = "police.feed-receipts.v1";
  private static final String HEADER =
      "reference,surname,forenames,date_of_birth,sex,home_postcode,nhs_number,record_status\n";

  private final MemoryTransactions transactions = new MemoryTransactions();
  private final Clock clock = Clock.fixed(Instant.parse("2026-04-01T06:00:00Z"), ZoneOffset.UTC);
  @TempDir Path spool;

  private FeedProcessor processor(
      AgencyFeed<? extends SpecificRecord> feed,
      Pseudonymiser pseudonymiser,
      PipelineSettings pipeline) {
    return new FeedProcessor(
        feed,
        TopicCatalogue.load(),
        transactions,
        pseudonymiser,
        PostcodeDirectory.syntheticSample(),
        0.2,
        null,
        clock,
        CsvLimits.DEFAULTS,
        pipeline);
  }

  private FeedStatus.Snapshot run(FeedProcessor processor, String csv) throws Exception {
    try (FeedService service =
        new FeedService(
            Agency.POLICE,
            processor,
            new FeedLedgerForTests().ledger(),
            spool,
            100_000_000,
            10,
            100,
            clock,
            new SimpleMeterRegistry())) {
      FeedStatus.Snapshot first =
          service.submit(
              new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
              LocalDate.of(2026, 3, 31),
              "test");
      assertThat(service.awaitIdle(60, TimeUnit.SECONDS)).isTrue();
      return service.status(first.feedId()).orElseThrow();
    }
  }

  /**
   * Rows of every kind: full identities (four match keys and an NHS number), no date of birth, a
   * withdrawal every 13th, a reject every 17th; {@code tag} keeps references apart between feeds.
   */
  private static String feed(int rows, String tag) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < rows; i++) {
      String sex = i % 17 == 5 ? "Q" : i % 2 == 0 ? "M" : "F";
      String dob = i % 11 == 3 ? "" : (1980 + i % 30) + "-0" + (1 + i % 9) + "-1" + (i % 10);
      csv.append(tag)
          .append(i)
          .append(',')
          .append(i % 3 == 0 ? "O'Neil" : "Smith")
          .append(',')
          .append(i % 5 == 0 ? "Zoë Ann" : "Bob")
          .append(',')
          .append(dob)
          .append(',')
          .append(sex)
          .append(',')
          .append(i % 4 == 0 ? "" : "XA1 2BG")
          .append(',')
          .append(i % 6 == 0 ? "943 476 5919" : "")
          .append(',')
          .append(i % 13 == 7 ? "WITHDRAWN" : "")
          .append('\n');
    }
    return csv.toString();
  }

  /** What a single thread reading the feed in order would publish: the record keys, in order. */
  private List<String> expectedKeys(String csv, Pseudonymiser pseudonymiser) {
    TestFeed feed = new TestFeed();
    FeedContract contract = feed.contract();
    RowValidator validator = new RowValidator(contract, clock, List.of());
    FeedContext context = new FeedContext("f", LocalDate.of(2026, 3, 31), pseudonymiser, null);
    List<String> keys = new ArrayList<>();
    String[] lines = csv.split("\n");
    String[] header = lines[0].split(",", -1);
    for (int r = 1; r < lines.length; r++) {
      String[] fields = lines[r].split(",", -1);
      java.util.Map<String, String> values = new java.util.HashMap<>();
      for (int c = 0; c < header.length; c++) {
        values.put(header[c], fields[c]);
      }
      RowValidator.Outcome outcome = validator.validate(r + 1, values);
      if (outcome.accepted()) {
        ValidRow row = outcome.row();
        keys.add(feed.recordKey(row, context));
      }
    }
    return keys;
  }

  @Test
  void aFeedOnManyWorkersPublishesEveryRowOnceInRowOrderWithinItsWindow() throws Exception {
    String csv = feed(6_000, "P");
    AtomicLong hmacs = new AtomicLong();
    FeedProcessor processor =
        processor(
            new TestFeed(),
            PseudonymiserTestAccess.counting(hmacs),
            new PipelineSettings(3, 16, 1 << 20, 3));

    FeedStatus.Snapshot status = run(processor, csv);

    assertThat(status.state()).isEqualTo(FeedState.PUBLISHED);
    List<MemoryTransactions.Sent> events = transactions.committed(EVENTS);
    List<String> expected = expectedKeys(csv, PseudonymiserTestAccess.pseudonymiser());
    assertThat(expected).hasSizeGreaterThan(5_000);
    assertThat(events).extracting(MemoryTransactions.Sent::key).containsExactlyElementsOf(expected);
    assertThat(status.rowsRead()).isEqualTo(6_000);
    assertThat(status.rowsAccepted()).isEqualTo(expected.size());
    assertThat(status.rowsRejected()).isEqualTo(6_000 - expected.size());
    assertThat(status.rejects())
        .extracting(r -> r.row() + " " + r.column() + " " + r.reason())
        .as("rejects in row order, the first ten in full")
        .containsExactly(
            "7 sex NOT_IN_CODE_LIST",
            "24 sex NOT_IN_CODE_LIST",
            "41 sex NOT_IN_CODE_LIST",
            "58 sex NOT_IN_CODE_LIST",
            "75 sex NOT_IN_CODE_LIST",
            "92 sex NOT_IN_CODE_LIST",
            "109 sex NOT_IN_CODE_LIST",
            "126 sex NOT_IN_CODE_LIST",
            "143 sex NOT_IN_CODE_LIST",
            "160 sex NOT_IN_CODE_LIST");
    FeedReceipt receipt = (FeedReceipt) transactions.committed(RECEIPTS).get(0).value();
    assertThat(receipt.getOutcome()).isEqualTo(FeedOutcome.PUBLISHED);
    assertThat(receipt.getRecordsPublished()).isEqualTo(expected.size());
    assertThat(processor.lastPeakChunksInFlight())
        .as("chunks read and not yet sent, never more than the window")
        .isBetween(1, 3);

    // Each HMAC once per row: the record key, and one per match key the event carries.
    long expectedHmacs = 0;
    for (MemoryTransactions.Sent sent : events) {
      expectedHmacs +=
          1 + (sent.value() == null ? 0 : ((SchoolEvent) sent.value()).getMatchKeys().size());
    }
    assertThat(hmacs).hasValue(expectedHmacs);
    processor.close();
  }

  @Test
  void theWindowBoundsAFeedWhateverItsSize() throws Exception {
    FeedProcessor processor =
        processor(
            new TestFeed(),
            PseudonymiserTestAccess.pseudonymiser(),
            new PipelineSettings(2, 4, 1 << 20, 2));

    FeedStatus.Snapshot status = run(processor, feed(20_000, "W"));

    assertThat(status.state()).isEqualTo(FeedState.PUBLISHED);
    assertThat(transactions.committed(EVENTS)).hasSize((int) status.rowsAccepted());
    assertThat(processor.lastPeakChunksInFlight()).isBetween(1, 2);
    processor.close();
  }

  @Test
  void wideRowsMakeSmallChunks() throws Exception {
    // Rows of about 100 characters and chunks closed at 250: at most three rows a chunk.
    FeedProcessor processor =
        processor(
            new TestFeed(),
            PseudonymiserTestAccess.pseudonymiser(),
            new PipelineSettings(2, 10_000, 250, 2));
    String csv = feed(3_000, "C");

    FeedStatus.Snapshot status = run(processor, csv);

    assertThat(status.state()).isEqualTo(FeedState.PUBLISHED);
    assertThat(transactions.committed(EVENTS))
        .extracting(MemoryTransactions.Sent::key)
        .containsExactlyElementsOf(expectedKeys(csv, PseudonymiserTestAccess.pseudonymiser()));
    processor.close();
  }

  /** The test feed, whose mapping breaks on one row as a bug would, quoting the row's value. */
  private static final class BreaksOnRow implements AgencyFeed<SchoolEvent> {
    private final TestFeed feed = new TestFeed();
    private final String reference;

    BreaksOnRow(String reference) {
      this.reference = reference;
    }

    @Override
    public Agency agency() {
      return feed.agency();
    }

    @Override
    public FeedContract contract() {
      return feed.contract();
    }

    @Override
    public String eventsTopicId() {
      return feed.eventsTopicId();
    }

    @Override
    public String receiptsTopicId() {
      return feed.receiptsTopicId();
    }

    @Override
    public List<RowValidator.RowRule> rules() {
      return feed.rules();
    }

    @Override
    public String recordKey(ValidRow row, FeedContext context) {
      return feed.recordKey(row, context);
    }

    @Override
    public SchoolEvent toEvent(ValidRow row, String recordKey, FeedContext context) {
      if (reference.equals(row.text("reference"))) {
        throw new IllegalArgumentException("cannot map " + row.text("surname") + " " + reference);
      }
      return feed.toEvent(row, recordKey, context);
    }
  }

  @Test
  void anUnexpectedFailureInAWorkerFailsTheFeedCleanlyNamingOnlyTheRow() throws Exception {
    String csv = feed(3_000, "F");
    FeedProcessor processor =
        processor(
            new BreaksOnRow("F2500"),
            PseudonymiserTestAccess.pseudonymiser(),
            new PipelineSettings(2, 8, 1 << 20, 4));

    FeedStatus.Snapshot status = run(processor, csv);

    assertThat(status.state()).isEqualTo(FeedState.FAILED);
    assertThat(status.message())
        .contains("nothing was published; the same file can be sent again")
        .contains("row 2502: IllegalArgumentException (detail withheld)")
        .doesNotContain("F2500")
        .doesNotContain("Smith")
        .doesNotContain("O'Neil");
    assertThat(status.rowsRead())
        .as("rows up to the failing one, as in row order")
        .isEqualTo(2_501);
    assertThat(transactions.aborted).isEqualTo(1);
    assertThat(transactions.committed(EVENTS)).isEmpty();
    assertThat(((FeedReceipt) transactions.committed(RECEIPTS).get(0).value()).getOutcome())
        .isEqualTo(FeedOutcome.FAILED);

    // The same processor, and its workers, carry on with the next feed.
    FeedStatus.Snapshot next = run(processor, feed(100, "N"));
    assertThat(next.state()).isEqualTo(FeedState.PUBLISHED);
    assertThat(transactions.committed(EVENTS)).hasSize((int) next.rowsAccepted());
    processor.close();
  }

  @Test
  void aStructuralFaultAfterManyChunksStillCountsTheRowsBeforeIt() throws Exception {
    // An unterminated quote at row 2,002: everything before it is read and counted, nothing sent.
    String csv = feed(2_000, "S") + "S9,\"Smith,Bob,,M,,,\n";
    FeedProcessor processor =
        processor(
            new TestFeed(),
            PseudonymiserTestAccess.pseudonymiser(),
            new PipelineSettings(2, 8, 1 << 20, 4));

    FeedStatus.Snapshot status = run(processor, csv);

    assertThat(status.state()).isEqualTo(FeedState.REJECTED);
    assertThat(status.message()).contains("not well-formed CSV near row 2002");
    assertThat(status.rowsRead()).isEqualTo(2_000);
    assertThat(transactions.committed(EVENTS)).isEmpty();
    processor.close();
  }
}
