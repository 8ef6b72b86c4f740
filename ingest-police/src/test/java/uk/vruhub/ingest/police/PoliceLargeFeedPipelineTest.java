package uk.vruhub.ingest.police;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.ingest.core.csv.CsvLimits;
import uk.vruhub.ingest.core.csv.FeedReader;
import uk.vruhub.ingest.core.feed.FeedContext;
import uk.vruhub.ingest.core.feed.FeedLedger;
import uk.vruhub.ingest.core.feed.FeedProcessor;
import uk.vruhub.ingest.core.feed.FeedService;
import uk.vruhub.ingest.core.feed.FeedState;
import uk.vruhub.ingest.core.feed.FeedStatus;
import uk.vruhub.ingest.core.feed.PipelineSettings;
import uk.vruhub.ingest.core.geo.PostcodeDirectory;
import uk.vruhub.ingest.core.identity.PseudonymiserTestAccess;
import uk.vruhub.ingest.core.it.FeedHarness;
import uk.vruhub.ingest.core.it.MemoryTransactions;
import uk.vruhub.ingest.core.validate.RowValidator;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.synth.Generator;
import uk.vruhub.synth.SynthSettings;

/**
 * A year of a synthetic VRU's police extracts (about 50,000 rows, with the generator's mess:
 * corrections, withdrawals and rows broken on purpose) sent as one backfill feed through the
 * pipeline on four workers with small chunks, so chunks finish out of order: every row is published
 * exactly once, in row order, as a single thread reading the feed would publish it, and each HMAC
 * of a row is made once. Transactions are held in memory; the same pipeline against the broker is
 * {@link PoliceIngestIT}.
 */
class PoliceLargeFeedPipelineTest {

  @Test
  void aYearOfExtractsIsPublishedRowByRowInOrderOnTheWorkerPool(@TempDir Path dir)
      throws Exception {
    // 110,000 residents at ten times the usual rate of violent crime: about 50,000 police rows.
    SynthSettings demo = SynthSettings.demo(7, LocalDate.of(2025, 1, 6));
    SynthSettings settings =
        new SynthSettings(
            7,
            110_000,
            demo.start(),
            365,
            demo.crimesPer1000() * 8,
            demo.edPer1000(),
            demo.schoolPer1000(),
            demo.plantedHotspots(),
            SynthSettings.Mess.defaults());
    Generator.generate(settings, dir.resolve("synth"), m -> {});
    Path feed = backfill(dir.resolve("synth/feeds/police"), dir.resolve("police-backfill.csv"));

    PoliceFeed police = new PoliceFeed();
    List<String> expected = expectedKeys(police, feed);
    assertThat(expected).hasSizeGreaterThan(45_000);

    AtomicLong hmacs = new AtomicLong();
    MemoryTransactions transactions = new MemoryTransactions();
    FeedProcessor processor =
        new FeedProcessor(
            police,
            TopicCatalogue.load(),
            transactions,
            PseudonymiserTestAccess.counting(hmacs),
            PostcodeDirectory.load(dir.resolve("synth/geography/postcodes.csv")),
            0.05,
            null,
            FeedHarness.CLOCK,
            CsvLimits.DEFAULTS,
            new PipelineSettings(4, 64, 1 << 20, 6));
    FeedStatus.Snapshot status;
    try (processor;
        FeedService service =
            new FeedService(
                police.agency(),
                processor,
                new FeedLedger(
                    Map.of("bootstrap.servers", "localhost:1"), "unused", (t, b) -> null),
                dir.resolve("spool"),
                FeedService.IntakeLimits.defaults(1L << 30),
                10,
                10,
                FeedHarness.CLOCK,
                new SimpleMeterRegistry());
        InputStream in = Files.newInputStream(feed)) {
      FeedStatus.Snapshot received = service.submit(in, LocalDate.of(2026, 3, 31), "test");
      assertThat(service.awaitIdle(5, TimeUnit.MINUTES)).isTrue();
      status = service.status(received.feedId()).orElseThrow();
    }

    assertThat(status.state()).isEqualTo(FeedState.PUBLISHED);
    List<MemoryTransactions.Sent> events =
        transactions.committed(TopicCatalogue.load().byId(police.eventsTopicId()).name());
    assertThat(events)
        .extracting(MemoryTransactions.Sent::key)
        .as("every accepted row once, in row order")
        .containsExactlyElementsOf(expected);
    assertThat(status.rowsAccepted()).isEqualTo(expected.size());
    assertThat(status.recordsPublished()).isEqualTo(expected.size());
    assertThat(status.rowsRejected()).isEqualTo(status.rowsRead() - expected.size()).isPositive();
    assertThat(
            transactions.committed.stream()
                .filter(s -> s.value() instanceof uk.vruhub.avro.audit.FeedReceipt)
                .map(s -> ((uk.vruhub.avro.audit.FeedReceipt) s.value()).getOutcome()))
        .containsExactly(FeedOutcome.PUBLISHED);

    // Each HMAC once per row: record and crime pseudonyms and the match keys of every event; a
    // withdrawal (tombstone) needs only its record key.
    long expectedHmacs = 0;
    for (MemoryTransactions.Sent sent : events) {
      PoliceCrimeEvent event = (PoliceCrimeEvent) sent.value();
      expectedHmacs += event == null ? 1 : 2 + event.getMatchKeys().size();
    }
    assertThat(hmacs).hasValue(expectedHmacs);
  }

  /** Every nightly extract under one header, as a partnership backfilling a year would send it. */
  private static Path backfill(Path nightly, Path out) throws Exception {
    try (Stream<Path> files = Files.list(nightly);
        BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      boolean header = true;
      for (Path f : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (header) {
          writer.write(lines.get(0) + "\r\n");
          header = false;
        }
        for (String line : lines.subList(1, lines.size())) {
          writer.write(line + "\r\n");
        }
      }
    }
    return out;
  }

  /** The record keys a single thread reading the feed in order would publish, in order. */
  private static List<String> expectedKeys(PoliceFeed police, Path feed) throws Exception {
    RowValidator validator = new RowValidator(police.contract(), FeedHarness.CLOCK, police.rules());
    FeedContext context =
        new FeedContext(
            "reference", LocalDate.of(2026, 3, 31), PseudonymiserTestAccess.pseudonymiser(), null);
    List<String> keys = new ArrayList<>();
    try (InputStream in = Files.newInputStream(feed);
        FeedReader reader = FeedReader.open(in, police.contract())) {
      for (FeedReader.RawRow raw : reader) {
        if (raw.fieldCount() > reader.headerSize()) {
          continue;
        }
        RowValidator.Outcome outcome = validator.validate(raw.row(), raw::value);
        if (outcome.accepted()) {
          keys.add(police.recordKey(outcome.row(), context));
        }
      }
    }
    return keys;
  }
}
