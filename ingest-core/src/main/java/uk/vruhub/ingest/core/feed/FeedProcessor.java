package uk.vruhub.ingest.core.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.ingest.core.csv.CsvLimits;
import uk.vruhub.ingest.core.csv.FeedReader;
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
 */
public final class FeedProcessor {

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

  /** A processor with the default {@link CsvLimits}. */
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
  }

  /** Processes the feed and returns its receipt; the status is updated as rows go by. */
  public FeedReceipt process(FeedJob job, FeedStatus status) {
    status.state(FeedState.VALIDATING_AND_PUBLISHING);
    FeedContext context =
        new FeedContext(job.feedId(), job.extractDate(), pseudonymiser, geography);
    try (InputStream in = Files.newInputStream(job.file());
        FeedReader reader = FeedReader.open(in, feed.contract(), csvLimits)) {
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

  private FeedReceipt publishRows(
      FeedJob job, FeedStatus status, FeedContext context, FeedReader reader, FeedSink sink) {
    for (FeedReader.RawRow raw : reader) {
      status.rowRead();
      if (raw.fieldCount() > reader.headerSize()) {
        status.rejected(
            List.of(
                new Reject(
                    raw.row(),
                    null,
                    "COLUMN_COUNT",
                    "the row has "
                        + raw.fieldCount()
                        + " fields but the header has "
                        + reader.headerSize()
                        + " (an unquoted comma?)")));
        continue;
      }
      RowValidator.Outcome outcome = validator.validate(raw.row(), raw.values());
      if (!outcome.accepted()) {
        status.rejected(outcome.rejects());
        continue;
      }
      ValidRow row = outcome.row();
      String key = feed.recordKey(row, context);
      boolean withdrawn = feed.withdrawn(row);
      sink.send(eventsTopic, key, withdrawn ? null : feed.toEvent(row, context));
      status.accepted(withdrawn);
      if (status.rowsRead() % PROGRESS_EVERY == 0) {
        log.info(
            "Feed {}: {} rows read, {} rejected so far",
            job.feedId(),
            status.rowsRead(),
            status.rowsRejected());
      }
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
    sink.send(receiptsTopic, job.feedId(), receipt);
    return receipt;
  }

  /** A receipt for a feed that published nothing, in its own transaction (best effort). */
  private FeedReceipt closeWith(
      FeedJob job, FeedStatus status, FeedOutcome outcome, FeedState state, String message) {
    FeedReceipt receipt = receipt(job, status, outcome, message);
    try {
      transactions.inTransaction(
          sink -> {
            sink.send(receiptsTopic, job.feedId(), receipt);
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
    Throwable root = e;
    org.apache.kafka.common.errors.TimeoutException timeout = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.apache.kafka.common.errors.TimeoutException kafkaTimeout
          && timeout == null) {
        timeout = kafkaTimeout;
      }
      root = t;
    }
    String detail =
        root.getClass().getSimpleName()
            + (root.getMessage() == null
                ? ""
                : quotesNoFeed(root) ? ": " + root.getMessage() : " (detail withheld)");
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
