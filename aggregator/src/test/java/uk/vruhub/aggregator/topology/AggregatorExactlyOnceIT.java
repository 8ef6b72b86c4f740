package uk.vruhub.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.Objects;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.vruhub.aggregator.AggregatorApplication;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.AuditType;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.avro.hub.CohortSummaryKey;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.schemas.serde.AvroSerializer;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubIntegrationTest;

/**
 * The aggregator against the real broker with exactly-once: agency events arrive in two halves
 * (corrections and withdrawals included) and the aggregator is stopped and started again between
 * them. Every hotspot and cohort-summary count it publishes equals the count of an uninterrupted
 * run of the same topology over the same input: nothing lost, nothing doubled.
 */
@HubIntegrationTest
class AggregatorExactlyOnceIT {

  record Sent(String topicId, String key, SpecificRecord value) {}

  @Test
  void aRestartMidStreamLosesAndDoublesNothing(HubEnvironment hub, @TempDir Path dir)
      throws Exception {
    List<Sent> events = events(new Random(11));
    Files.writeString(
        dir.resolve("vru-analyst"),
        new String(TopologyFixture.ANALYST_SECRET, StandardCharsets.UTF_8));

    ConfigurableApplicationContext app = start(hub, dir);
    send(hub, events.subList(0, events.size() / 2));
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> !hub.readAll(hub.topics().byId(Ids.HOTSPOTS), Duration.ofSeconds(30)).isEmpty());
    app.close();

    app = start(hub, dir);
    try {
      send(hub, events.subList(events.size() / 2, events.size()));
      Expected expected = expected(events);

      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                assertThat(differences(counts(latest(hub, Ids.HOTSPOTS)), expected.hotspots()))
                    .as("hotspot cells that differ")
                    .isEmpty();
                assertThat(
                        differences(
                            summaryCounts(latest(hub, Ids.COHORT_SUMMARY)), expected.summary()))
                    .as("cohort cells that differ")
                    .isEmpty();
              });
      System.out.printf(
          "Aggregator restarted mid-stream: %d events in, %d hotspot cells and %d cohort cells"
              + " equal to an uninterrupted run%n",
          events.size(), expected.hotspots().size(), expected.summary().size());

      List<ConsumerRecord<Object, Object>> hotspots =
          hub.readAll(hub.topics().byId(Ids.HOTSPOTS), Duration.ofSeconds(30));
      assertThat(
              new String(
                  hotspots.get(0).headers().lastHeader(PolicyIdentity.HEADER_ID).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo("demo-vru-isa");
      List<ConsumerRecord<String, AuditEvent>> audit =
          hub.readAll(hub.topics().byId(Ids.AUDIT), Duration.ofSeconds(30));
      assertThat(audit).extracting(r -> r.value().getType()).contains(AuditType.POLICY_LOADED);
      suppressionAuditedOnce(hub, Ids.HOTSPOTS, hotspots, v -> ((HotspotCell) v).getSuppressed());
      suppressionAuditedOnce(
          hub,
          Ids.COHORT_SUMMARY,
          hub.readAll(hub.topics().byId(Ids.COHORT_SUMMARY), Duration.ofSeconds(30)),
          v -> ((uk.vruhub.avro.hub.CohortSummaryCell) v).getSuppressed());

      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      HttpClient http = hub.httpClient();
      String analyst = hub.secrets().token("vru-analyst");
      HttpResponse<String> csv =
          get(
              http,
              port,
              "/api/v1/hotspots?period=MONTH&definition=northumbria-who&format=csv",
              analyst);
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.body())
          .startsWith(
              "areaCode,areaLevel,periodType,periodStart,definitionId,source,count,suppressed,ratePer10k,unlocatedIncluded,revisedAt");
      HttpResponse<String> withToken = get(http, port, "/api/v1/cohort/profiles", analyst);
      assertThat(withToken.statusCode()).as("the analyst gets level 2").isEqualTo(200);
      assertThat(withToken.body()).contains("personPseudonym");
      assertThat(
              get(http, port, "/api/v1/cohort/summary", analyst, "text/csv")
                  .headers()
                  .firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
      trackerCountedOnce(http, port, analyst, events);
      recipients(hub, http, port);
      refusals(http, port, analyst);
      transport(port);
    } finally {
      app.close();
    }
    addingADefinitionRecomputesHistory(hub, dir, events);
  }

  /**
   * The documented procedure for a new definition (aggregator/README.md): the aggregator started
   * under a new application id reads the agency topics from the start, so the new definition counts
   * every past event, and the definitions already there republish what they had.
   */
  private static void addingADefinitionRecomputesHistory(
      HubEnvironment hub, Path dir, List<Sent> events) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    com.fasterxml.jackson.databind.JsonNode root;
    try (var in =
        uk.vruhub.aggregator.definitions.Definitions.class.getResourceAsStream(
            uk.vruhub.aggregator.definitions.Definitions.SHIPPED)) {
      root = yaml.readTree(in);
    }
    var list = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("definitions");
    var hips = ((com.fasterxml.jackson.databind.node.ObjectNode) list.get(1)).deepCopy();
    assertThat(hips.get("id").asText()).isEqualTo("hips-2023");
    hips.put("version", 2);
    list.insert(0, hips);
    Path definitions = dir.resolve("definitions-added.yaml");
    yaml.writeValue(definitions.toFile(), root);

    Map<HotspotKey, Integer> expected = new HashMap<>(expected(events).hotspots());
    new HashMap<>(expected)
        .forEach(
            (k, count) -> {
              if (k.getDefinitionId().equals("hips-2023@1")) {
                expected.put(
                    HotspotKey.newBuilder(k).setDefinitionId("hips-2023@2").build(), count);
              }
            });
    ConfigurableApplicationContext recomputed =
        start(
            hub,
            dir,
            "vru-aggregator-eos-it-v2",
            dir.resolve("state-v2"),
            "--hub.aggregator.definitions-file=" + definitions);
    try {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(differences(counts(latest(hub, Ids.HOTSPOTS)), expected))
                      .as("hotspot cells that differ after recomputing with a new definition")
                      .isEmpty());
      System.out.printf(
          "A new definition recomputed from the input: %d hotspot cells as expected%n",
          expected.size());
    } finally {
      recomputed.close();
    }
  }

  /**
   * The topology audits the publication cycles of a level-1 topic inside its transactions: over the
   * stop and restart, the cycles' counts add up to exactly the records, suppressed records and
   * withdrawals committed to the topic, none missing and none counted twice.
   */
  private static void suppressionAuditedOnce(
      HubEnvironment hub,
      String topicId,
      List<ConsumerRecord<Object, Object>> published,
      java.util.function.Predicate<Object> isSuppressed) {
    long suppressed =
        published.stream().filter(r -> r.value() != null && isSuppressed.test(r.value())).count();
    String topic = hub.topics().byId(topicId).name();
    assertThat(suppressed).as("suppressed records published on " + topic).isPositive();
    long withValue = published.stream().filter(r -> r.value() != null).count();
    long withdrawn = published.size() - withValue;
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              List<AuditEvent> cycles =
                  hub
                      .<String, AuditEvent>readAll(
                          hub.topics().byId(Ids.AUDIT), Duration.ofSeconds(30))
                      .stream()
                      .map(ConsumerRecord::value)
                      .filter(
                          e ->
                              e.getType() == AuditType.PUBLICATION_CYCLE
                                  && topic.equals(e.getTopic()))
                      .toList();
              assertThat(cycles.stream().mapToLong(AuditEvent::getCellsSuppressed).sum())
                  .as("suppressed records of " + topic + " audited")
                  .isEqualTo(suppressed);
              assertThat(cycles.stream().mapToLong(AuditEvent::getCellsPublished).sum())
                  .as("records of " + topic + " audited, each once")
                  .isEqualTo(withValue);
              assertThat(cycles.stream().mapToLong(AuditEvent::getCellsWithdrawn).sum())
                  .as("withdrawals of " + topic + " audited")
                  .isEqualTo(withdrawn);
            });
    System.out.printf(
        "Publication audit: %d records (%d suppressed) and %d withdrawals on %s, as many"
            + " audited%n",
        withValue, suppressed, withdrawn, topic);
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path, String token)
      throws Exception {
    return get(http, port, path, token, "*/*");
  }

  private static HttpResponse<String> get(
      HttpClient http, int port, String path, String token, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
            .header("Accept", accept);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Each recipient of the shipped policy over real HTTPS with its own token: what the policy grants
   * it answers 200, anything else 403; no token or a wrong one is 401, for level 1 too.
   */
  private static void recipients(HubEnvironment hub, HttpClient http, int port) throws Exception {
    String csp = hub.secrets().token("csp-partners");
    String board = hub.secrets().token("strategic-board");
    Object[][] cases = {
      {"/api/v1/hotspots", null, 401},
      {"/api/v1/cohort/summary", null, 401},
      {"/api/v1/cohort/profiles", null, 401},
      {"/api/v1/hotspots", "not-a-token", 401},
      {"/api/v1/hotspots", csp, 200},
      {"/api/v1/cohort/summary", csp, 200},
      {"/api/v1/cohort/profiles", csp, 403},
      {"/api/v1/hotspots", board, 200},
      {"/api/v1/cohort/summary", board, 403},
      {"/api/v1/cohort/profiles", board, 403},
      {"/api/v1/status", null, 200}
    };
    for (Object[] c : cases) {
      HttpResponse<String> r = get(http, port, (String) c[0], (String) c[1]);
      String who =
          c[1] == null
              ? "no token"
              : c[1] == csp ? "csp-partners" : c[1] == board ? "strategic-board" : "a wrong token";
      System.out.printf("%-26s %-16s -> %d%n", c[0], who, r.statusCode());
      assertThat(r.statusCode()).as("GET %s with %s", c[0], who).isEqualTo((int) c[2]);
      if ((int) c[2] == 401) {
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      }
    }
  }

  /** Only TLS clients that trust the hub's CA are served; plain HTTP gets Tomcat's refusal. */
  private static void transport(int port) throws Exception {
    HttpRequest status =
        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/status")).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> HttpClient.newHttpClient().send(status, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    HttpResponse<String> plain =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/status"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(plain.body()).contains("requires TLS");
  }

  /**
   * The analyst API's refusals once through the real server (Tomcat decodes the query, Boot wires
   * the advice): each an RFC 9457 problem with its status.
   */
  private static void refusals(HttpClient http, int port, String analyst) throws Exception {
    String[][] cases = {
      {"GET", "/api/v1/hotspots?limit=-1", "*/*", "400", "limit must be a whole number"},
      {"GET", "/api/v1/hotspots?format=xml", "*/*", "400", "format must be json or csv"},
      {"GET", "/api/v1/hotspots?perod=MONTH", "*/*", "400", "Unknown parameter perod"},
      {"GET", "/api/v1/hotspots?start=2026-03-10", "*/*", "400", "the 1st of a month"},
      {"GET", "/api/v1/cohort/summary?ageBand=25+", "*/*", "400", "%2B"},
      {"GET", "/api/v1/hotspots", "application/xml", "406", "application/json or text/csv"},
      {"GET", "/api/v1/hotspot", "*/*", "404", "/api/v1/hotspots"},
      {"POST", "/api/v1/hotspots", "*/*", "405", "POST"},
      {"GET", "/api/v1/cohort/profiles", "text/csv", "401", "bearer token"}
    };
    for (String[] c : cases) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + port + c[1]))
                  .method(c[0], HttpRequest.BodyPublishers.noBody())
                  .header("Accept", c[2])
                  .header(
                      "Authorization",
                      c[4].equals("bearer token") ? "Bearer wrong" : "Bearer " + analyst)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("%s %s", c[0], c[1]).isEqualTo(Integer.parseInt(c[3]));
      assertThat(r.headers().firstValue("Content-Type"))
          .as("%s %s", c[0], c[1])
          .hasValue("application/problem+json");
      assertThat(r.body())
          .as("%s %s", c[0], c[1])
          .contains("\"type\":\"about:blank\"", "\"status\":" + c[3], c[4]);
    }
  }

  private static ConfigurableApplicationContext start(HubEnvironment hub, Path dir) {
    // Under the aggregator's application id, as its ACLs name it.
    return start(hub, dir, "vru-aggregator-eos-it", dir.resolve("state"));
  }

  private static ConfigurableApplicationContext start(
      HubEnvironment hub, Path dir, String applicationId, Path stateDir, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.application.name=aggregator-it",
                "--spring.kafka.bootstrap-servers=" + hub.bootstrapServers(),
                "--hub.aggregator.application-id=" + applicationId,
                "--hub.aggregator.state-dir=" + stateDir,
                "--hub.aggregator.policy-file=../deploy/policy/vru-hub-isa.yaml",
                "--hub.aggregator.areas-file=src/test/resources/areas-sample.csv",
                "--hub.aggregator.population-file=src/test/resources/population-sample.csv",
                "--hub.aggregator.recipient-secrets-dir=" + dir,
                "--hub.aggregator.registry.auto-register=true",
                "--hub.aggregator.stream-threads=1",
                // Audited often enough that the test sees every suppressed cell counted.
                "--hub.aggregator.audit-interval=1s"));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(AggregatorApplication.class)
        .run(SecuredArgs.with(hub, args.toArray(String[]::new)));
  }

  /** Keys whose counts differ, with both counts, for a readable failure. */
  static <K> List<String> differences(Map<K, Integer> actual, Map<K, Integer> expected) {
    List<String> out = new ArrayList<>();
    java.util.Set<K> keys = new java.util.HashSet<>(actual.keySet());
    keys.addAll(expected.keySet());
    for (K k : keys) {
      // A cell that held people and emptied is hidden in one run (the shipped policy hides 0 like
      // 1 to 4, so it is not republished when it empties) and, where caching collapsed the
      // updates, never published in the other: both say "0 to 4", which is what hidden means.
      if (!Objects.equals(hiddenOrShown(actual.get(k)), hiddenOrShown(expected.get(k)))) {
        out.add(k + ": published " + actual.get(k) + ", uninterrupted run " + expected.get(k));
      }
    }
    return out;
  }

  /** A published count as a reader tells it apart: absent, 0 and hidden all read "0 to 4". */
  private static int hiddenOrShown(Integer count) {
    return count == null || count <= 0 ? -1 : count;
  }

  static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The tracker's completeness counted every record sent exactly once, per agency and extract
   * month, as the tracker publishes counts ({@code TrackerDisclosure}: small counts null, others
   * rounded to 5; the floor read from the report). Police rows are counted from every change of the
   * uncached police table, so a correction counts again, as the README says: every police value
   * sent counts once.
   */
  private static void trackerCountedOnce(HttpClient http, int port, String token, List<Sent> events)
      throws Exception {
    Map<String, long[]> sent = new java.util.TreeMap<>();
    for (Sent e : events) {
      if (e.value() == null) {
        continue;
      }
      String key;
      boolean located;
      if (e.value() instanceof uk.vruhub.avro.agency.EdAssaultAttendance a) {
        key = "HEALTH " + java.time.YearMonth.from(a.getExtractDate());
        located = a.getIncidentArea() != null;
      } else if (e.value() instanceof uk.vruhub.avro.agency.SchoolEvent x) {
        key = "EDUCATION " + java.time.YearMonth.from(x.getExtractDate());
        located = false;
      } else if (e.value() instanceof uk.vruhub.avro.agency.PoliceCrimeEvent c) {
        key = "POLICE " + java.time.YearMonth.from(c.getExtractDate());
        located = c.getIncidentArea() != null;
      } else {
        continue;
      }
      long[] n = sent.computeIfAbsent(key, k -> new long[2]);
      n[0]++;
      if (located) {
        n[1]++;
      }
    }
    HttpResponse<String> answer = get(http, port, "/api/v1/tracker", token);
    assertThat(answer.statusCode()).isEqualTo(200);
    tools.jackson.databind.JsonNode tracker =
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(answer.body());
    uk.vruhub.aggregator.tracker.TrackerDisclosure rule =
        new uk.vruhub.aggregator.tracker.TrackerDisclosure(
            tracker.path("suppressionFloor").asInt());
    Map<String, String> published = new java.util.TreeMap<>();
    for (tools.jackson.databind.JsonNode month : tracker.path("completeness")) {
      String agency = month.path("agency").asString();
      published.put(
          agency + " " + month.path("month").asString(),
          shown(month.path("records"))
              + (agency.equals("EDUCATION")
                  ? ""
                  : " " + shown(month.path("fields").get(0).path("present"))));
    }
    Map<String, String> expected = new java.util.TreeMap<>();
    sent.forEach(
        (k, n) ->
            expected.put(
                k,
                String.valueOf(rule.count(n[0])).replace("null", "")
                    + (k.startsWith("EDUCATION")
                        ? ""
                        : " " + String.valueOf(rule.count(n[1])).replace("null", ""))));
    assertThat(published)
        .as("records (and located records) per agency and month")
        .isEqualTo(expected);
  }

  private static String shown(tools.jackson.databind.JsonNode n) {
    return n.isNull() || n.isMissingNode() ? "" : String.valueOf(n.asLong());
  }

  /** Each agency's events sent as its own ingest service, which alone may write them. */
  private static void send(HubEnvironment hub, List<Sent> events) {
    Map<String, List<Sent>> byAgency = new java.util.LinkedHashMap<>();
    for (Sent e : events) {
      String topic = hub.topics().byId(e.topicId()).name();
      byAgency
          .computeIfAbsent(topic.substring(0, topic.indexOf('.')), a -> new ArrayList<>())
          .add(e);
    }
    byAgency.forEach(
        (agency, sent) -> {
          try (KafkaProducer<String, SpecificRecord> producer =
              new KafkaProducer<>(
                  hub.producerProperties(HubPrincipals.ingest(agency)),
                  new StringSerializer(),
                  new AvroSerializer<>(hub.serdeConfig().client(), true, false))) {
            for (Sent e : sent) {
              producer.send(
                  new ProducerRecord<>(hub.topics().byId(e.topicId()).name(), e.key(), e.value()));
            }
          }
        });
  }

  record Expected(Map<HotspotKey, Integer> hotspots, Map<CohortSummaryKey, Integer> summary) {}

  /** What an uninterrupted run of the same topology makes of the same input. */
  static Expected expected(List<Sent> events) {
    try (TopologyFixture fixture = new TopologyFixture()) {
      for (Sent e : events) {
        switch (e.topicId()) {
          case Ids.POLICE_CRIME_EVENTS ->
              fixture.police.pipeInput(e.key(), (uk.vruhub.avro.agency.PoliceCrimeEvent) e.value());
          case Ids.HEALTH_ED_ASSAULT_ATTENDANCES ->
              fixture.health.pipeInput(
                  e.key(), (uk.vruhub.avro.agency.EdAssaultAttendance) e.value());
          default ->
              fixture.education.pipeInput(e.key(), (uk.vruhub.avro.agency.SchoolEvent) e.value());
        }
      }
      Map<HotspotKey, HotspotCell> cells = fixture.latestHotspots(new HashMap<>());
      Map<CohortSummaryKey, CohortSummaryCell> summary = new HashMap<>();
      fixture.summary.readRecordsToList().forEach(r -> summary.put(r.key(), r.value()));
      return new Expected(counts(cells), summaryCounts(summary));
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V> latest(HubEnvironment hub, String topicId) {
    Map<K, V> out = new HashMap<>();
    for (ConsumerRecord<Object, Object> r :
        hub.<Object, Object>readAll(hub.topics().byId(topicId), Duration.ofSeconds(30))) {
      out.put((K) r.key(), (V) r.value());
    }
    return out;
  }

  static Map<HotspotKey, Integer> counts(Map<HotspotKey, HotspotCell> cells) {
    Map<HotspotKey, Integer> out = new HashMap<>();
    cells.forEach((k, v) -> out.put(k, v.getCount() == null ? -1 : v.getCount()));
    return out;
  }

  static Map<CohortSummaryKey, Integer> summaryCounts(
      Map<CohortSummaryKey, CohortSummaryCell> cells) {
    Map<CohortSummaryKey, Integer> out = new HashMap<>();
    cells.forEach(
        (k, v) -> out.put(k, v == null ? 0 : v.getPersons() == null ? -1 : v.getPersons()));
    out.values().removeIf(Objects::isNull);
    return out;
  }

  /** Synthetic events with people across agencies, corrections and withdrawals. */
  static List<Sent> events(Random random) {
    List<Sent> out = new ArrayList<>();
    String[] lsoas = {"E01900001", "E01900002", "E01900003", "E01900005", "E01900008", "E01900011"};
    for (int i = 0; i < 1200; i++) {
      String person = "person" + random.nextInt(400);
      Random crimeAttributes = new Random(i / 2);
      var crime =
          Events.crime("r" + i, "c" + (i / 2), person)
              .setOccurredFrom(
                  Instant.parse("2026-01-05T12:00:00Z")
                      .plus(Duration.ofHours(crimeAttributes.nextInt(24 * 80))))
              .setIncidentArea(Events.area(lsoas[crimeAttributes.nextInt(lsoas.length)]))
              .setPlaceType(crimeAttributes.nextInt(3) == 0 ? PlaceType.DWELLING : PlaceType.PUBLIC)
              .setDomesticAbuse(crimeAttributes.nextInt(3) == 0)
              .setWeapon(crimeAttributes.nextInt(4) == 0 ? Weapon.KNIFE_OR_BLADED : Weapon.NONE)
              .setInjury(InjuryLevel.values()[crimeAttributes.nextInt(5)])
              .setRole(random.nextBoolean() ? PersonRole.VICTIM : PersonRole.SUSPECT)
              .setAgeAtEvent(12 + random.nextInt(30))
              .setMatchKeys(List.of(Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, person)))
              .build();
      out.add(new Sent(Ids.POLICE_CRIME_EVENTS, crime.getRecordPseudonym(), crime));
      if (i % 10 == 0) {
        var corrected =
            uk.vruhub.avro.agency.PoliceCrimeEvent.newBuilder(crime)
                .setWeapon(Weapon.FIREARM)
                .build();
        out.add(new Sent(Ids.POLICE_CRIME_EVENTS, crime.getRecordPseudonym(), corrected));
      }
      if (i % 17 == 0) {
        out.add(new Sent(Ids.POLICE_CRIME_EVENTS, crime.getRecordPseudonym(), null));
      }
    }
    for (int i = 0; i < 300; i++) {
      String person = "person" + random.nextInt(400);
      var attendance =
          Events.attendance("h" + i, person)
              .setArrivedAt(
                  Instant.parse("2026-01-05T12:00:00Z")
                      .plus(Duration.ofHours(random.nextInt(24 * 80))))
              .setIncidentArea(
                  random.nextInt(3) == 0 ? Events.area(lsoas[random.nextInt(lsoas.length)]) : null)
              .setMatchKeys(List.of(Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, person)))
              .setAgeAtEvent(12 + random.nextInt(30))
              .build();
      out.add(
          new Sent(Ids.HEALTH_ED_ASSAULT_ATTENDANCES, attendance.getRecordPseudonym(), attendance));
    }
    for (int i = 0; i < 300; i++) {
      String person = "person" + random.nextInt(400);
      var event =
          Events.school("s" + i, person)
              .setStartDate(LocalDate.of(2026, 1, 5).plusDays(random.nextInt(80)))
              .setMatchKeys(List.of(Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, person)))
              .build();
      out.add(new Sent(Ids.EDUCATION_SCHOOL_EVENTS, event.getRecordPseudonym(), event));
    }
    java.util.Collections.shuffle(out.subList(0, out.size()), random);
    return out;
  }
}
