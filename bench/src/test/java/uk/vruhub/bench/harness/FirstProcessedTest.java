package uk.vruhub.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class FirstProcessedTest {

  private static Metric metric(String group, String name, String thread, Object value) {
    MetricName n = new MetricName(name, group, "", Map.of("thread-id", thread));
    return new Metric() {
      @Override
      public MetricName metricName() {
        return n;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    };
  }

  private static Map<MetricName, Metric> metrics(Metric... ms) {
    Map<MetricName, Metric> out = new LinkedHashMap<>();
    for (Metric m : ms) {
      out.put(m.metricName(), m);
    }
    return out;
  }

  @Test
  void sumsProcessTotalOverTheStreamThreadsOnly() {
    Map<MetricName, Metric> m =
        metrics(
            metric("stream-thread-metrics", "process-total", "t1", 30.0),
            metric("stream-thread-metrics", "process-total", "t2", 12.0),
            metric("stream-thread-metrics", "poll-total", "t1", 99.0),
            metric("stream-task-metrics", "process-total", "t1", 500.0),
            metric("stream-thread-metrics", "process-total", "t3", Double.NaN));
    assertThat(FirstProcessed.processed(m)).isEqualTo(42.0);
  }

  @Test
  void nothingProcessedBeforeAnyThreadHasAMetric() {
    assertThat(FirstProcessed.processed(Map.of())).isZero();
    assertThat(
            FirstProcessed.processed(
                metrics(metric("stream-thread-metrics", "process-total", "t1", 0.0))))
        .isZero();
  }

  @Test
  void watchCompletesAtTheFirstCheckThatSeesARecordProcessed() throws Exception {
    AtomicReference<Map<MetricName, Metric>> now =
        new AtomicReference<>(metrics(metric("stream-thread-metrics", "process-total", "t1", 0.0)));
    long before = System.nanoTime();
    var first = FirstProcessed.watch(now::get, 1, () -> false);
    assertThat(first).isNotDone();
    now.set(metrics(metric("stream-thread-metrics", "process-total", "t1", 1.0)));
    long at = first.get(1, TimeUnit.MINUTES);
    assertThat(at).isGreaterThan(before);
  }

  @Test
  void watchFailsWhenTheApplicationStopsFirst() {
    AtomicBoolean stopped = new AtomicBoolean();
    var first = FirstProcessed.watch(Map::of, 1, stopped::get);
    stopped.set(true);
    assertThatThrownBy(() -> first.get(1, TimeUnit.MINUTES))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("stopped before processing");
  }

  @Test
  void rateIsEventsOverSecondsFromFirstProcessedToCommitted() {
    assertThat(FirstProcessed.rate(3_000, 1_000_000_000L, 2_500_000_000L)).isEqualTo(2_000.0);
    assertThat(FirstProcessed.rate(3_000, 5L, 5L)).isNaN();
    assertThat(FirstProcessed.rate(0, 1L, 2L)).isNaN();
  }
}
