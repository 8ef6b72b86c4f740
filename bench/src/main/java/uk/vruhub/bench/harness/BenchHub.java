package uk.vruhub.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import uk.vruhub.local.LocalBroker;
import uk.vruhub.registry.RegistryServer;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSetup;

/**
 * A real broker (Kafka's own, KRaft, in this JVM) and the hub's registry, with the hub's topics.
 */
final class BenchHub implements AutoCloseable {

  final Path dir;
  final LocalBroker broker;
  final RegistryServer registry;
  final Admin admin;

  BenchHub(Path dir) {
    this.dir = dir;
    this.broker = LocalBroker.start(dir, freePort(), freePort(), Duration.ofMinutes(2));
    this.registry =
        RegistryServer.start(
            broker.bootstrapServers(),
            freePort(),
            Map.of("registry.default-compatibility", "BACKWARD"));
    TopicSetup.createMissing(broker.bootstrapServers(), TopicCatalogue.load(), (short) 1);
    this.admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  static BenchHub fresh(String name) {
    try {
      return new BenchHub(Files.createTempDirectory("vru-bench-" + name + "-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String bootstrap() {
    return broker.bootstrapServers();
  }

  /**
   * Whether a consumer group (a Kafka Streams application) has committed every record of the given
   * topics: its offsets equal the committed end offsets of every partition.
   */
  boolean caughtUp(String group, Set<String> topics) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Set<TopicPartition> partitions =
          committed.keySet().stream()
              .filter(tp -> topics.contains(tp.topic()) || isInternal(group, tp))
              .collect(Collectors.toSet());
      if (partitions.isEmpty()) {
        return false;
      }
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin
              .listOffsets(
                  latest,
                  new org.apache.kafka.clients.admin.ListOffsetsOptions(
                      IsolationLevel.READ_COMMITTED))
              .all()
              .get(30, TimeUnit.SECONDS);
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata c = committed.get(tp);
        // A transaction marker follows the last record of each transaction, so the committed
        // position can sit one past the last record; the end offset counts markers too.
        if (c == null || c.offset() < ends.get(tp).offset()) {
          return false;
        }
      }
      return topics.stream()
          .allMatch(t -> partitions.stream().anyMatch(tp -> tp.topic().equals(t)));
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isInternal(String group, TopicPartition tp) {
    return tp.topic().startsWith(group + "-") && tp.topic().endsWith("-repartition");
  }

  /** Waits until the group has caught up and stays so for a moment. */
  long awaitCaughtUp(String group, Set<String> topics, Duration timeout) {
    return awaitCaughtUp(group, topics, timeout, 250);
  }

  /**
   * As {@link #awaitCaughtUp(String, Set, Duration)}, checking every {@code pollMillis}: short for
   * latency, longer for throughput, where the checks would compete for the same two cores.
   */
  long awaitCaughtUp(String group, Set<String> topics, Duration timeout, long pollMillis) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (caughtUp(group, topics)) {
        return System.nanoTime();
      }
      sleep(pollMillis);
    }
    throw new IllegalStateException(group + " did not catch up within " + timeout);
  }

  /** Records now on a topic (sum of end offsets, transaction markers included). */
  long endOffsets(String topic) {
    try {
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
          .sum();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    admin.close();
    registry.close();
    broker.close();
  }
}
