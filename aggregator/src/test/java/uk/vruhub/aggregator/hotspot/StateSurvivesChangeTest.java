package uk.vruhub.aggregator.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.aggregator.state.CrimeState;
import uk.vruhub.aggregator.topology.Events;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.avro.agency.AssaultLocationType;
import uk.vruhub.avro.agency.AssaultMethod;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;

/**
 * Hotspot state written under one definitions file is read under another: an aggregator whose
 * definitions were reordered restores the state (from the changelog records the first one wrote)
 * and goes on, taking back corrected and withdrawn incidents from the right definitions. Adding a
 * definition recomputes history from the input topics (a reset): the new definition counts every
 * past event and the existing ones publish exactly what they did.
 */
class StateSurvivesChangeTest {

  /** The first half of the input: crimes and attendances meeting different definitions. */
  private static void first(HotspotFixture f) {
    Random random = new Random(7);
    for (int i = 0; i < 60; i++) {
      f.police.pipeInput("r" + i, crime(i, random));
    }
    for (int i = 0; i < 30; i++) {
      f.health.pipeInput("h" + i, attendance(i, random.nextInt(3)));
    }
    f.flush();
  }

  /** The second half: corrections and withdrawals of the first, and new events. */
  private static void second(HotspotFixture f) {
    Random random = new Random(8);
    for (int i = 0; i < 60; i += 3) {
      f.police.pipeInput("r" + i, null);
    }
    for (int i = 1; i < 60; i += 4) {
      f.police.pipeInput(
          "r" + i,
          PoliceCrimeEvent.newBuilder(crime(i, new Random(i)))
              .setDomesticAbuse(true)
              .setPlaceType(PlaceType.DWELLING)
              .setAgeAtEvent(40)
              .build());
    }
    for (int i = 60; i < 80; i++) {
      f.police.pipeInput("r" + i, crime(i, random));
    }
    for (int i = 0; i < 30; i += 2) {
      f.health.pipeInput("h" + i, i % 4 == 0 ? null : attendance(i, 2));
    }
    f.flush();
  }

  private static PoliceCrimeEvent crime(int i, Random random) {
    return Events.crime("r" + i, "c" + (i / 2), "p" + i)
        .setOccurredFrom(
            Instant.parse("2026-03-02T12:00:00Z").plus(Duration.ofHours(random.nextInt(24 * 30))))
        .setDomesticAbuse(random.nextInt(3) == 0)
        .setPlaceType(random.nextBoolean() ? PlaceType.PUBLIC : PlaceType.DWELLING)
        .setWeapon(random.nextInt(3) == 0 ? Weapon.KNIFE_OR_BLADED : Weapon.NONE)
        .setInjury(random.nextBoolean() ? InjuryLevel.SERIOUS : InjuryLevel.MINOR)
        .setAgeAtEvent(14 + random.nextInt(30))
        .build();
  }

  private static uk.vruhub.avro.agency.EdAssaultAttendance attendance(int i, int kind) {
    return Events.attendance("h" + i, "q" + i)
        .setIncidentArea(kind == 0 ? null : Events.TOWN)
        .setAssaultMethod(kind == 2 ? AssaultMethod.BODY_PART : AssaultMethod.KNIFE_OR_BLADED)
        .setAssaultLocationType(kind == 1 ? AssaultLocationType.HOME : AssaultLocationType.OTHER)
        .build();
  }

  @Test
  void reorderedDefinitionsReadTheStateTheirPredecessorWrote(@TempDir Path dir) throws IOException {
    Definitions reordered =
        Definitions.load(
            write(
                dir,
                "reordered.yaml",
                list -> {
                  List<JsonNode> nodes = new ArrayList<>();
                  list.forEach(nodes::add);
                  list.removeAll();
                  java.util.Collections.reverse(nodes);
                  list.addAll(nodes);
                }));
    assertThat(reordered.all().get(0).key())
        .as("the file's order changed")
        .isNotEqualTo(Definitions.shipped().all().get(0).key());

    Map<CellDefinition, Counts> uninterrupted;
    try (HotspotFixture reference = new HotspotFixture(reordered)) {
      first(reference);
      second(reference);
      uninterrupted = reference.cells();
    }

    Map<CellDefinition, Counts> restored;
    try (HotspotFixture before = new HotspotFixture(Definitions.shipped())) {
      first(before);
      Changelogs written = Changelogs.of(before);
      try (HotspotFixture after = new HotspotFixture(reordered)) {
        written.restoreInto(after);
        second(after);
        restored = after.cells();
      }
    }
    assertThat(restored).isNotEmpty().isEqualTo(uninterrupted);
  }

  @Test
  void addingADefinitionAndRecomputingFromTheInputCountsItsHistory(@TempDir Path dir)
      throws IOException {
    Definitions added =
        Definitions.load(
            write(
                dir,
                "added.yaml",
                list -> {
                  ObjectNode hips = ((ObjectNode) list.get(1)).deepCopy();
                  hips.put("version", 2);
                  list.insert(0, hips);
                }));
    assertThat(added.all()).extracting(Definition::key).contains("hips-2023@2", "hips-2023@1");

    Map<HotspotKey, HotspotCell> was = new LinkedHashMap<>();
    try (HotspotFixture before = new HotspotFixture()) {
      first(before);
      second(before);
      before.latestHotspots(was);
    }
    // The reset: a new application (or a reset one) reads the input topics from the start.
    Map<HotspotKey, HotspotCell> now = new LinkedHashMap<>();
    try (HotspotFixture recomputed = new HotspotFixture(added)) {
      first(recomputed);
      second(recomputed);
      recomputed.latestHotspots(now);
    }
    Map<HotspotKey, HotspotCell> existing = new LinkedHashMap<>(now);
    existing.keySet().removeIf(k -> k.getDefinitionId().equals("hips-2023@2"));
    assertThat(existing).as("the definitions already there publish what they did").isEqualTo(was);
    now.forEach(
        (k, v) -> {
          if (k.getDefinitionId().equals("hips-2023@2")) {
            HotspotKey v1 = HotspotKey.newBuilder(k).setDefinitionId("hips-2023@1").build();
            assertThat(v.getCount())
                .as("the new definition (a copy of hips-2023@1) counts all history: %s", k)
                .isEqualTo(was.get(v1).getCount());
          }
        });
    assertThat(now.keySet()).anyMatch(k -> k.getDefinitionId().equals("hips-2023@2"));
  }

  /** The shipped definitions file with its list changed. */
  private static Path write(Path dir, String name, Consumer<ArrayNode> change) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode root;
    try (InputStream in = Definitions.class.getResourceAsStream(Definitions.SHIPPED)) {
      root = yaml.readTree(in);
    }
    change.accept((ArrayNode) root.get("definitions"));
    Path file = dir.resolve(name);
    yaml.writeValue(file.toFile(), root);
    return file;
  }

  /**
   * What a task's changelogs hold at the end of a run (the latest record of each key, as compaction
   * keeps), restored into another driver's stores as Kafka Streams restores them: the bytes read
   * back through the new topology's serdes. The police rows restore from their input topic, which
   * holds the same rows whatever the definitions.
   */
  record Changelogs(
      Map<byte[], byte[]> contributions,
      Map<byte[], byte[]> cells,
      Map<byte[], byte[]> pending,
      Map<byte[], TestRecord<byte[], byte[]>> crimes,
      List<KeyValue<String, ValueAndTimestamp<PoliceCrimeEvent>>> rows) {

    static Changelogs of(HotspotFixture f) {
      List<KeyValue<String, ValueAndTimestamp<PoliceCrimeEvent>>> rows = new ArrayList<>();
      KeyValueStore<String, ValueAndTimestamp<PoliceCrimeEvent>> rowStore =
          f.driver.getTimestampedKeyValueStore(HubTopology.POLICE_ROWS_STORE);
      try (KeyValueIterator<String, ValueAndTimestamp<PoliceCrimeEvent>> it = rowStore.all()) {
        it.forEachRemaining(rows::add);
      }
      Map<byte[], TestRecord<byte[], byte[]>> crimes = new java.util.TreeMap<>(Changelogs::compare);
      changelog(f, HotspotTopology.CRIMES_STORE).forEach(r -> crimes.put(r.key(), r));
      return new Changelogs(
          latest(f, HotspotTopology.CONTRIBUTIONS_STORE),
          latest(f, HotspotTopology.CELLS_STORE),
          latest(f, HotspotTopology.PENDING_STORE),
          crimes,
          rows);
    }

    void restoreInto(HotspotFixture f) {
      restore(
          f,
          HotspotTopology.CONTRIBUTIONS_STORE,
          contributions,
          Serdes.String(),
          HotspotSerdes.contribution());
      restore(
          f, HotspotTopology.CELLS_STORE, cells, HotspotSerdes.cell(), HotspotSerdes.cellCounts());
      restore(
          f,
          HotspotTopology.PENDING_STORE,
          pending,
          HotspotSerdes.cell(),
          HotspotSerdes.cellCounts());
      KeyValueStore<String, ValueAndTimestamp<CrimeState>> crimeStore =
          f.driver.getTimestampedKeyValueStore(HotspotTopology.CRIMES_STORE);
      crimes.values().stream()
          .filter(r -> r.value() != null)
          .forEach(
              r ->
                  crimeStore.put(
                      Serdes.String().deserializer().deserialize("", r.key()),
                      ValueAndTimestamp.make(
                          CrimeState.serde().deserializer().deserialize("", r.value()),
                          r.timestamp())));
      KeyValueStore<String, ValueAndTimestamp<PoliceCrimeEvent>> rowStore =
          f.driver.getTimestampedKeyValueStore(HubTopology.POLICE_ROWS_STORE);
      rows.forEach(kv -> rowStore.put(kv.key, kv.value));
      assertThat(f.cells()).as("restored").isNotEmpty();
    }

    private static <K, V> void restore(
        HotspotFixture f, String store, Map<byte[], byte[]> log, Serde<K> keys, Serde<V> values) {
      KeyValueStore<K, V> s = f.driver.getKeyValueStore(store);
      log.forEach(
          (k, v) -> {
            if (v != null) {
              s.put(
                  keys.deserializer().deserialize("", k), values.deserializer().deserialize("", v));
            }
          });
    }

    private static List<TestRecord<byte[], byte[]>> changelog(HotspotFixture f, String store) {
      String topic = "hotspot-test-" + store + "-changelog";
      assertThat(f.driver.producedTopicNames()).contains(topic);
      TestOutputTopic<byte[], byte[]> out =
          f.driver.createOutputTopic(
              topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
      return out.readRecordsToList();
    }

    private static Map<byte[], byte[]> latest(HotspotFixture f, String store) {
      Map<byte[], byte[]> out = new java.util.TreeMap<>(Changelogs::compare);
      changelog(f, store).forEach(r -> out.put(r.key(), r.value()));
      return out;
    }

    private static int compare(byte[] a, byte[] b) {
      return java.util.Arrays.compare(a, b);
    }
  }
}
