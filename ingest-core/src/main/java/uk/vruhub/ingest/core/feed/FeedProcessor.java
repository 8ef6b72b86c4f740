package uk.vruhub.ingest.core.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.ingest.core.csv.CsvLimits;
import uk.vruhub.ingest.core.csv.FeedReader;
import uk.vruhub.ingest.core.csv.FeedSplitter;
import uk.vruhub.ingest.core.csv.RawChunk;
import uk.vruhub.ingest.core.csv.RecordParser;
import uk.vruhub.ingest.core.geo.PostcodeDirectory;
import uk.vruhub.ingest.core.identity.Pseudonymiser;
import uk.vruhub.ingest.core.validate.FeedRefusedException;
import uk.vruhub.ingest.core.validate.Reject;
import uk.vruhub.ingest.core.validate.RowValidator;
import uk.vruhub.ingest.core.validate.ValidRow;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * Takes one spooled feed through validation, pseudonymisation and publishing, in one Kafka
 * transaction: every accepted row and the feed's receipt are committed together, or nothing is. A
 * feed with a structural fault, or with more rejected rows than the threshold allows, is aborted
 * and gets a REJECTED receipt of its own; a failure on the way (broker gone, registry unreachable)
 * gets a FAILED one, and the same file may simply be sent again.
 *
 * <p>Rows are cut, unparsed, on the feed's thread ({@link FeedSplitter}); a bounded pool of workers
 * parses, validates, pseudonymises, maps and encodes each chunk; the feed's thread, which owns the
 * transaction, sends the encoded records in row order as chunks come back ({@link OrderedWindow}),
 * and at most {@link PipelineSettings#maxChunksInFlight} chunks are between reading and sending.
 * Rejects, counts and the first failure are taken in row order, exactly as if one thread did
 * everything.
 */
public final class FeedProcessor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FeedProcessor.class);
  private static final long PROGRESS_EVERY = 50_000;

  /** The JDK's plain programming exceptions, whose messages name states, not inputs. */
  private static final java.util.Set<Class<?>> PLAIN =
      java.util.Set.of(
          IllegalArgumentException.class,
          IllegalStateException.class,
          UnsupportedOperationException.class,
          NullPointerException.class);

  private final AgencyFeed<? extends SpecificRecord> feed;
  private final String eventsTopic;
  private final String receiptsTopic;
  private final FeedSink.Transactions transactions;
  private final Pseudonymiser pseudonymiser;
  private final PostcodeDirectory geography;
  private final RowValidator validator;
  private final double maxRejectRate;
  private final PolicyIdentity policy;
  private final Clock clock;
  private final CsvLimits csvLimits;
  private final PipelineSettings pipeline;
  private final ThreadPoolExecutor workers;
  private volatile int lastPeakChunksInFlight;

  /** A processor with the default {@link CsvLimits} and {@link PipelineSettings}. */
  public FeedProcessor(
      AgencyFeed<? extends SpecificRecord> feed,
      TopicCatalogue topics,
      FeedSink.Transactions transactions,
      Pseudonymiser pseudonymiser,
      PostcodeDirectory geography,
      double maxRejectRate,
      PolicyIdentity policy,
      Clock clock) {
    this(
        feed,
        topics,
        transactions,
        pseudonymiser,
        geography,
        maxRejectRate,
        policy,
        clock,
        CsvLimits.DEFAULTS);
  }

  public FeedProcessor(
      AgencyFeed<? extends SpecificRecord> feed,
      TopicCatalogue topics,
      FeedSink.Transactions transactions,
      Pseudonymiser pseudonymiser,
      PostcodeDirectory geography,
      double maxRejectRate,
      PolicyIdentity policy,
      Clock clock,
      CsvLimits csvLimits) {
    this(
        feed,
        topics,
        transactions,
        pseudonymiser,
        geography,
        maxRejectRate,
        policy,
        clock,
        csvLimits,
        PipelineSettings.defaults());
  }

  public FeedProcessor(
      AgencyFeed<? extends SpecificRecord> feed,
      TopicCatalogue topics,
      FeedSink.Transactions transactions,
      Pseudonymiser pseudonymiser,
      PostcodeDirectory geography,
      double maxRejectRate,
      PolicyIdentity policy,
      Clock clock,
      CsvLimits csvLimits,
      PipelineSettings pipeline) {
    int columns = feed.contract().columns().size();
    if (csvLimits.maxColumns() < columns) {
      throw new IllegalStateException(
          "hub.ingest.csv.max-columns is "
              + csvLimits.maxColumns()
              + " but contract "
              + feed.contract().id()
              + " has "
              + columns
              + " columns; raise it to at least "
              + columns
              + ".");
    }
    this.feed = feed;
    this.eventsTopic = topics.byId(feed.eventsTopicId()).name();
    this.receiptsTopic = topics.byId(feed.receiptsTopicId()).name();
    this.transactions = transactions;
    this.pseudonymiser = pseudonymiser;
    this.geography = geography;
    this.validator = new RowValidator(feed.contract(), clock, feed.rules());
    this.maxRejectRate = maxRejectRate;
    this.policy = policy;
    this.clock = clock;
    this.csvLimits = csvLimits;
    this.pipeline = pipeline;
    String agency = feed.agency().name().toLowerCase(java.util.Locale.ROOT);
    AtomicInteger threads = new AtomicInteger();
    // Daemon threads that time out when idle: a feed or two a day need not keep threads alive.
    this.workers =
        new ThreadPoolExecutor(
            pipeline.workers(),
            pipeline.workers(),
            30,
            TimeUnit.SECONDS,
            // Never longer than the window: the feed's thread submits at most maxChunksInFlight.
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "feed-worker-" + agency + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              // Not the web server's class loader, which a worker made during a request would
              // inherit: Tomcat would then warn at shutdown that the thread may leak memory, as the
              // pool is closed with the beans, after the web server has stopped.
              t.setContextClassLoader(FeedProcessor.class.getClassLoader());
              return t;
            });
    this.workers.allowCoreThreadTimeOut(true);
  }

  /** Processes the feed and returns its receipt; the status is updated as rows go by. */
  public FeedReceipt process(FeedJob job, FeedStatus status) {
    status.state(FeedState.VALIDATING_AND_PUBLISHING);
    FeedContext context =
        new FeedContext(job.feedId(), job.extractDate(), pseudonymiser, geography);
    try (InputStream in = Files.newInputStream(job.file());
        FeedSplitter reader =
            FeedSplitter.open(
                in, feed.contract(), csvLimits, pipeline.chunkRows(), pipeline.chunkChars())) {
      if (!reader.ignoredColumns().isEmpty()) {
        // By position: a name the contract does not know may be a value, e.g. a data row sent
        // without its header.
        log.info(
            "Feed {}: header column(s) {} are not in contract {} and are ignored",
            job.feedId(),
            reader.ignoredColumns(),
            feed.contract().id());
      }
      FeedReceipt receipt =
          transactions.inTransaction(sink -> publishRows(job, status, context, reader, sink));
      status.finish(FeedState.PUBLISHED, receipt.getCompletedAt(), null);
      log.info(
          "Feed {} published: {} rows read, {} accepted ({} withdrawals), {} rejected",
          job.feedId(),
          status.rowsRead(),
          status.rowsAccepted(),
          status.withdrawals(),
          status.rowsRejected());
      return receipt;
    } catch (FeedRefusedException e) {
      status.unpublish();
      log.warn("Feed {} rejected ({}): {}", job.feedId(), e.reason(), e.getMessage());
      return closeWith(job, status, FeedOutcome.REJECTED, FeedState.REJECTED, e.getMessage());
    } catch (IOException | RuntimeException e) {
      status.unpublish();
      String message =
          "Processing failed before the transaction committed, so nothing was published; the same"
              + " file can be sent again. Cause: "
              + describe(e);
      log.error("Feed {} failed: {}", job.feedId(), describe(e));
      return closeWith(job, status, FeedOutcome.FAILED, FeedState.FAILED, message);
    }
  }

  /** What a worker made of one row: its rejects, or its key and encoded value. */
  private record RowResult(
      long row, List<Reject> rejects, String key, byte[] value, boolean withdrawn) {}

  /**
   * What a worker made of one chunk: the rows up to the first that could not be processed, and that
   * row's failure (null when every row was): a {@link RowFailedException}, or the {@link
   * FeedRefusedException} of a row that is not well-formed CSV.
   */
  private record ChunkResult(RowResult[] rows, int count, RuntimeException failure) {}

  /** Each worker's parser for the feed being processed, made once per worker and feed. */
  private final ThreadLocal<RecordParser[]> parsers = new ThreadLocal<>();

  private FeedReceipt publishRows(
      FeedJob job, FeedStatus status, FeedContext context, FeedSplitter reader, FeedSink sink) {
    int headerSize = reader.headerSize();
    OrderedWindow<ChunkResult> window =
        new OrderedWindow<>(
            workers, pipeline.maxChunksInFlight(), chunk -> apply(job, status, sink, chunk));
    try {
      FeedRefusedException unreadable = null;
      try {
        RawChunk chunk;
        while ((chunk = reader.next()) != null) {
          RawChunk full = chunk;
          window.submit(() -> processChunk(full, reader, context, headerSize));
        }
      } catch (FeedRefusedException e) {
        // The rows before the fault are still handed over first: a failure among them came first,
        // and the counts the receipt gives are those of the rows before it, as they always were.
        unreadable = e;
      }
      window.finish();
      if (unreadable != null) {
        throw unreadable;
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the service was stopped while the feed was processed", e);
    } finally {
      lastPeakChunksInFlight = window.peakInFlight();
      window.cancel();
    }
    double rate = status.rowsRead() == 0 ? 0 : (double) status.rowsRejected() / status.rowsRead();
    if (rate > maxRejectRate) {
      throw new FeedRefusedException(
          "TOO_MANY_REJECTS",
          String.format(
              "%d of %d rows (%.1f%%) were rejected, more than the %.1f%% allowed; the feed is"
                  + " refused whole rather than publish a partial picture. Fix the rows listed and"
                  + " send it again.",
              status.rowsRejected(), status.rowsRead(), rate * 100, maxRejectRate * 100));
    }
    FeedReceipt receipt = receipt(job, status, FeedOutcome.PUBLISHED, null);
    sink.send(receiptsTopic, job.feedId(), transactions.encode(receiptsTopic, receipt));
    return receipt;
  }

  /** On a worker: each row of a chunk parsed, validated, pseudonymised, mapped and encoded. */
  private ChunkResult processChunk(
      RawChunk rows, FeedSplitter reader, FeedContext context, int headerSize) {
    RecordParser parser = parserFor(reader);
    RowResult[] out = new RowResult[rows.size()];
    for (int i = 0; i < out.length; i++) {
      FeedReader.RawRow raw;
      try {
        raw = parser.row(rows, i);
      } catch (FeedRefusedException e) {
        return new ChunkResult(out, i, e);
      }
      try {
        out[i] = processRow(raw, context, headerSize);
      } catch (RuntimeException e) {
        return new ChunkResult(out, i, new RowFailedException(raw.row(), e));
      }
    }
    return new ChunkResult(out, out.length, null);
  }

  /** This worker's parser for the feed: one per thread, kept while the same feed goes on. */
  private RecordParser parserFor(FeedSplitter reader) {
    RecordParser[] held = parsers.get();
    if (held == null) {
      held = new RecordParser[1];
      parsers.set(held);
    }
    if (held[0] == null || !reader.owns(held[0])) {
      held[0] = reader.parser();
    }
    return held[0];
  }

  private RowResult processRow(FeedReader.RawRow raw, FeedContext context, int headerSize) {
    if (raw.fieldCount() > headerSize) {
      return new RowResult(
          raw.row(),
          List.of(
              new Reject(
                  raw.row(),
                  null,
                  "COLUMN_COUNT",
                  "the row has "
                      + raw.fieldCount()
                      + " fields but the header has "
                      + headerSize
                      + " (an unquoted comma?)")),
          null,
          null,
          false);
    }
    RowValidator.Outcome outcome = validator.validate(raw.row(), raw::value);
    if (!outcome.accepted()) {
      return new RowResult(raw.row(), outcome.rejects(), null, null, false);
    }
    ValidRow row = outcome.row();
    // The record key is one HMAC: made once, and given to the mapping for the event to carry.
    String key = feed.recordKey(row, context);
    boolean withdrawn = feed.withdrawn(row);
    byte[] value =
        withdrawn ? null : transactions.encode(eventsTopic, feed.toEvent(row, key, context));
    return new RowResult(raw.row(), List.of(), key, value, withdrawn);
  }

  /** On the feed's thread, in row order: counts, rejects and sends. */
  private void apply(FeedJob job, FeedStatus status, FeedSink sink, ChunkResult chunk) {
    for (int i = 0; i < chunk.count(); i++) {
      RowResult row = chunk.rows()[i];
      status.rowRead();
      if (!row.rejects().isEmpty()) {
        status.rejected(row.rejects());
      } else {
        sink.send(eventsTopic, row.key(), row.value());
        status.accepted(row.withdrawn());
      }
      if (status.rowsRead() % PROGRESS_EVERY == 0) {
        log.info(
            "Feed {}: {} rows read, {} rejected so far",
            job.feedId(),
            status.rowsRead(),
            status.rowsRejected());
      }
    }
    if (chunk.failure() instanceof RowFailedException failed) {
      status.rowRead();
      throw failed;
    }
    if (chunk.failure() != null) {
      throw chunk.failure();
    }
  }

  /** The most chunks in flight during the last feed processed (for tests of the bound). */
  int lastPeakChunksInFlight() {
    return lastPeakChunksInFlight;
  }

  /** Stops the workers; a feed being processed fails. */
  @Override
  public void close() {
    workers.shutdownNow();
  }

  /** A receipt for a feed that published nothing, in its own transaction (best effort). */
  private FeedReceipt closeWith(
      FeedJob job, FeedStatus status, FeedOutcome outcome, FeedState state, String message) {
    FeedReceipt receipt = receipt(job, status, outcome, message);
    try {
      transactions.inTransaction(
          sink -> {
            sink.send(receiptsTopic, job.feedId(), transactions.encode(receiptsTopic, receipt));
            return null;
          });
    } catch (RuntimeException e) {
      log.error(
          "Feed {}: could not publish its {} receipt either: {}",
          job.feedId(),
          outcome,
          describe(e));
    }
    status.finish(state, receipt.getCompletedAt(), message);
    return receipt;
  }

  private FeedReceipt receipt(FeedJob job, FeedStatus status, FeedOutcome outcome, String message) {
    boolean published = outcome == FeedOutcome.PUBLISHED;
    Map<String, Long> reasons = status.rejectsByReason();
    return FeedReceipt.newBuilder()
        .setFeedId(job.feedId())
        .setAgency(feed.agency())
        .setExtractDate(job.extractDate())
        .setContentSha256(job.sha256())
        .setReceivedAt(job.receivedAt())
        .setCompletedAt(clock.instant())
        .setOutcome(outcome)
        .setRowsRead(status.rowsRead())
        .setRowsAccepted(status.rowsAccepted())
        .setRowsRejected(status.rowsRejected())
        .setRecordsPublished(published ? status.recordsPublished() : 0)
        .setWithdrawals(published ? status.withdrawals() : 0)
        .setRejectsByReason(reasons)
        .setMessage(message)
        .setLinkageKeyId(pseudonymiser.keyId())
        .setPolicyId(policy == null ? null : policy.id())
        .setPolicyVersion(policy == null ? null : policy.version())
        .setPolicyHash(policy == null ? null : policy.sha256())
        .build();
  }

  /**
   * A cause in words, without any value from the feed. Only the messages of Kafka's, I/O's, this
   * hub's own and the JDK's plain programming exceptions are repeated: they name brokers, topics,
   * files, limits and states. Others (a number or date parser's, Avro's, a CSV parser's) may quote
   * the value they choke on, so only their kind is given.
   */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RowFailedException failed) {
        return "row " + failed.row() + ": " + describeCause(e, true);
      }
    }
    return describeCause(e, false);
  }

  /**
   * The cause in words; {@code inRow} when it arose on a row, in code that holds the row's values
   * (a mapping, the encoder), where even the JDK's plain exceptions and Kafka's serialization
   * errors may quote one, so only their kind is given.
   */
  private static String describeCause(Throwable e, boolean inRow) {
    Throwable root = e;
    org.apache.kafka.common.errors.TimeoutException timeout = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.apache.kafka.common.errors.TimeoutException kafkaTimeout
          && timeout == null) {
        timeout = kafkaTimeout;
      }
      root = t;
    }
    boolean quoted =
        quotesNoFeed(root)
            && !(inRow
                && (PLAIN.contains(root.getClass())
                    || root instanceof org.apache.kafka.common.errors.SerializationException));
    String detail =
        root.getClass().getSimpleName()
            + (root.getMessage() == null
                ? ""
                : quoted ? ": " + root.getMessage() : " (detail withheld)");
    return timeout == null
        ? detail
        : "timed out waiting for Kafka (a broker unreachable, stalled or without enough in-sync"
            + " replicas); check the cluster, then send the file again. Detail: "
            + detail;
  }

  private static boolean quotesNoFeed(Throwable t) {
    String type = t.getClass().getName();
    return type.startsWith("org.apache.kafka.")
        || type.startsWith("uk.vruhub.")
        || t instanceof java.io.IOException
        || t instanceof java.io.UncheckedIOException
        // Exactly these, not their subclasses: NumberFormatException is an
        // IllegalArgumentException that quotes its input.
        || PLAIN.contains(t.getClass());
  }
}
