package uk.vruhub.aggregator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class TopicTailTest {

  private static final String TOPIC = "hub.audit.v1";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final MockConsumer<byte[], byte[]> mock = new MockConsumer<>("earliest");

  private void partitions(long begin0, long end0, long begin1, long end1) {
    Node n = Node.noNode();
    Node[] none = new Node[0];
    mock.updatePartitions(
        TOPIC,
        List.of(
            new PartitionInfo(TOPIC, 0, n, none, none),
            new PartitionInfo(TOPIC, 1, n, none, none)));
    mock.updateBeginningOffsets(Map.of(P0, begin0, P1, begin1));
    mock.updateEndOffsets(Map.of(P0, end0, P1, end1));
  }

  private void record(TopicPartition tp, long offset) {
    mock.addRecord(
        new ConsumerRecord<>(
            tp.topic(),
            tp.partition(),
            offset,
            new byte[0],
            (tp.partition() + ":" + offset).getBytes(StandardCharsets.UTF_8)));
  }

  private TopicTail<String> tail(long kept, Deserializer<String> values) {
    return new TopicTail<>(
        Map.of(), List.of(TOPIC), values, Duration.ofSeconds(30), kept, props -> mock);
  }

  @Test
  void aValueThatCannotBeReadIsRetriedWithTheRestOfItsBatchNotSkipped() {
    partitions(0, 4, 0, 2);
    // The records are added once assigned: MockConsumer only takes records of assigned partitions.
    AtomicBoolean blip = new AtomicBoolean(true);
    Deserializer<String> values =
        (topic, bytes) -> {
          String s = new String(bytes, StandardCharsets.UTF_8);
          if (s.equals("0:2") && blip.getAndSet(false)) {
            throw new IllegalStateException("registry unavailable");
          }
          return s;
        };
    List<String> read = new ArrayList<>();
    try (TopicTail<String> t = tail(0, values)) {
      Runnable all =
          () -> {
            for (long o = 0; o < 4; o++) {
              record(P0, o);
            }
            record(P1, 0);
            record(P1, 1);
          };
      mock.schedulePollTask(all);
      assertThatThrownBy(() -> t.readNew((v, ts) -> read.add(v)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("registry");
      // Each partition is back at its first record not handed on: 0:2, and P1 either untouched
      // or already read whole.
      assertThat(mock.position(P0)).isEqualTo(2);
      assertThat(read).contains("0:0", "0:1").doesNotContain("0:2", "0:3");

      // MockConsumer drops what it has returned; the broker would still hold the records, so they
      // are offered again and only those from each partition's position are read.
      mock.schedulePollTask(all);
      t.readNew((v, ts) -> read.add(v));
    }
    assertThat(read).containsExactlyInAnyOrder("0:0", "0:1", "0:2", "0:3", "1:0", "1:1");
  }

  @Test
  void aTailReadsOnlyTheLastKeptOffsetsOfEachPartition() {
    partitions(0, 10, 5, 7);
    List<String> read = new ArrayList<>();
    try (TopicTail<String> t =
        tail(3, (topic, bytes) -> new String(bytes, StandardCharsets.UTF_8))) {
      mock.schedulePollTask(
          () -> {
            for (long o = 7; o < 10; o++) {
              record(P0, o);
            }
            record(P1, 5);
            record(P1, 6);
          });
      t.readNew((v, ts) -> read.add(v));
      assertThat(mock.position(P0)).isEqualTo(10);
    }
    // P0 from 10 - 3 = 7; P1 from its beginning 5, later than 7 - 3.
    assertThat(read).containsExactlyInAnyOrder("0:7", "0:8", "0:9", "1:5", "1:6");
  }
}
