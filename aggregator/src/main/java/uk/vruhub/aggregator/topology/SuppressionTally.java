package uk.vruhub.aggregator.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts output cells published with a count hidden by small-number suppression, per topic, so the
 * audit topic can say so in one event a minute rather than one per cell.
 */
public final class SuppressionTally {

  private final Map<String, AtomicLong> cells = new ConcurrentHashMap<>();

  public void count(String topic) {
    cells.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
  }

  /** The counts since the last drain, reset to zero. */
  public Map<String, Long> drain() {
    Map<String, Long> out = new java.util.TreeMap<>();
    cells.forEach(
        (topic, n) -> {
          long v = n.getAndSet(0);
          if (v > 0) {
            out.put(topic, v);
          }
        });
    return out;
  }
}
