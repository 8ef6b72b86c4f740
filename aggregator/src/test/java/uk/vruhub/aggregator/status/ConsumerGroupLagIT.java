package uk.vruhub.aggregator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.vruhub.schemas.topics.ConsumerGroupLag;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubIntegrationTest;

/**
 * The lag reader on the real broker, with committed offsets set by hand where Kafka Streams may
 * leave them: a transaction's commit marker and an aborted transaction take offsets that no
 * consumer is given, so a group that stops just before them has read everything. A broker is
 * needed: markers, aborted records and read_committed end offsets exist only there.
 */
@HubIntegrationTest
class ConsumerGroupLagIT {

  private final String topic = "lag-it-" + UUID.randomUUID();
  private final TopicPartition tp = new TopicPartition(topic, 0);
  private Admin admin;
  private ConsumerGroupLag.Reader reader;

  @BeforeEach
  void topicWithACommittedThenAnAbortedTransaction(HubEnvironment hub) throws Exception {
    admin = hub.admin();
    reader = new ConsumerGroupLag.Reader(admin, hub.consumerProperties(), Duration.ofSeconds(30));
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    Map<String, Object> props = hub.producerProperties();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      // Offsets 0-4 records, 5 the commit marker; 6-8 aborted records, 9 the abort marker.
      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "committed"));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(topic, "a" + i, "aborted"));
      }
      producer.flush();
      producer.abortTransaction();
    }
  }

  @AfterEach
  void close() {
    reader.close();
    admin.close();
  }

  @Test
  void aGroupStoppedBeforeOnlyMarkersAndAbortedRecordsHasCaughtUp() throws Exception {
    commit("stopped-at-marker", 5);

    ConsumerGroupLag lag = reader.group("stopped-at-marker", List.of(topic));

    assertThat(lag.caughtUp()).isTrue();
    assertThat(lag.partitions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.committed()).isEqualTo(5);
              assertThat(p.end()).as("the read_committed end, markers counted").isEqualTo(10);
              assertThat(p.settled()).isTrue();
            });
    assertThat(reader.group("stopped-at-marker", List.of(topic)).caughtUp())
        .as("asked again, from what it remembers of the gap")
        .isTrue();
  }

  @Test
  void aGroupWithACommittedRecordStillToReadLags() throws Exception {
    commit("one-record-behind", 4);

    ConsumerGroupLag lag = reader.group("one-record-behind", List.of(topic));

    assertThat(lag.caughtUp()).isFalse();
    assertThat(lag.total()).isEqualTo(6);
  }

  @Test
  void aGroupThatNeverCommittedLagsByTheWholeLogAndAnEmptyTopicByNothing() throws Exception {
    assertThat(reader.group("never-committed", List.of(topic)).total()).isEqualTo(10);

    String empty = topic + "-empty";
    admin.createTopics(List.of(new NewTopic(empty, 2, (short) 1))).all().get();
    assertThat(reader.group("never-committed", List.of(empty)).caughtUp()).isTrue();
    assertThat(reader.group("never-committed", List.of(topic + "-missing")).partitions())
        .as("a topic that does not exist has no partitions")
        .isEmpty();
  }

  @Test
  void aStreamsApplicationIsMeasuredOverItsRepartitionTopicsToo() throws Exception {
    String app = "lag-it-app-" + UUID.randomUUID();
    admin
        .createTopics(
            List.of(
                new NewTopic(app + "-cells-repartition", 2, (short) 1),
                new NewTopic(app + "-cells-changelog", 1, (short) 1)))
        .all()
        .get();
    commit(app, 5);

    ConsumerGroupLag lag = reader.streamsApplication(app, List.of(topic));

    assertThat(lag.partitions())
        .extracting(p -> p.topic() + "-" + p.partition())
        .containsExactlyInAnyOrder(
            app + "-cells-repartition-0", app + "-cells-repartition-1", topic + "-0");
    assertThat(lag.caughtUp()).isTrue();
  }

  private void commit(String group, long offset) throws Exception {
    admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(offset))).all().get();
  }
}
