package uk.vruhub.ingest.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.ingest.core.it.FeedHarness;
import uk.vruhub.ingest.core.it.HostileFeeds;
import uk.vruhub.ingest.core.it.MemoryTransactions;
import uk.vruhub.ingest.core.it.TestFeed;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * What the intake refuses before a feed is processed: an extract date in the future or too old, and
 * a feed the spool has no room for. Today is 1 April 2026 (UK) for these tests.
 */
class FeedServiceIntakeTest {

  private static final String FEED = "reference,sex\nR1,M\n";
  private static final byte[] FEED_BYTES = FEED.getBytes(StandardCharsets.UTF_8);

  @TempDir Path spool;
  private final MemoryTransactions transactions = new MemoryTransactions();

  private FeedService service(FeedService.IntakeLimits limits, FeedSink.Transactions through) {
    return FeedHarness.service(new TestFeed(), through, spool, limits, 0.05, FeedHarness.CLOCK);
  }

  private FeedService service() {
    return service(FeedService.IntakeLimits.defaults(1_000_000), transactions);
  }

  private static FeedStatus.Snapshot finished(FeedService service, FeedStatus.Snapshot received)
      throws InterruptedException {
    assertThat(service.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
    return service.status(received.feedId()).orElseThrow();
  }

  @Test
  void anExtractDateInTheFutureIsRefusedBeforeAByteIsRead() throws Exception {
    try (FeedService service = service()) {
      HostileFeeds.Generated body = new HostileFeeds.Generated(FEED, "R2,M\n", 1 << 20);

      assertThatThrownBy(() -> service.submit(body, LocalDate.of(2062, 1, 1), "test"))
          .isInstanceOfSatisfying(
              FeedRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo("EXTRACT_DATE_IN_FUTURE"))
          .hasMessage(
              "The extract date 2062-01-01 is in the future (today is 2026-04-01); give the date"
                  + " the extract was taken, as yyyy-MM-dd.");
      assertThatThrownBy(
              () ->
                  service.submit(
                      new ByteArrayInputStream(FEED_BYTES), LocalDate.of(2026, 4, 3), "test"))
          .isInstanceOf(FeedRefusedException.class);
      assertThat(body.served()).isZero();
      assertThat(transactions.committed).isEmpty();

      FeedStatus.Snapshot tomorrow =
          service.submit(new ByteArrayInputStream(FEED_BYTES), LocalDate.of(2026, 4, 2), "test");
      assertThat(finished(service, tomorrow).state())
          .as("a day ahead is clock skew, not the future")
          .isEqualTo(FeedState.PUBLISHED);
    }
  }

  @Test
  void anExtractDateMoreThanTheMaximumAgeAgoIsRefused() throws Exception {
    try (FeedService service = service()) {
      assertThatThrownBy(
              () ->
                  service.submit(
                      new ByteArrayInputStream(FEED_BYTES), LocalDate.of(1990, 6, 30), "test"))
          .isInstanceOfSatisfying(
              FeedRefusedException.class,
              e -> assertThat(e.reason()).isEqualTo("EXTRACT_DATE_TOO_OLD"))
          .hasMessage(
              "The extract date 1990-06-30 is before 2016-04-01, more than P10Y ago"
                  + " (hub.ingest.intake.max-extract-age); give the date the extract was taken, as"
                  + " yyyy-MM-dd.");
      assertThatThrownBy(
              () ->
                  service.submit(
                      new ByteArrayInputStream(FEED_BYTES), LocalDate.of(2016, 3, 31), "test"))
          .isInstanceOf(FeedRefusedException.class);

      FeedStatus.Snapshot oldest =
          service.submit(new ByteArrayInputStream(FEED_BYTES), LocalDate.of(2016, 4, 1), "test");
      assertThat(finished(service, oldest).state()).isEqualTo(FeedState.PUBLISHED);
    }
  }

  @Test
  void aFeedThatWouldTakeTheSpoolPastItsBudgetIsRefusedWhileOthersWait() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    FeedSink.Transactions waiting =
        new FeedSink.Transactions() {
          @Override
          public byte[] encode(String topic, org.apache.avro.specific.SpecificRecord value) {
            return transactions.encode(topic, value);
          }

          @Override
          public <T> T inTransaction(Function<FeedSink, T> work) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return transactions.inTransaction(work);
          }
        };
    // Room in the spool for the first feed (150 kB) and not for the first 64 KiB of the second.
    FeedService.IntakeLimits limits =
        new FeedService.IntakeLimits(200_000, 200_000, 0, Period.ofYears(10));
    String first = FEED + "R2,F\n".repeat(30_000);
    try (FeedService service = service(limits, waiting)) {
      FeedStatus.Snapshot queued =
          service.submit(
              new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)),
              LocalDate.of(2026, 3, 31),
              "test");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      HostileFeeds.Generated second = new HostileFeeds.Generated(FEED, "R3,U\n", 1 << 20);

      assertThatThrownBy(() -> service.submit(second, LocalDate.of(2026, 3, 31), "test"))
          .isInstanceOf(FeedService.SpoolFullException.class)
          .isInstanceOf(FeedService.BusyException.class)
          .hasMessageContaining("(hub.ingest.intake.max-spool-bytes); send this one again later.");
      assertThat(second.served()).as("refused as it went past the budget").isEqualTo(64 << 10);
      assertThat(spoolFiles()).as("the refused feed's spool file is gone").hasSize(1);

      release.countDown();
      assertThat(finished(service, queued).state()).isEqualTo(FeedState.PUBLISHED);
      assertThat(spoolFiles()).isEmpty();
      FeedStatus.Snapshot later =
          service.submit(
              new HostileFeeds.Generated(FEED, "R3,U\n", 400), LocalDate.of(2026, 3, 31), "test");
      assertThat(finished(service, later).state())
          .as("the budget is given back as feeds finish")
          .isEqualTo(FeedState.PUBLISHED);
    }
  }

  @Test
  void aFeedIsRefusedWhenTheDiskWouldKeepLessThanItsFloor() throws Exception {
    FeedService.IntakeLimits limits =
        new FeedService.IntakeLimits(10_000, 10_000, Long.MAX_VALUE, Period.ofYears(10));
    try (FeedService service = service(limits, transactions)) {
      HostileFeeds.Generated body = new HostileFeeds.Generated(FEED, "R2,M\n", 1_000);

      assertThatThrownBy(() -> service.submit(body, LocalDate.of(2026, 3, 31), "test"))
          .isInstanceOf(FeedService.SpoolFullException.class)
          .hasMessage(
              "The disk this service spools feeds to is nearly full; send this one again later.");
      assertThat(body.served()).isZero();
      assertThat(spoolFiles()).isEmpty();
    }
  }

  @Test
  void feedFilesLeftInTheSpoolByAServiceThatDiedAreDeletedAtStart() throws Exception {
    Files.writeString(spool.resolve("feed-123456.csv"), "reference,surname\nR1,Okonkwo\n");
    Files.writeString(spool.resolve("operator-notes.txt"), "not a feed");

    try (FeedService service = service()) {
      assertThat(spoolFiles()).isEmpty();
      assertThat(spool.resolve("operator-notes.txt")).exists();
      FeedStatus.Snapshot received =
          service.submit(new ByteArrayInputStream(FEED_BYTES), LocalDate.of(2026, 3, 31), "test");
      assertThat(finished(service, received).state()).isEqualTo(FeedState.PUBLISHED);
    }
  }

  @Test
  void aSecondServiceOnTheSameSpoolLeavesTheFirstsFeedsAlone() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FeedSink.Transactions waiting =
        new FeedSink.Transactions() {
          @Override
          public byte[] encode(String topic, org.apache.avro.specific.SpecificRecord value) {
            return transactions.encode(topic, value);
          }

          @Override
          public <T> T inTransaction(Function<FeedSink, T> work) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return transactions.inTransaction(work);
          }
        };
    try (FeedService first = service(FeedService.IntakeLimits.defaults(1_000_000), waiting)) {
      FeedStatus.Snapshot queued =
          first.submit(new ByteArrayInputStream(FEED_BYTES), LocalDate.of(2026, 3, 31), "test");
      assertThat(spoolFiles()).hasSize(1);

      service().close();

      assertThat(spoolFiles()).hasSize(1);
      release.countDown();
      assertThat(finished(first, queued).state()).isEqualTo(FeedState.PUBLISHED);
    }
  }

  private java.util.List<Path> spoolFiles() throws Exception {
    try (Stream<Path> files = Files.list(spool)) {
      return files.filter(p -> p.getFileName().toString().startsWith("feed-")).toList();
    }
  }
}
