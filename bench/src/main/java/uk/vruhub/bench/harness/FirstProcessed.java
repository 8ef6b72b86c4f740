package uk.vruhub.bench.harness;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * When a Kafka Streams application processed its first record, read from its own {@code
 * process-total} metric (of {@code stream-thread-metrics}, one per stream thread). Throughput is
 * timed from that moment, for the hub's topology and for the pass-through alike: starting the
 * application, joining the group and restoring state are not processing, and a stream thread may
 * process before the application as a whole reports RUNNING, so neither the start nor RUNNING is a
 * fair origin.
 */
final class FirstProcessed {

  static final String GROUP = "stream-thread-metrics";
  static final String NAME = "process-total";

  private FirstProcessed() {}

  /** Records processed so far, summed over the stream threads; 0 before any thread has any. */
  static double processed(Map<MetricName, ? extends Metric> metrics) {
    double total = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      if (GROUP.equals(e.getKey().group()) && NAME.equals(e.getKey().name())) {
        Object value = e.getValue().metricValue();
        if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
          total += n.doubleValue();
        }
      }
    }
    return total;
  }

  /**
   * Watches the metrics on a daemon thread, every {@code pollMillis}, and completes with the {@link
   * System#nanoTime()} of the first check that found a record processed: late by at most one poll
   * interval and one batch of the stream thread (the metric is recorded after each batch). Call it
   * before the application starts. Stops when {@code stop} returns true (completing exceptionally).
   */
  static CompletableFuture<Long> watch(
      Supplier<Map<MetricName, ? extends Metric>> metrics,
      long pollMillis,
      java.util.function.BooleanSupplier stop) {
    CompletableFuture<Long> first = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              while (!first.isDone()) {
                if (processed(metrics.get()) > 0) {
                  first.complete(System.nanoTime());
                } else if (stop.getAsBoolean()) {
                  first.completeExceptionally(
                      new IllegalStateException("stopped before processing any record"));
                } else {
                  BenchHub.sleep(pollMillis);
                }
              }
            },
            "bench-first-processed");
    t.setDaemon(true);
    t.start();
    return first;
  }

  /**
   * Events per second from the first processed record ({@code t0}, nanoTime) to all input committed
   * ({@code t1}); NaN when the interval is empty, as no rate can be told.
   */
  static double rate(long events, long t0, long t1) {
    if (t1 <= t0 || events <= 0) {
      return Double.NaN;
    }
    return events / ((t1 - t0) / 1e9);
  }
}
