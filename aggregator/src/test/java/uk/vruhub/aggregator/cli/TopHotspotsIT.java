package uk.vruhub.aggregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubIntegrationTest;

/**
 * The analyst's {@code top-hotspots} command against a real broker and registry: the latest
 * committed revision of each cell, tombstones honoured, one period, ordered by count, suppressed
 * counts shown as such. On a hotspot topic of its own, so that the tests sharing the broker never
 * see these cells, nor these cells theirs.
 */
@HubIntegrationTest
class TopHotspotsIT {

  private static final String DEFINITION = "top-hotspots-it";
  private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);

  @Test
  void printsTheLatestCellsOfThePeriodInOrderOfCount(HubEnvironment hub, @TempDir Path dir)
      throws Exception {
    TopicSpec hotspots = hub.topics().byId(Ids.HOTSPOTS);
    String topic = "top-hotspots-it." + UUID.randomUUID();
    try (Admin admin = hub.admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(hotspots.config())))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    // The analyst reads it as the hotspot topic: with the grant the policy gives it there.
    hub.grant(
        List.of(
            new AccessRules.Grant(
                "User:vru-analyst",
                "topic",
                topic,
                false,
                List.of("Read", "Describe"),
                "this test's hotspot topic")));
    Path login = dir.resolve("vru-analyst.properties");
    java.util.Properties analyst = new java.util.Properties();
    hub.clientProperties("vru-analyst").forEach((k, v) -> analyst.setProperty(k, v.toString()));
    try (var out = Files.newOutputStream(login)) {
      analyst.store(out, null);
    }
    try (KafkaProducer<HotspotKey, HotspotCell> producer =
        new KafkaProducer<>(
            hub.producerProperties(),
            AvroSerdes.<HotspotKey>keySerde(hotspots, hub.serdeConfig()).serializer(),
            AvroSerdes.<HotspotCell>valueSerde(hotspots, hub.serdeConfig()).serializer())) {
      send(producer, topic, cell("E01000001", JANUARY, 40));
      send(producer, topic, cell("E01000001", JANUARY, 12)); // a revision replaces the first
      send(producer, topic, cell("E01000002", JANUARY, 30));
      send(producer, topic, cell("E01000003", JANUARY, null));
      send(producer, topic, cell("E01000004", JANUARY, 7));
      HotspotCell withdrawn = cell("E01000005", JANUARY, 50);
      send(producer, topic, withdrawn);
      producer.send(new ProducerRecord<>(topic, key(withdrawn), null));
      send(producer, topic, cell("E01000006", LocalDate.of(2025, 12, 1), 99));
      producer.flush();
    }

    StringWriter printed = new StringWriter();
    int exit =
        new CommandLine(new TopHotspots(new PrintWriter(printed, true)))
            .execute(
                "--bootstrap-servers",
                hub.bootstrapServers(),
                "--command-config",
                login.toString(),
                "--registry-url",
                hub.registryUrl(),
                "--registry-user",
                "strategic-board",
                "--registry-password-file",
                hub.secrets().registryPasswordFile("strategic-board").toString(),
                "--ca-file",
                hub.caFile().toString(),
                "--topic",
                topic,
                "--period",
                "MONTH",
                "--start",
                JANUARY.toString(),
                "--definition",
                DEFINITION,
                "--source",
                "POLICE",
                "--timeout-seconds",
                "60");

    assertThat(exit).isZero();
    List<String> rows = printed.toString().lines().filter(line -> line.startsWith("E0")).toList();
    assertThat(printed.toString())
        .startsWith("Top 4 hotspot cells, MONTH from 2026-01-01, " + DEFINITION + "@1, POLICE");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).startsWith("E01000002").contains(" 30 ");
    assertThat(rows.get(1)).startsWith("E01000001").contains(" 12 ");
    assertThat(rows.get(2)).startsWith("E01000004").contains(" 7 ");
    assertThat(rows.get(3)).startsWith("E01000003").contains("suppressed");
  }

  private static void send(
      KafkaProducer<HotspotKey, HotspotCell> producer, String topic, HotspotCell cell) {
    producer.send(new ProducerRecord<>(topic, key(cell), cell));
  }

  private static HotspotKey key(HotspotCell cell) {
    return HotspotKey.newBuilder()
        .setAreaCode(cell.getAreaCode())
        .setPeriodType(cell.getPeriodType())
        .setPeriodStart(cell.getPeriodStart())
        .setDefinitionId(cell.getDefinitionId())
        .setSource(cell.getSource())
        .build();
  }

  private static HotspotCell cell(String lsoa, LocalDate month, Integer count) {
    return HotspotCell.newBuilder()
        .setAreaCode(lsoa)
        .setAreaLevel(AreaLevel.LSOA)
        .setPeriodType(PeriodType.MONTH)
        .setPeriodStart(month)
        .setDefinitionId(DEFINITION + "@1")
        .setSource(HotspotSource.POLICE)
        .setCount(count)
        .setSuppressed(count == null)
        .setRatePer10k(count == null ? null : count * 10_000.0 / 1_600)
        .setUnlocatedIncluded(0)
        .setRevisedAt(Instant.parse("2026-02-03T02:00:00Z"))
        .build();
  }
}
