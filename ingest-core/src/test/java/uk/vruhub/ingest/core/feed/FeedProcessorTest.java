package uk.vruhub.ingest.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.ingest.core.geo.PostcodeDirectory;
import uk.vruhub.ingest.core.identity.Pseudonymiser;
import uk.vruhub.ingest.core.identity.PseudonymiserTestAccess;
import uk.vruhub.ingest.core.it.MemoryTransactions;
import uk.vruhub.ingest.core.it.TestFeed;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * The feed pipeline's decisions (what is published, what refuses a feed, what a receipt says),
 * against transactions held in memory; the same pipeline against a real broker is in the services'
 * ITs.
 */
class FeedProcessorTest {

  private final MemoryTransactions transactions = new MemoryTransactions();
  private final Clock clock = Clock.fixed(Instant.parse("2026-04-01T06:00:00Z"), ZoneOffset.UTC);
  @TempDir Path spool;

  private FeedService service(double maxRejectRate) throws IOException {
    Pseudonymiser pseudonymiser = PseudonymiserTestAccess.pseudonymiser();
    FeedProcessor processor =
        new FeedProcessor(
            new TestFeed(),
            TopicCatalogue.load(),
            transactions,
            pseudonymiser,
            PostcodeDirectory.syntheticSample(),
            maxRejectRate,
            null,
            clock);
    FeedLedgerForTests ledger = new FeedLedgerForTests();
    return new FeedService(
        Agency.POLICE,
        processor,
        ledger.ledger(),
        spool,
        1_000_000,
        10,
        100,
        clock,
        new SimpleMeterRegistry());
  }

  private FeedStatus.Snapshot run(FeedService service, String csv) throws InterruptedException {
    FeedStatus.Snapshot first =
        service.submit(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            LocalDate.of(2026, 3, 31),
            "test");
    assertThat(service.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
    return service.status(first.feedId()).orElseThrow();
  }

  private List<MemoryTransactions.Sent> committed(String topic) {
    return transactions.committed(topic);
  }

  @Test
  void acceptedRowsAndTheReceiptAreCommittedTogether() throws Exception {
    FeedStatus.Snapshot status =
        run(
            service(0.5),
            "reference,surname,forenames,date_of_birth,sex,home_postcode,record_status\n"
                + "R1,Smith,Ann,2009-01-02,F,XA1 1AB,\n"
                + "R2,Jones,Bob,2008-05-06,M,,WITHDRAWN\n"
                + "R3,,,,Q,,\n");

    assertThat(status.state()).isEqualTo(FeedState.PUBLISHED);
    assertThat(status.rowsRead()).isEqualTo(3);
    assertThat(status.rowsAccepted()).isEqualTo(2);
    assertThat(status.rejects())
        .extracting(r -> r.row() + " " + r.column() + " " + r.reason())
        .containsExactly("4 sex NOT_IN_CODE_LIST");
    List<MemoryTransactions.Sent> events = committed("education.school-events.v1");
    assertThat(events).hasSize(2);
    assertThat(events.get(1).value()).as("a withdrawal is a tombstone").isNull();
    FeedReceipt receipt = (FeedReceipt) committed("police.feed-receipts.v1").get(0).value();
    assertThat(receipt.getOutcome()).isEqualTo(FeedOutcome.PUBLISHED);
    assertThat(receipt.getRecordsPublished()).isEqualTo(2);
    assertThat(receipt.getWithdrawals()).isEqualTo(1);
    assertThat(receipt.getRejectsByReason()).containsEntry("NOT_IN_CODE_LIST", 1L);
    assertThat(receipt.getLinkageKeyId()).isEqualTo("lk-test");
    assertThat(receipt.getFeedId()).startsWith("police-2026-03-31-");
  }

  @Test
  void tooManyRejectsRefuseTheWholeFeedAndPublishNothing() throws Exception {
    FeedStatus.Snapshot status = run(service(0.05), "reference,sex\nR1,M\nR2,X\n");

    assertThat(status.state()).isEqualTo(FeedState.REJECTED);
    assertThat(status.message())
        .startsWith("1 of 2 rows (50.0%) were rejected, more than the 5.0% allowed");
    assertThat(status.recordsPublished()).isZero();
    assertThat(transactions.aborted).isEqualTo(1);
    assertThat(committed("education.school-events.v1")).isEmpty();
    assertThat(((FeedReceipt) committed("police.feed-receipts.v1").get(0).value()).getOutcome())
        .isEqualTo(FeedOutcome.REJECTED);
  }

  @Test
  void aStructuralFaultRefusesTheFeedWithAClearMessage() throws Exception {
    FeedStatus.Snapshot status = run(service(0.05), "surname,sex\nSmith,M\n");

    assertThat(status.state()).isEqualTo(FeedState.REJECTED);
    assertThat(status.message())
        .isEqualTo("The header lacks required column reference of contract test-v1.");
    assertThat(committed("education.school-events.v1")).isEmpty();
  }

  @Test
  void theSameFileTwiceIsADuplicateAndPublishesNothingNew() throws Exception {
    FeedService service = service(0.05);
    String csv = "reference,sex\nR1,M\n";
    FeedStatus.Snapshot first = run(service, csv);
    int committedBefore = transactions.committed.size();

    FeedStatus.Snapshot again =
        service.submit(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            LocalDate.of(2026, 3, 31),
            "test");

    assertThat(first.state()).isEqualTo(FeedState.PUBLISHED);
    assertThat(again.state()).isEqualTo(FeedState.DUPLICATE);
    assertThat(again.feedId()).isEqualTo(first.feedId());
    assertThat(transactions.committed).hasSize(committedBefore);
  }

  @Test
  void aFailureWhilePublishingLeavesNothingAndSaysTheFileMayBeSentAgain() throws Exception {
    FeedService service = service(0.05);
    FeedSink.Transactions failing =
        new FeedSink.Transactions() {
          @Override
          public byte[] encode(String topic, org.apache.avro.specific.SpecificRecord value) {
            return transactions.encode(topic, value);
          }

          int calls;

          @Override
          public <T> T inTransaction(Function<FeedSink, T> work) {
            if (calls++ == 0) {
              return transactions.inTransaction(
                  sink ->
                      work.apply(
                          (t, k, v) -> {
                            throw new org.apache.kafka.common.KafkaException("broker unavailable");
                          }));
            }
            return transactions.inTransaction(work);
          }
        };
    FeedProcessor processor =
        new FeedProcessor(
            new TestFeed(),
            TopicCatalogue.load(),
            failing,
            PseudonymiserTestAccess.pseudonymiser(),
            PostcodeDirectory.syntheticSample(),
            0.05,
            null,
            clock);
    FeedService failingService =
        new FeedService(
            Agency.POLICE,
            processor,
            new FeedLedgerForTests().ledger(),
            spool,
            1_000_000,
            10,
            100,
            clock,
            new SimpleMeterRegistry());

    FeedStatus.Snapshot status = run(failingService, "reference,sex\nR1,M\n");

    assertThat(status.state()).isEqualTo(FeedState.FAILED);
    assertThat(status.message())
        .contains("nothing was published; the same file can be sent again")
        .contains("broker unavailable");
    assertThat(committed("education.school-events.v1")).isEmpty();
    assertThat(((FeedReceipt) committed("police.feed-receipts.v1").get(0).value()).getOutcome())
        .isEqualTo(FeedOutcome.FAILED);
    assertThat(run(service, "reference,sex\nR1,M\n").state())
        .as("resending after a failure is not a duplicate")
        .isEqualTo(FeedState.PUBLISHED);
  }
}
