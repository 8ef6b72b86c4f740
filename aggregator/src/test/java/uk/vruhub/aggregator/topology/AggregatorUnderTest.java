package uk.vruhub.aggregator.topology;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.vruhub.aggregator.AggregatorApplication;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.schemas.serde.AvroSerializer;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.testkit.HubEnvironment;

/**
 * What the aggregator's integration tests share: topics of their own (the shipped spec with every
 * name prefixed), a transactional producer that plays the agencies, feed receipts, HTTPS requests
 * with an optional bearer token, and an aggregator started as the local hub starts it ({@link
 * SecuredArgs}) on the sample areas and population.
 */
final class AggregatorUnderTest {

  private AggregatorUnderTest() {}

  /**
   * The shipped topic spec with every topic's name prefixed, written to {@code dir/topics.yaml}.
   */
  static TopicCatalogue ownTopics(Path dir, String prefix) throws Exception {
    String spec;
    try (InputStream in = TopicCatalogue.class.getResourceAsStream(TopicCatalogue.RESOURCE)) {
      spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = dir.resolve("topics.yaml");
    Files.writeString(
        file,
        spec.lines()
            .map(l -> l.replaceFirst("^(\\s+name: )", "$1" + prefix + "."))
            .collect(Collectors.joining("\n")));
    return TopicCatalogue.load(file);
  }

  /** As hub-admin: one transactional producer that can play all three agencies. */
  static KafkaProducer<String, SpecificRecord> producer(HubEnvironment hub, String prefix) {
    Map<String, Object> props = hub.producerProperties();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-" + UUID.randomUUID());
    return new KafkaProducer<>(
        props,
        new StringSerializer(),
        new AvroSerializer<>(hub.serdeConfig().client(), true, false));
  }

  /** Sends a receipt to its agency's receipt topic, keyed by feed id as the ingest services do. */
  static void send(
      KafkaProducer<String, SpecificRecord> producer, TopicCatalogue topics, FeedReceipt r) {
    String topic =
        switch (r.getAgency()) {
          case POLICE -> Ids.POLICE_FEED_RECEIPTS;
          case HEALTH -> Ids.HEALTH_FEED_RECEIPTS;
          case EDUCATION -> Ids.EDUCATION_FEED_RECEIPTS;
        };
    producer.send(new ProducerRecord<>(topics.byId(topic).name(), r.getFeedId(), r));
  }

  /** A published feed's receipt: {@code rowsRead} rows, those of {@code rejects} refused. */
  static FeedReceipt receipt(
      Agency agency,
      LocalDate extract,
      Instant completed,
      long rowsRead,
      Map<String, Long> rejects) {
    long rejected = rejects.values().stream().mapToLong(Long::longValue).sum();
    return FeedReceipt.newBuilder()
        .setFeedId(agency + "-" + extract + "-0123abcd")
        .setAgency(agency)
        .setExtractDate(extract)
        .setContentSha256("0".repeat(64))
        .setReceivedAt(completed.minusSeconds(60))
        .setCompletedAt(completed)
        .setOutcome(FeedOutcome.PUBLISHED)
        .setRowsRead(rowsRead)
        .setRowsAccepted(rowsRead - rejected)
        .setRowsRejected(rejected)
        .setRecordsPublished(rowsRead - rejected)
        .setWithdrawals(0)
        .setRejectsByReason(Map.copyOf(rejects))
        .build();
  }

  /** A GET over HTTPS, with the recipient's bearer token when one is given. */
  static HttpResponse<String> get(HttpClient http, int port, String path, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://localhost:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * An aggregator on this test's topics ({@code dir/topics.yaml}), state and recipients' secrets.
   */
  static ConfigurableApplicationContext start(
      HubEnvironment hub, Path dir, String name, String applicationId) {
    return new SpringApplicationBuilder(AggregatorApplication.class)
        .run(
            SecuredArgs.with(
                hub,
                "--server.port=0",
                "--spring.application.name=" + name,
                "--spring.kafka.bootstrap-servers=" + hub.bootstrapServers(),
                "--hub.aggregator.application-id=" + applicationId,
                "--hub.aggregator.topic-spec-file=" + dir.resolve("topics.yaml"),
                "--hub.aggregator.state-dir=" + dir.resolve("state"),
                "--hub.aggregator.policy-file=../deploy/policy/vru-hub-isa.yaml",
                "--hub.aggregator.areas-file=src/test/resources/areas-sample.csv",
                "--hub.aggregator.population-file=src/test/resources/population-sample.csv",
                "--hub.aggregator.recipient-secrets-dir=" + dir,
                "--hub.aggregator.registry.auto-register=true",
                "--hub.aggregator.stream-threads=1"));
  }
}
