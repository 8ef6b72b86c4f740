package uk.vruhub.ingest.core.feed;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A bounded window of work in flight on a pool, handed back in the order it was submitted whatever
 * order it finishes in. Used by one thread (the feed's): it submits chunks numbered from 0, and
 * each result reaches its consumer on that thread, in sequence, once every earlier one has. When
 * {@code maxInFlight} chunks are out, {@link #submit} waits for the oldest and hands it over before
 * taking another, so the submitter (the feed's reader) can never run ahead of the sends by more
 * than the window, whatever the feed's size.
 *
 * @param <R> what a chunk's work gives
 */
final class OrderedWindow<R> {

  /** A chunk's work, numbered. */
  private record InFlight<R>(long sequence, Future<R> result) {}

  private final ExecutorService pool;
  private final int maxInFlight;
  private final Consumer<R> inOrder;
  private final ArrayDeque<InFlight<R>> window = new ArrayDeque<>();
  private long nextSequence;
  private long nextHandedOver;
  private int peakInFlight;

  OrderedWindow(ExecutorService pool, int maxInFlight, Consumer<R> inOrder) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
    }
    this.pool = pool;
    this.maxInFlight = maxInFlight;
    this.inOrder = inOrder;
  }

  /**
   * Submits the next chunk's work; first hands over (waiting if need be) the oldest chunks until
   * there is room, and afterwards any that are already done.
   */
  void submit(Callable<R> work) throws InterruptedException {
    while (window.size() >= maxInFlight) {
      handOverOldest();
    }
    window.addLast(new InFlight<>(nextSequence++, pool.submit(work)));
    peakInFlight = Math.max(peakInFlight, window.size());
    while (!window.isEmpty() && window.peekFirst().result().isDone()) {
      handOverOldest();
    }
  }

  /** Waits for every chunk in flight and hands each over, in order. */
  void finish() throws InterruptedException {
    while (!window.isEmpty()) {
      handOverOldest();
    }
  }

  /** Cancels what is still in flight (its results are not wanted); never waits. */
  void cancel() {
    for (InFlight<R> chunk : window) {
      chunk.result().cancel(false);
    }
    window.clear();
  }

  /** The most chunks that were in flight at once. */
  int peakInFlight() {
    return peakInFlight;
  }

  /** Chunks in flight now. */
  int inFlight() {
    return window.size();
  }

  private void handOverOldest() throws InterruptedException {
    InFlight<R> oldest = window.pollFirst();
    if (oldest.sequence() != nextHandedOver) {
      throw new IllegalStateException(
          "chunk " + oldest.sequence() + " came before chunk " + nextHandedOver);
    }
    R result;
    try {
      result = oldest.result().get();
    } catch (ExecutionException e) {
      // The chunk's work reports row failures in its result; what arrives here is an Error.
      Throwable cause = e.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    } catch (CancellationException e) {
      throw new IllegalStateException("chunk " + oldest.sequence() + " was cancelled", e);
    }
    nextHandedOver++;
    inOrder.accept(result);
  }
}
