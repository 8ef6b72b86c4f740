package uk.vruhub.ingest.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.ingest.core.feed.AgencyFeed;
import uk.vruhub.ingest.core.feed.FeedLedger;
import uk.vruhub.ingest.core.feed.FeedProcessor;
import uk.vruhub.ingest.core.feed.FeedService;
import uk.vruhub.ingest.core.feed.FeedSink;
import uk.vruhub.ingest.core.feed.FeedStatus;
import uk.vruhub.ingest.core.geo.PostcodeDirectory;
import uk.vruhub.ingest.core.identity.PseudonymiserTestAccess;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * An agency feed's whole pipeline (spooling, validation, pseudonymisation, mapping, the receipt)
 * with transactions held in memory, for the services' unit tests.
 */
public final class FeedHarness {

  /** The clock the services' tests run at: 1 April 2026. */
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-04-01T06:00:00Z"), ZoneOffset.UTC);

  /** What processing one feed gave. */
  public record Result(
      FeedStatus.Snapshot status, MemoryTransactions transactions, String eventsTopic) {
    /** The events committed, tombstones as nulls, in order. */
    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> List<V> events() {
      List<V> out = new ArrayList<>();
      transactions.committed(eventsTopic).forEach(s -> out.add((V) s.value()));
      return out;
    }

    /** Everything committed, events and receipts, as it would be published. */
    public List<SpecificRecord> published() {
      List<SpecificRecord> out = new ArrayList<>();
      transactions.committed.forEach(s -> out.add(s.value()));
      return out;
    }

    public FeedReceipt receipt() {
      return (FeedReceipt)
          transactions.committed.stream()
              .filter(s -> s.value() instanceof FeedReceipt)
              .findFirst()
              .orElseThrow()
              .value();
    }
  }

  private FeedHarness() {}

  /** Processes a feed file as of {@link #CLOCK}, extract date 31 March 2026. */
  public static Result process(AgencyFeed<? extends SpecificRecord> feed, Path csv, Path spool)
      throws Exception {
    MemoryTransactions transactions = new MemoryTransactions();
    TopicCatalogue topics = TopicCatalogue.load();
    FeedService service =
        service(
            feed, transactions, spool, FeedService.IntakeLimits.defaults(10_000_000), 0.2, CLOCK);
    FeedStatus.Snapshot received;
    try (InputStream in = Files.newInputStream(csv)) {
      received = service.submit(in, LocalDate.of(2026, 3, 31), "test");
    }
    assertThat(service.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
    service.close();
    return new Result(
        service.status(received.feedId()).orElseThrow(),
        transactions,
        topics.byId(feed.eventsTopicId()).name());
  }

  /**
   * The feed's service, its transactions given (in memory, or made to fail or wait), with reject
   * details 100 and status retention 10; close it after use.
   */
  public static FeedService service(
      AgencyFeed<? extends SpecificRecord> feed,
      FeedSink.Transactions transactions,
      Path spool,
      FeedService.IntakeLimits limits,
      double maxRejectRate,
      Clock clock) {
    FeedProcessor processor =
        new FeedProcessor(
            feed,
            TopicCatalogue.load(),
            transactions,
            PseudonymiserTestAccess.pseudonymiser(),
            PostcodeDirectory.syntheticSample(),
            maxRejectRate,
            null,
            clock);
    FeedLedger ledger =
        new FeedLedger(Map.of("bootstrap.servers", "localhost:1"), "unused", (t, b) -> null);
    return new FeedService(
        feed.agency(), processor, ledger, spool, limits, 100, 10, clock, new SimpleMeterRegistry());
  }

  /** A test resource as a path. */
  public static Path resource(Class<?> owner, String name) throws Exception {
    return Path.of(owner.getResource(name).toURI());
  }
}
