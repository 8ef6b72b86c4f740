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
import java.time.Period;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.ingest.core.validate.FeedRefusedException;
import uk.vruhub.ingest.core.validate.RowValidator;

/**
 * Receives feeds (over HTTP or from the drop folder), spools each to disk while hashing it, spots
 * duplicates, and processes feeds one at a time in the background, keeping their status for the
 * status API. A feed is never held in memory whole, and what it may take of the disk is bounded:
 * one feed by {@code max-feed-bytes}, all spooled feeds together by {@code max-spool-bytes}, and
 * the disk's free space by {@code min-free-disk-bytes}.
 */
public final class FeedService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FeedService.class);

  /** How far ahead of this service's clock an extract date may be: clocks and zones disagree. */
  private static final Period CLOCK_SKEW = Period.ofDays(1);

  /** How often, while a feed is spooled, the disk's free space is looked at again. */
  private static final long FREE_SPACE_CHECK_EVERY = 16L << 20;

  /**
   * What a service accepts at its intake.
   *
   * @param maxFeedBytes largest feed
   * @param maxSpoolBytes most bytes of feeds held in the spool at once
   * @param minFreeDiskBytes free space the spool's disk must keep
   * @param maxExtractAge how far in the past an extract date may be
   */
  public record IntakeLimits(
      long maxFeedBytes, long maxSpoolBytes, long minFreeDiskBytes, Period maxExtractAge) {

    /** The documented defaults, with this largest feed. */
    public static IntakeLimits defaults(long maxFeedBytes) {
      return new IntakeLimits(
          maxFeedBytes, Math.max(8L << 30, maxFeedBytes), 1L << 30, Period.ofYears(10));
    }
  }

  private final Agency agency;
  private final FeedProcessor processor;
  private final FeedLedger ledger;
  private final Spool spool;
  private final IntakeLimits limits;
  private final AtomicLong spooledBytes = new AtomicLong();

  /**
   * Feeds queued or being processed. The executor's own counts miss a feed its thread has taken
   * from the queue and not yet started, so {@link #awaitIdle} could return before it ran.
   */
  private final java.util.concurrent.atomic.AtomicInteger unfinished =
      new java.util.concurrent.atomic.AtomicInteger();

  private final int rejectDetails;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ThreadPoolExecutor executor;
  private final Map<String, FeedStatus> statuses;

  /** A service with the default intake limits besides the largest feed. */
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
    this(
        agency,
        processor,
        ledger,
        spoolDir,
        IntakeLimits.defaults(maxFeedBytes),
        rejectDetails,
        statusRetention,
        clock,
        meters);
  }

  /**
   * A service spooling to {@code spoolDir}; feed files a dead service left there are deleted now,
   * unless another running service shares the folder.
   */
  public FeedService(
      Agency agency,
      FeedProcessor processor,
      FeedLedger ledger,
      Path spoolDir,
      IntakeLimits limits,
      int rejectDetails,
      int statusRetention,
      Clock clock,
      MeterRegistry meters) {
    this.agency = agency;
    this.processor = processor;
    this.ledger = ledger;
    this.spool = Spool.open(spoolDir);
    this.limits = limits;
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
  public static class BusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BusyException() {
      this("Too many feeds are waiting to be processed; send this one again later.");
    }

    BusyException(String message) {
      super(message);
    }
  }

  /** Thrown when the spool holds too much already, or its disk is nearly full. */
  public static final class SpoolFullException extends BusyException {
    private static final long serialVersionUID = 1L;

    SpoolFullException(String message) {
      super(message);
    }
  }

  /**
   * Takes a feed: checks its extract date, spools and hashes it, and queues it unless the same
   * bytes were already published for that extract date. Returns its status at once.
   *
   * @throws FeedRefusedException when the extract date is in the future or too old (before a byte
   *     is read)
   * @throws FeedTooLargeException when the feed is larger than allowed
   * @throws BusyException when the queue is full, or ({@link SpoolFullException}) the spool or its
   *     disk is
   */
  public FeedStatus.Snapshot submit(InputStream body, LocalDate extractDate, String via) {
    checkExtractDate(extractDate);
    Instant receivedAt = clock.instant();
    Path file;
    String sha256;
    long size;
    try {
      checkSpoolRoom();
      file = spool.newFile();
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long[] counted = {0};
      try (DigestInputStream in = new DigestInputStream(body, digest);
          OutputStream out = Files.newOutputStream(file)) {
        size = copy(in, out, counted);
      } catch (IOException | RuntimeException e) {
        release(file, counted[0]);
        throw e;
      }
      sha256 = HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot spool the feed to " + spool.dir(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String feedId = FeedJob.feedId(agency.name(), extractDate, sha256);
    FeedStatus status = new FeedStatus(feedId, extractDate, receivedAt, via, rejectDetails);
    FeedStatus existing = statuses.get(feedId);
    if (ledger.published(feedId) || (existing != null && !existing.state().finished())) {
      release(file, size);
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
    FeedJob job = new FeedJob(feedId, extractDate, sha256, size, file, receivedAt, via);
    unfinished.incrementAndGet();
    try {
      executor.execute(() -> run(job, status));
    } catch (RejectedExecutionException e) {
      unfinished.decrementAndGet();
      statuses.remove(feedId);
      release(file, size);
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
      log.error("Feed {} could not be processed: {}", job.feedId(), FeedProcessor.describe(e));
      status.finish(
          FeedState.FAILED,
          clock.instant(),
          "Processing failed; nothing was published. Send the file again.");
    } finally {
      sample.stop(meters.timer("hub.ingest.feed.duration", "agency", agency.name()));
      release(job.file(), job.bytes());
      unfinished.decrementAndGet();
    }
  }

  /**
   * A feed dated in the future would look like the newest extract and move every look-back forward;
   * one dated decades ago is a typing slip. Both are refused before a byte is read.
   */
  private void checkExtractDate(LocalDate extractDate) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), RowValidator.UK);
    if (extractDate.isAfter(today.plus(CLOCK_SKEW))) {
      throw new FeedRefusedException(
          "EXTRACT_DATE_IN_FUTURE",
          "The extract date "
              + extractDate
              + " is in the future (today is "
              + today
              + "); give the date the extract was taken, as yyyy-MM-dd.");
    }
    LocalDate oldest = today.minus(limits.maxExtractAge());
    if (extractDate.isBefore(oldest)) {
      throw new FeedRefusedException(
          "EXTRACT_DATE_TOO_OLD",
          "The extract date "
              + extractDate
              + " is before "
              + oldest
              + ", more than "
              + limits.maxExtractAge()
              + " ago (hub.ingest.intake.max-extract-age); give the date the extract was taken,"
              + " as yyyy-MM-dd.");
    }
  }

  /** Refuses a feed while the spool holds too much, or its disk has too little room left. */
  private void checkSpoolRoom() throws IOException {
    if (spooledBytes.get() > limits.maxSpoolBytes()) {
      throw new SpoolFullException(
          "The feeds waiting to be processed here would take more than the "
              + limits.maxSpoolBytes()
              + " bytes this service may spool at once (hub.ingest.intake.max-spool-bytes); send"
              + " this one again later.");
    }
    long free = Files.getFileStore(spool.dir()).getUsableSpace();
    if (free < limits.minFreeDiskBytes()) {
      log.warn(
          "Spool {}: {} bytes free, below the {} kept free (hub.ingest.intake.min-free-disk-bytes);"
              + " refusing feeds",
          spool.dir(),
          free,
          limits.minFreeDiskBytes());
      throw new SpoolFullException(
          "The disk this service spools feeds to is nearly full; send this one again later.");
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
    while (unfinished.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /**
   * Copies the body to the spool, counting it against the spool's budget as it goes, so that a feed
   * is refused as soon as it would go past a limit rather than once it has filled the disk.
   */
  private long copy(InputStream in, OutputStream out, long[] counted) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    long nextFreeSpaceCheck = FREE_SPACE_CHECK_EVERY;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > limits.maxFeedBytes()) {
        throw new FeedTooLargeException(limits.maxFeedBytes());
      }
      long held = spooledBytes.addAndGet(n);
      counted[0] += n;
      if (held > limits.maxSpoolBytes() || total >= nextFreeSpaceCheck) {
        checkSpoolRoom();
        nextFreeSpaceCheck = total + FREE_SPACE_CHECK_EVERY;
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  /** Deletes a spool file and gives its bytes back to the spool's budget. */
  private void release(Path file, long bytes) {
    spooledBytes.addAndGet(-bytes);
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
    } finally {
      spool.close();
    }
  }
}
