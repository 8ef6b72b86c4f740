package uk.vruhub.ingest.core.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;

/**
 * Receives feeds (over HTTP or from the drop folder), spools each to disk while hashing it, spots
 * duplicates, and processes feeds one at a time in the background, keeping their status for the
 * status API. A feed is never held in memory whole.
 */
public final class FeedService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FeedService.class);

  private final Agency agency;
  private final FeedProcessor processor;
  private final FeedLedger ledger;
  private final Path spoolDir;
  private final long maxFeedBytes;
  private final int rejectDetails;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ThreadPoolExecutor executor;
  private final Map<String, FeedStatus> statuses;

  public FeedService(
      Agency agency,
      FeedProcessor processor,
      FeedLedger ledger,
      Path spoolDir,
      long maxFeedBytes,
      int rejectDetails,
      int statusRetention,
      Clock clock,
      MeterRegistry meters) {
    this.agency = agency;
    this.processor = processor;
    this.ledger = ledger;
    this.spoolDir = spoolDir;
    this.maxFeedBytes = maxFeedBytes;
    this.rejectDetails = rejectDetails;
    this.clock = clock;
    this.meters = meters;
    // One feed at a time: a feed is one transaction, and agencies send a few feeds a day.
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64),
            r -> new Thread(r, "feed-" + agency.name().toLowerCase(java.util.Locale.ROOT)));
    this.statuses =
        java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
              private static final long serialVersionUID = 1L;

              @Override
              protected boolean removeEldestEntry(Map.Entry<String, FeedStatus> eldest) {
                return size() > statusRetention && eldest.getValue().state().finished();
              }
            });
  }

  /** Thrown when the feed is larger than allowed. */
  public static final class FeedTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FeedTooLargeException(long limit) {
      super(
          "The feed is larger than the "
              + limit
              + " bytes this service accepts (hub.ingest.intake.max-feed-bytes).");
    }
  }

  /** Thrown when too many feeds are waiting. */
  public static final class BusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BusyException() {
      super("Too many feeds are waiting to be processed; send this one again later.");
    }
  }

  /**
   * Takes a feed: spools and hashes it, and queues it unless the same bytes were already published
   * for that extract date. Returns its status at once.
   */
  public FeedStatus.Snapshot submit(InputStream body, LocalDate extractDate, String via) {
    Instant receivedAt = clock.instant();
    Path spool;
    String sha256;
    long size;
    try {
      Files.createDirectories(spoolDir);
      spool = Files.createTempFile(spoolDir, "feed-", ".csv");
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream in = new DigestInputStream(body, digest);
          OutputStream out = Files.newOutputStream(spool)) {
        size = copy(in, out);
      } catch (FeedTooLargeException | IOException e) {
        Files.deleteIfExists(spool);
        throw e;
      }
      sha256 = HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot spool the feed to " + spoolDir, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String feedId = FeedJob.feedId(agency.name(), extractDate, sha256);
    FeedStatus status = new FeedStatus(feedId, extractDate, receivedAt, via, rejectDetails);
    FeedStatus existing = statuses.get(feedId);
    if (ledger.published(feedId) || (existing != null && !existing.state().finished())) {
      delete(spool);
      status.finish(
          FeedState.DUPLICATE,
          clock.instant(),
          "The same file for extract date "
              + extractDate
              + " was already received; nothing new is published.");
      meters
          .counter("hub.ingest.feeds", "agency", agency.name(), "outcome", "DUPLICATE")
          .increment();
      log.info("Feed {} is a duplicate; nothing published", feedId);
      return status.snapshot();
    }
    statuses.put(feedId, status);
    FeedJob job = new FeedJob(feedId, extractDate, sha256, size, spool, receivedAt, via);
    try {
      executor.execute(() -> run(job, status));
    } catch (RejectedExecutionException e) {
      statuses.remove(feedId);
      delete(spool);
      throw new BusyException();
    }
    log.info("Feed {} received via {} ({} bytes)", feedId, via, size);
    return status.snapshot();
  }

  private void run(FeedJob job, FeedStatus status) {
    Timer.Sample sample = Timer.start(meters);
    try {
      FeedReceipt receipt = processor.process(job, status);
      ledger.record(receipt);
      meters
          .counter(
              "hub.ingest.feeds", "agency", agency.name(), "outcome", receipt.getOutcome().name())
          .increment();
      meters
          .counter("hub.ingest.rows", "agency", agency.name(), "outcome", "accepted")
          .increment(receipt.getRowsAccepted());
      meters
          .counter("hub.ingest.rows", "agency", agency.name(), "outcome", "rejected")
          .increment(receipt.getRowsRejected());
      if (receipt.getOutcome() == FeedOutcome.PUBLISHED) {
        meters
            .counter("hub.ingest.records.published", "agency", agency.name())
            .increment(receipt.getRecordsPublished());
      }
    } catch (RuntimeException e) {
      log.error("Feed {} could not be processed: {}", job.feedId(), e.toString());
      status.finish(
          FeedState.FAILED,
          clock.instant(),
          "Processing failed; nothing was published. Send the file again.");
    } finally {
      sample.stop(meters.timer("hub.ingest.feed.duration", "agency", agency.name()));
      delete(job.file());
    }
  }

  /** The status of a feed this service received, or of one it knows from its receipts. */
  public Optional<FeedStatus.Snapshot> status(String feedId) {
    FeedStatus status = statuses.get(feedId);
    if (status != null) {
      return Optional.of(status.snapshot());
    }
    return ledger.receipt(feedId).map(FeedService::fromReceipt);
  }

  /**
   * The feeds this service knows, newest first by the time they were received: those it holds a
   * live status for, and those it knows from the agency's receipts (after a restart, or sent to
   * another instance). Without reject details; {@link #status} has them.
   */
  public java.util.List<FeedStatus.Snapshot> recent(int limit) {
    Map<String, FeedStatus.Snapshot> byId = new java.util.HashMap<>();
    for (FeedReceipt receipt : ledger.receipts()) {
      byId.put(receipt.getFeedId(), fromReceipt(receipt));
    }
    synchronized (statuses) {
      statuses.forEach((id, status) -> byId.put(id, status.snapshot().withoutRejectDetails()));
    }
    return byId.values().stream()
        .sorted(
            java.util.Comparator.comparing(FeedStatus.Snapshot::receivedAt)
                .reversed()
                .thenComparing(FeedStatus.Snapshot::feedId))
        .limit(limit)
        .toList();
  }

  private static FeedStatus.Snapshot fromReceipt(FeedReceipt r) {
    return new FeedStatus.Snapshot(
        r.getFeedId(),
        r.getExtractDate(),
        null,
        FeedState.valueOf(r.getOutcome().name()),
        r.getReceivedAt(),
        r.getCompletedAt(),
        r.getRowsRead(),
        r.getRowsAccepted(),
        r.getRowsRejected(),
        r.getRecordsPublished(),
        r.getWithdrawals(),
        Map.copyOf(r.getRejectsByReason()),
        java.util.List.of(),
        r.getMessage());
  }

  /** Waits until every queued feed is processed (for tests and orderly shutdown). */
  public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (executor.getActiveCount() > 0 || !executor.getQueue().isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > maxFeedBytes) {
        throw new FeedTooLargeException(maxFeedBytes);
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete spooled feed {}: {}", file, e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
