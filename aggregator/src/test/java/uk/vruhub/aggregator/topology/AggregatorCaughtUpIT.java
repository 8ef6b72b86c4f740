package uk.vruhub.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.aggregator.topology.AggregatorExactlyOnceIT.Expected;
import uk.vruhub.aggregator.topology.AggregatorExactlyOnceIT.Sent;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.ConsumerGroupLag;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSetup;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubIntegrationTest;

/**
 * "Caught up" measured on the real broker with exactly-once: two feeds are committed before the
 * aggregator starts, so its group lags on every source partition; once the status says caught up,
 * and without waiting any further, every hotspot and cohort cell equals an uninterrupted run over
 * the same events, and the data as of names the newest feed of each agency. A feed aborted
 * afterwards changes nothing: the status comes back to caught up over the longer logs and does not
 * name the aborted feed. ({@code ConsumerGroupLagIT} checks the gaps a group never commits past.)
 *
 * <p>A broker is needed: transactions, their markers, the group's committed offsets and the
 * repartition topics are what is measured. The topics are this test's own (a topic spec with other
 * names), so the other tests' events on the shared broker do not count here.
 */
@HubIntegrationTest
class AggregatorCaughtUpIT {

  /** Under the aggregator's application id, as its ACLs name it. */
  private static final String APPLICATION_ID = "vru-aggregator-status-it";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 30);
  private static final LocalDate SECOND = LocalDate.of(2026, 3, 31);
  private static final LocalDate ABORTED = LocalDate.of(2026, 4, 1);

  @Test
  void theStatusSaysCaughtUpOnlyOnceEveryCommittedRecordIsInTheOutputs(
      HubEnvironment hub, @TempDir Path dir) throws Exception {
    TopicCatalogue topics = ownTopics(dir);
    TopicSetup.createMissing(hub.adminProperties(), topics, (short) 1);
    // The shipped policy's grants to the aggregator, on this test's own topics.
    hub.grant(
        AccessRules.grants(hub.policy(), topics).stream()
            .filter(g -> g.principal().equals(HubPrincipals.user(HubPrincipals.AGGREGATOR)))
            .toList());
    Files.writeString(
        dir.resolve("vru-analyst"),
        new String(TopologyFixture.ANALYST_SECRET, StandardCharsets.UTF_8));

    List<Sent> events = AggregatorExactlyOnceIT.events(new Random(23));
    int half = events.size() * 3 / 5;
    List<Sent> aborted = new ArrayList<>();
    for (Sent e : AggregatorExactlyOnceIT.events(new Random(24))) {
      if (e.topicId().equals(Ids.POLICE_CRIME_EVENTS) && aborted.size() < 300) {
        aborted.add(e);
      }
    }
    try (KafkaProducer<String, SpecificRecord> producer = producer(hub)) {
      producer.initTransactions();
      feed(
          producer,
          topics,
          events.subList(0, half),
          List.of(
              receipt(Agency.POLICE, FIRST),
              receipt(Agency.HEALTH, FIRST),
              receipt(Agency.EDUCATION, FIRST)),
          true);
      feed(
          producer,
          topics,
          events.subList(half, events.size()),
          List.of(receipt(Agency.POLICE, SECOND), receipt(Agency.HEALTH, SECOND)),
          true);
    }
    Expected expected = AggregatorExactlyOnceIT.expected(events);

    Set<String> sources =
        Set.of(
            topics.byId(Ids.POLICE_CRIME_EVENTS).name(),
            topics.byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES).name(),
            topics.byId(Ids.EDUCATION_SCHOOL_EVENTS).name());
    try (Admin admin = hub.admin();
        ConsumerGroupLag.Reader reader =
            new ConsumerGroupLag.Reader(admin, hub.consumerProperties(), Duration.ofSeconds(30))) {
      ConsumerGroupLag before = reader.streamsApplication(APPLICATION_ID, sources);
      assertThat(before.caughtUp()).as("before the aggregator starts").isFalse();
      assertThat(before.lagging())
          .as("every source partition, none committed yet")
          .hasSize(9)
          .allSatisfy(p -> assertThat(p.committed()).isNull());
    }

    ConfigurableApplicationContext app = start(hub, dir);
    try {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      HttpClient http = hub.httpClient();
      List<String> seen = new ArrayList<>();
      JsonNode s = awaitStatus(http, port, seen, status -> status.path("caughtUp").asBoolean());
      System.out.println("Statuses until caught up: " + seen);

      // Caught up: the outputs are complete now, with no further wait.
      assertComplete(hub, topics, expected);
      assertThat(s.path("state").asString()).isEqualTo("RUNNING");
      assertThat(s.path("totalLag").asLong()).isZero();
      assertThat(partitions(s))
          .extracting(p -> p.path("topic").asString())
          .contains(sources.toArray(String[]::new))
          .anyMatch(t -> t.startsWith(APPLICATION_ID + "-") && t.endsWith("-repartition"));
      assertThat(s.path("tasks").size()).isPositive();
      s.path("tasks")
          .forEach(t -> assertThat(t.path("state").asString()).as("%s", t).isEqualTo("RUNNING"));
      JsonNode asOf = s.path("dataAsOf");
      assertThat(Instant.parse(asOf.path("time").asString()))
          .isEqualTo(Instant.parse(s.path("checkedAt").asString()));
      assertThat(latestFeeds(s))
          .as("the newest committed feed of each agency")
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "POLICE", SECOND.toString(),
                  "HEALTH", SECOND.toString(),
                  "EDUCATION", FIRST.toString()));
      assertThat(asOf.path("newestEventPeriod").path("periodType").asString()).isEqualTo("MONTH");
      assertThat(LocalDate.parse(asOf.path("newestEventPeriod").path("start").asString()))
          .isAfterOrEqualTo(LocalDate.of(2026, 3, 1));

      HttpResponse<String> table =
          AggregatorUnderTest.get(
              http,
              port,
              "/api/v1/hotspots?period=MONTH&format=csv",
              hub.secrets().token("strategic-board"));
      assertThat(table.statusCode()).isEqualTo(200);
      assertThat(table.headers().firstValue("X-Caught-Up")).hasValue("true");
      assertThat(table.headers().firstValue("X-Data-As-Of")).isPresent();
      JsonNode health = JSON.readTree(get(http, port, "/actuator/health").body());
      JsonNode streams = health.path("components").path("streamsHealth").path("details");
      assertThat(streams.path("state").asString()).as("%s", health).isEqualTo("RUNNING");
      assertThat(streams.path("caughtUp").asBoolean()).as("%s", health).isTrue();
      assertThat(streams.path("dataAsOf").path("latestFeeds").size()).isEqualTo(3);

      // A feed aborted after the aggregator caught up: its records and receipt stay in the logs,
      // and a read_committed consumer skips them. Still caught up, and the feed is never named.
      String police = topics.byId(Ids.POLICE_CRIME_EVENTS).name();
      long policeEnd = policeEnd(s, police);
      try (KafkaProducer<String, SpecificRecord> producer = producer(hub)) {
        producer.initTransactions();
        feed(producer, topics, aborted, List.of(receipt(Agency.POLICE, ABORTED)), false);
      }
      seen.clear();
      JsonNode after =
          awaitStatus(
              http,
              port,
              seen,
              status ->
                  status.path("caughtUp").asBoolean() && policeEnd(status, police) > policeEnd);
      System.out.println("Statuses after an aborted feed: " + seen);
      assertThat(after.path("totalLag").asLong()).isZero();
      assertThat(latestFeeds(after)).containsEntry("POLICE", SECOND.toString());
      assertComplete(hub, topics, expected);
    } finally {
      app.close();
    }
  }

  private static JsonNode awaitStatus(
      HttpClient http, int port, List<String> seen, java.util.function.Predicate<JsonNode> until) {
    JsonNode[] status = {null};
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                HttpResponse<String> answer = get(http, port, "/api/v1/status");
                assertThat(answer.statusCode()).isEqualTo(200);
                status[0] = JSON.readTree(answer.body());
                seen.add(
                    status[0].path("state").asString()
                        + " caughtUp="
                        + status[0].path("caughtUp").asBoolean()
                        + " lag="
                        + status[0].path("totalLag").asString());
                return until.test(status[0]);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("Statuses seen: " + seen + "; the last: " + status[0], e);
    }
    return status[0];
  }

  private static void assertComplete(HubEnvironment hub, TopicCatalogue topics, Expected expected) {
    assertThat(
            AggregatorExactlyOnceIT.differences(
                AggregatorExactlyOnceIT.counts(latest(hub, topics, Ids.HOTSPOTS)),
                expected.hotspots()))
        .as("hotspot cells that differ from an uninterrupted run")
        .isEmpty();
    assertThat(
            AggregatorExactlyOnceIT.differences(
                AggregatorExactlyOnceIT.summaryCounts(latest(hub, topics, Ids.COHORT_SUMMARY)),
                expected.summary()))
        .as("cohort cells that differ from an uninterrupted run")
        .isEmpty();
  }

  private static long policeEnd(JsonNode status, String police) {
    return partitions(status).stream()
        .filter(p -> p.path("topic").asString().equals(police))
        .mapToLong(p -> p.path("end").asLong())
        .sum();
  }

  private static List<JsonNode> partitions(JsonNode status) {
    List<JsonNode> out = new ArrayList<>();
    status.path("partitions").forEach(out::add);
    return out;
  }

  private static Map<String, String> latestFeeds(JsonNode status) {
    Map<String, String> feeds = new HashMap<>();
    status
        .path("dataAsOf")
        .path("latestFeeds")
        .forEach(f -> feeds.put(f.path("agency").asString(), f.path("extractDate").asString()));
    return feeds;
  }

  /** The shipped topic spec with every topic renamed, so this test's topics are its own. */
  private static TopicCatalogue ownTopics(Path dir) throws Exception {
    TopicCatalogue topics = AggregatorUnderTest.ownTopics(dir, "caught-up-it");
    assertThat(topics.byId(Ids.HOTSPOTS).name()).isEqualTo("caught-up-it.hub.hotspots.v1");
    return topics;
  }

  /** As hub-admin: one transaction plays all three agencies, on this test's own topics. */
  private static KafkaProducer<String, SpecificRecord> producer(HubEnvironment hub) {
    return AggregatorUnderTest.producer(hub, "caught-up-it");
  }

  /** One transaction, as an ingest service sends a feed: its records and receipts together. */
  private static void feed(
      KafkaProducer<String, SpecificRecord> producer,
      TopicCatalogue topics,
      List<Sent> events,
      List<FeedReceipt> receipts,
      boolean commit) {
    producer.beginTransaction();
    for (Sent e : events) {
      producer.send(new ProducerRecord<>(topics.byId(e.topicId()).name(), e.key(), e.value()));
    }
    for (FeedReceipt r : receipts) {
      AggregatorUnderTest.send(producer, topics, r);
    }
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.flush();
      producer.abortTransaction();
    }
  }

  private static FeedReceipt receipt(Agency agency, LocalDate extract) {
    Instant completed = extract.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    return AggregatorUnderTest.receipt(agency, extract, completed, 1, Map.of());
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V> latest(
      HubEnvironment hub, TopicCatalogue topics, String topicId) {
    Map<K, V> out = new HashMap<>();
    for (ConsumerRecord<Object, Object> r :
        hub.<Object, Object>readAll(topics.byId(topicId), Duration.ofSeconds(30))) {
      out.put((K) r.key(), (V) r.value());
    }
    return out;
  }

  /** A GET without a token: the status and the health are served to anyone who reaches them. */
  private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return AggregatorUnderTest.get(http, port, path, null);
  }

  private static ConfigurableApplicationContext start(HubEnvironment hub, Path dir) {
    return AggregatorUnderTest.start(hub, dir, "aggregator-caught-up-it", APPLICATION_ID);
  }
}
