package uk.vruhub.ingest.core.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import uk.vruhub.ingest.core.validate.Reject;

/**
 * The live status of one feed, updated while it is processed and read by the status API. Holds
 * counts and reasons only, never a value from the feed.
 */
public final class FeedStatus {

  private final String feedId;
  private final LocalDate extractDate;
  private final Instant receivedAt;
  private final String via;
  private final int rejectDetailLimit;
  private final AtomicLong rowsRead = new AtomicLong();
  private final AtomicLong rowsAccepted = new AtomicLong();
  private final AtomicLong rowsRejected = new AtomicLong();
  private final AtomicLong recordsPublished = new AtomicLong();
  private final AtomicLong withdrawals = new AtomicLong();
  private final Map<String, Long> rejectsByReason = new TreeMap<>();
  private final List<Reject> rejectDetails = new ArrayList<>();
  private volatile FeedState state = FeedState.RECEIVED;
  private volatile Instant completedAt;
  private volatile String message;

  public FeedStatus(
      String feedId, LocalDate extractDate, Instant receivedAt, String via, int rejectDetailLimit) {
    this.feedId = feedId;
    this.extractDate = extractDate;
    this.receivedAt = receivedAt;
    this.via = via;
    this.rejectDetailLimit = rejectDetailLimit;
  }

  /** What the status API shows. */
  public record Snapshot(
      String feedId,
      LocalDate extractDate,
      String via,
      FeedState state,
      Instant receivedAt,
      Instant completedAt,
      long rowsRead,
      long rowsAccepted,
      long rowsRejected,
      long recordsPublished,
      long withdrawals,
      Map<String, Long> rejectsByReason,
      List<Reject> rejects,
      String message) {

    /** The same without the first rejects in full, for listings. */
    public Snapshot withoutRejectDetails() {
      return new Snapshot(
          feedId,
          extractDate,
          via,
          state,
          receivedAt,
          completedAt,
          rowsRead,
          rowsAccepted,
          rowsRejected,
          recordsPublished,
          withdrawals,
          rejectsByReason,
          List.of(),
          message);
    }
  }

  public String feedId() {
    return feedId;
  }

  public FeedState state() {
    return state;
  }

  void state(FeedState state) {
    this.state = state;
  }

  void finish(FeedState state, Instant at, String message) {
    this.message = message;
    this.completedAt = at;
    this.state = state;
  }

  void rowRead() {
    rowsRead.incrementAndGet();
  }

  void accepted(boolean withdrawal) {
    rowsAccepted.incrementAndGet();
    recordsPublished.incrementAndGet();
    if (withdrawal) {
      withdrawals.incrementAndGet();
    }
  }

  synchronized void rejected(List<Reject> rejects) {
    rowsRejected.incrementAndGet();
    for (Reject r : rejects) {
      rejectsByReason.merge(r.reason(), 1L, Long::sum);
      if (rejectDetails.size() < rejectDetailLimit) {
        rejectDetails.add(r);
      }
    }
  }

  /** When a transaction is aborted, nothing counted as published was. */
  void unpublish() {
    recordsPublished.set(0);
    withdrawals.set(0);
  }

  public long rowsRead() {
    return rowsRead.get();
  }

  public long rowsRejected() {
    return rowsRejected.get();
  }

  public long rowsAccepted() {
    return rowsAccepted.get();
  }

  public long recordsPublished() {
    return recordsPublished.get();
  }

  public long withdrawals() {
    return withdrawals.get();
  }

  public synchronized Map<String, Long> rejectsByReason() {
    return Map.copyOf(rejectsByReason);
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(
        feedId,
        extractDate,
        via,
        state,
        receivedAt,
        completedAt,
        rowsRead.get(),
        rowsAccepted.get(),
        rowsRejected.get(),
        recordsPublished.get(),
        withdrawals.get(),
        Map.copyOf(rejectsByReason),
        List.copyOf(rejectDetails),
        message);
  }
}
