package uk.vruhub.bench.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the hub's pipelines are compared with: bare Kafka clients doing the least they could. */
final class Baselines {

  private Baselines() {}

  /** Bytes per record (key + value) of the first committed records of a topic, up to 5,000. */
  static int averageRecordBytes(BenchHub hub, String topic) {
    Map<String, Object> props = new HashMap<>(hub.kafka());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long bytes = 0;
      int n = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (n < 5000 && System.nanoTime() < deadline) {
        for (var r : c.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            bytes += r.value().length + (r.key() == null ? 0 : r.key().length);
            n++;
          }
        }
      }
      return (int) (bytes / Math.max(1, n));
    }
  }

  /**
   * Records/s of a bare idempotent producer (the ingest services' settings, acks=all, same
   * batching, no transaction) sending {@code count} records of {@code size} bytes (a 43-byte key,
   * as the hub's keys are, and random values) to a topic of three partitions, after 20,000 to warm
   * up.
   */
  static double bareProducer(BenchHub hub, String topic, int count, int size) {
    try {
      hub.admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Cannot create " + topic, e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Map<String, Object> props = Ingest.producerProperties(hub.kafka(), null);
    props.remove(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
    byte[][] values = new byte[64][];
    Random random = new Random(1);
    for (int i = 0; i < values.length; i++) {
      values[i] = new byte[Math.max(1, size - 43)];
      random.nextBytes(values[i]);
    }
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 20_000; i++) {
        producer.send(new ProducerRecord<>(topic, key(i), values[i & 63]));
      }
      producer.flush();
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, key(i), values[i & 63]));
      }
      producer.flush();
      return count / ((System.nanoTime() - t0) / 1e9);
    }
  }

  private static byte[] key(int i) {
    return String.format("%043d", i).getBytes(StandardCharsets.US_ASCII);
  }
}
