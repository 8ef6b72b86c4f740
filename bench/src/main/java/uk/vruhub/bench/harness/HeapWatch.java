package uk.vruhub.bench.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap of this JVM, read from its own garbage collector. Heap in use only grows between
 * collections, so its peak is the largest "used before" a collection reports (or what is in use at
 * the end): the GC notifications give it exactly at each collection, where sampling would miss the
 * peaks between samples, and a sum of each pool's own peak would overstate it (the pools peak at
 * different moments). The smallest heap the process could run in is nearer the largest "used after"
 * a collection (what survived), reported beside it. A sampler every 50 ms covers heap freed outside
 * the notified collections (G1's concurrent cleanup).
 */
final class HeapWatch implements AutoCloseable {

  /** How often the heap in use is sampled between collections. */
  private static final long SAMPLE_MILLIS = 50;

  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong(-1);
  private final AtomicLong collections = new AtomicLong();
  private final NotificationListener listener = this::onGc;
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-heap-sampler");
            t.setDaemon(true);
            return t;
          });

  HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
    reset();
    sampler.scheduleAtFixedRate(
        () -> record(peakUsed, used()), 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts the peaks again from what is in use now, after a collection (the garbage of before). */
  void reset() {
    System.gc();
    peakUsed.set(used());
    peakAfterGc.set(-1);
    collections.set(0);
  }

  /** Bytes: the largest heap in use since {@link #reset()}. */
  long peakUsed() {
    record(peakUsed, used());
    return peakUsed.get();
  }

  /** Bytes: the largest heap in use just after a collection since {@link #reset()}; -1 if none. */
  long peakAfterGc() {
    return peakAfterGc.get();
  }

  /** Collections since {@link #reset()}. */
  long collections() {
    return collections.get();
  }

  private long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
    collections.incrementAndGet();
    record(peakUsed, heapOf(info.getMemoryUsageBeforeGc()));
    record(peakAfterGc, heapOf(info.getMemoryUsageAfterGc()));
  }

  private long heapOf(Map<String, MemoryUsage> pools) {
    return pools.entrySet().stream()
        .filter(e -> heapPools.contains(e.getKey()))
        .mapToLong(e -> e.getValue().getUsed())
        .sum();
  }

  private static void record(AtomicLong peak, long value) {
    peak.accumulateAndGet(value, Math::max);
  }

  /** Bytes: the peak resident set of this process (Linux VmHWM), -1 where unknown. */
  static long peakRss() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String line : lines) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: unknown.
    }
    return -1;
  }

  /**
   * Starts the peak resident set again from the current one (Linux: "5" to clear_refs); false where
   * the system does not allow it, so that a figure can say it covers the whole run.
   */
  static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException e) {
          // Never added.
        }
      }
    }
  }
}
