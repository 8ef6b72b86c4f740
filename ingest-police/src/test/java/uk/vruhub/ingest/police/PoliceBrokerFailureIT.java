package uk.vruhub.ingest.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.ingest.core.intake.TokenCheck;
import uk.vruhub.ingest.core.it.IngestITSupport;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubIntegrationTest;
import uk.vruhub.testkit.LargeFeeds;

/**
 * The broker goes away in the middle of a feed. The feed is reported FAILED, saying nothing was
 * published and it may be sent again; read_committed consumers never see any of it; once the broker
 * is back, sending the same file publishes every row exactly once. Uses a broker of its own, so the
 * shared one stays up for the other tests.
 */
@HubIntegrationTest
class PoliceBrokerFailureIT {

  static final int ROWS = 150_000;

  @Test
  void aFeedInterruptedByTheBrokerIsNeverHalfPublishedAndCanBeSentAgain(
      HubEnvironment hub, @TempDir Path dir) throws Exception {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(
        Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            "auto.create.topics.enable", "false"));
    broker.afterPropertiesSet();
    TopicCatalogue topics = TopicCatalogue.load();
    String eventsTopic = topics.byId(Ids.POLICE_CRIME_EVENTS).name();
    broker.addTopics(
        new NewTopic(eventsTopic, 3, (short) 1),
        new NewTopic(topics.byId(Ids.POLICE_FEED_RECEIPTS).name(), 1, (short) 1));
    Path feed = LargeFeeds.write(dir.resolve("feed.csv"), ROWS, "F");
    Files.writeString(dir.resolve("secret"), IngestITSupport.LINKAGE_SECRET);
    ConfigurableApplicationContext app =
        start(broker.getBrokersAsString(), hub.registryUrl(), dir.resolve("secret"));
    try {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      String feedId =
          IngestITSupport.sendFile(port, feed, LocalDate.of(2026, 3, 31))
              .json()
              .path("feedId")
              .asString();
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> IngestITSupport.status(port, feedId).json().path("rowsRead").asLong() > 20_000);

      broker.getCluster().brokers().values().forEach(BrokerServer::shutdown);
      JsonNode failed = IngestITSupport.awaitFinished(port, feedId, Duration.ofMinutes(2));

      assertThat(failed.path("state").asString()).isEqualTo("FAILED");
      assertThat(failed.path("message").asString())
          .contains("nothing was published; the same file can be sent again");
      assertThat(failed.path("recordsPublished").asLong()).isZero();

      broker.getCluster().brokers().values().forEach(BrokerServer::startup);
      broker.getCluster().waitForReadyBrokers();
      assertThat(committedOf(broker, hub, eventsTopic, feedId))
          .as("nothing of the failed feed is visible")
          .isZero();

      IngestITSupport.Answer again =
          IngestITSupport.sendFile(port, feed, LocalDate.of(2026, 3, 31));
      assertThat(again.json().path("state").asString())
          .as("a failed feed is not a duplicate")
          .isNotEqualTo("DUPLICATE");
      JsonNode published = IngestITSupport.awaitFinished(port, feedId, Duration.ofMinutes(3));
      assertThat(published.path("state").asString()).isEqualTo("PUBLISHED");
      // Commit markers land just after the commit returns: wait until the whole feed is visible.
      java.util.concurrent.atomic.AtomicLong visible = new java.util.concurrent.atomic.AtomicLong();
      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () -> {
                visible.set(committedOf(broker, hub, eventsTopic, feedId));
                return visible.get() >= ROWS;
              });
      long onTopic = visible.get();
      System.out.printf(
          "Broker stopped mid-feed: sent %d rows, first attempt FAILED with 0 visible; resent: %d"
              + " on the topic, duplicates %d, lost %d%n",
          ROWS, onTopic, Math.max(0, onTopic - ROWS), Math.max(0, ROWS - onTopic));
      assertThat(onTopic).isEqualTo(ROWS);
    } finally {
      app.close();
      broker.destroy();
    }
  }

  private static ConfigurableApplicationContext start(
      String bootstrap, String registryUrl, Path secret) {
    return new SpringApplicationBuilder(IngestPoliceApplication.class)
        .run(
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + bootstrap,
            "--spring.kafka.producer.properties.delivery.timeout.ms=10000",
            "--spring.kafka.producer.properties.request.timeout.ms=3000",
            "--spring.kafka.producer.properties.max.block.ms=5000",
            "--spring.kafka.producer.properties.transaction.timeout.ms=30000",
            "--hub.ingest.registry.url=" + registryUrl,
            "--hub.ingest.registry.auto-register=true",
            "--hub.ingest.linkage.secret-file=" + secret,
            "--hub.ingest.intake.token-sha256=" + TokenCheck.hash(IngestITSupport.TOKEN),
            "--spring.application.name=ingest-police-failure-test");
  }

  /** Records of a feed that a read_committed consumer sees, reading the whole topic. */
  private static long committedOf(
      EmbeddedKafkaKraftBroker broker, HubEnvironment hub, String topic, String feedId) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.getBrokersAsString(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    AtomicReference<Long> count = new AtomicReference<>(0L);
    try (KafkaConsumer<String, PoliceCrimeEvent> consumer =
        new KafkaConsumer<>(
            props,
            new StringDeserializer(),
            new AvroDeserializer<>(hub.serdeConfig().client(), PoliceCrimeEvent.class))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      while (partitions.stream()
          .anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
        for (ConsumerRecord<String, PoliceCrimeEvent> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() != null && r.value().getFeedId().equals(feedId)) {
            count.updateAndGet(c -> c + 1);
          }
        }
      }
    }
    return count.get();
  }
}
