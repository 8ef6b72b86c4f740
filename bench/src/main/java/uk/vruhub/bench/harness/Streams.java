package uk.vruhub.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** Kafka Streams applications under the aggregator's settings (exactly-once v2). */
final class Streams {

  private Streams() {}

  /** The aggregator's streams configuration, as {@code AggregatorConfiguration} sets it. */
  static Properties config(
      java.util.Map<String, Object> kafka, String applicationId, Path stateDir, int threads) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.getInteger("bench.commit.ms", 100));
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 32L * 1024 * 1024);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    return p;
  }

  /** Source to sink, bytes unchanged: the cheapest exactly-once topology over the same input. */
  static Topology passThrough(String input, String output) {
    StreamsBuilder b = new StreamsBuilder();
    b.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    return b.build();
  }

  /** The same over several inputs into one output. */
  static Topology passThrough(java.util.Collection<String> inputs, String output) {
    StreamsBuilder b = new StreamsBuilder();
    b.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    return b.build();
  }

  /** Starts the application and returns once it is RUNNING (told by its state listener). */
  static KafkaStreams start(Topology topology, Properties config) {
    return start(new KafkaStreams(topology, config));
  }

  /**
   * An application started with {@link #startTimed}, and the {@link System#nanoTime()} at which it
   * processed its first record ({@link FirstProcessed}).
   */
  record Timed(KafkaStreams streams, java.util.concurrent.CompletableFuture<Long> firstProcessed) {

    /** The moment of the first processed record; waits for it. */
    long firstProcessedNanos() {
      try {
        return firstProcessed.get(30, java.util.concurrent.TimeUnit.MINUTES);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("No record processed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * As {@link #start(Topology, Properties)}, watching its {@code process-total} metric from before
   * it starts, so a throughput can be timed from its first processed record.
   */
  static Timed startTimed(Topology topology, Properties config) {
    KafkaStreams streams = new KafkaStreams(topology, config);
    java.util.concurrent.CompletableFuture<Long> first =
        FirstProcessed.watch(
            streams::metrics,
            5,
            () -> {
              KafkaStreams.State s = streams.state();
              return s == KafkaStreams.State.ERROR
                  || s == KafkaStreams.State.PENDING_SHUTDOWN
                  || s == KafkaStreams.State.NOT_RUNNING;
            });
    return new Timed(start(streams), first);
  }

  private static KafkaStreams start(KafkaStreams streams) {
    java.util.concurrent.CompletableFuture<KafkaStreams.State> settled =
        new java.util.concurrent.CompletableFuture<>();
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING
              || now == KafkaStreams.State.ERROR
              || now == KafkaStreams.State.PENDING_SHUTDOWN) {
            settled.complete(now);
          }
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          System.err.println("Streams failed: " + e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.start();
    KafkaStreams.State state;
    try {
      state = settled.get(2, java.util.concurrent.TimeUnit.MINUTES);
    } catch (java.util.concurrent.TimeoutException e) {
      streams.close(Duration.ofSeconds(30));
      throw new IllegalStateException("Streams did not start within 2 minutes: " + streams.state());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (state != KafkaStreams.State.RUNNING) {
      streams.close(Duration.ofSeconds(30));
      throw new IllegalStateException("Streams did not start: " + state);
    }
    return streams;
  }
}
