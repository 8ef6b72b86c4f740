package uk.vruhub.aggregator.hotspot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.aggregator.reference.Population;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.aggregator.topology.TopologyTuning;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.enforce.PolicyEnforcer;
import uk.vruhub.policy.enforce.RecipientSecrets;
import uk.vruhub.policy.geo.AreaHierarchy;
import uk.vruhub.schemas.registry.InMemorySchemaRegistry;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The hotspot sub-topology alone ({@link HotspotTopology#build}) under TopologyTestDriver, with the
 * shipped policy, the synthetic area sample, an in-memory registry and the definitions given.
 */
final class HotspotFixture implements AutoCloseable {

  static final Path POLICY = Path.of("../deploy/policy/vru-hub-isa.yaml");
  static final TopologyTuning TUNING =
      new TopologyTuning(java.time.Duration.ofMillis(100), TopologyTuning.DEFAULT_AUDIT_INTERVAL);

  /** The driver's wall clock at the start, so that a test can tell when punctuations ran. */
  static final Instant WALL_CLOCK_START = Instant.parse("2026-04-01T06:00:00Z");

  final AggregatorSettings settings;
  final TopologyTestDriver driver;
  final TestInputTopic<String, PoliceCrimeEvent> police;
  final TestInputTopic<String, EdAssaultAttendance> health;
  final TestOutputTopic<HotspotKey, HotspotCell> hotspots;
  final TestOutputTopic<String, AuditEvent> audit;

  HotspotFixture() {
    this(Definitions.shipped());
  }

  HotspotFixture(Definitions definitions) {
    this(definitions, Clock.fixed(Instant.parse("2026-04-01T06:00:00Z"), ZoneOffset.UTC));
  }

  /**
   * The settings the fixture's topology runs under: the shipped policy, the sample areas and
   * populations, an in-memory registry and the definitions given.
   */
  static AggregatorSettings settings(Definitions definitions, Clock clock) {
    return settings(definitions, clock, Policy.load(POLICY));
  }

  /** The settings above under another policy. */
  static AggregatorSettings settings(Definitions definitions, Clock clock, Policy policy) {
    AreaHierarchy areas = AreaHierarchy.load(Path.of("src/test/resources/areas-sample.csv"));
    Population population;
    try (var reader =
        Files.newBufferedReader(Path.of("src/test/resources/population-sample.csv"))) {
      population = Population.read(reader, "sample", areas);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TopicCatalogue topics = TopicCatalogue.load();
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);
    PolicyEnforcer enforcer =
        PolicyEnforcer.create(
            policy,
            topics,
            areas,
            RecipientSecrets.of(
                Map.of(
                    "vru-analyst",
                    "hotspot-test-secret-for-the-vru-analyst-000001"
                        .getBytes(StandardCharsets.UTF_8))));
    return new AggregatorSettings(
        topics,
        registry,
        true,
        definitions,
        enforcer,
        areas,
        population,
        "E23900001",
        CohortRules.defaults("hips-2023"),
        clock,
        AggregatorSettings.StateStores.IN_MEMORY);
  }

  /** With a clock of the test's own: when records are revised. */
  HotspotFixture(Definitions definitions, Clock clock) {
    this(settings(definitions, clock));
  }

  /** Under another policy. */
  HotspotFixture(Policy policy) {
    this(
        settings(
            Definitions.shipped(),
            Clock.fixed(Instant.parse("2026-04-01T06:00:00Z"), ZoneOffset.UTC),
            policy));
  }

  private HotspotFixture(AggregatorSettings settings) {
    this.settings = settings;
    TopicCatalogue topics = settings.topics();
    InMemorySchemaRegistry registry = (InMemorySchemaRegistry) settings.registry();
    StreamsBuilder builder = new StreamsBuilder();
    Serde<String> strings = Serdes.String();
    Serde<PoliceCrimeEvent> policeSerde = serde(PoliceCrimeEvent.class, registry, false);
    KTable<String, PoliceCrimeEvent> rows =
        builder.table(
            topics.byId(Ids.POLICE_CRIME_EVENTS).name(),
            Consumed.with(strings, policeSerde),
            Materialized.<String, PoliceCrimeEvent>as(
                    HubTopology.store(settings, HubTopology.POLICE_ROWS_STORE))
                .withKeySerde(strings)
                .withValueSerde(policeSerde));
    KStream<String, EdAssaultAttendance> attendances =
        builder.stream(
            topics.byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES).name(),
            Consumed.with(strings, serde(EdAssaultAttendance.class, registry, false)));
    HotspotTopology.build(builder, settings, TUNING, rows, attendances);

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "hotspot-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    driver = new TopologyTestDriver(builder.build(props), props, WALL_CLOCK_START);
    police =
        driver.createInputTopic(
            topics.byId(Ids.POLICE_CRIME_EVENTS).name(),
            strings.serializer(),
            policeSerde.serializer());
    health =
        driver.createInputTopic(
            topics.byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES).name(),
            strings.serializer(),
            serde(EdAssaultAttendance.class, registry, false).serializer());
    hotspots =
        driver.createOutputTopic(
            topics.byId(Ids.HOTSPOTS).name(),
            serde(HotspotKey.class, registry, true).deserializer(),
            serde(HotspotCell.class, registry, false).deserializer());
    audit =
        driver.createOutputTopic(
            topics.byId(Ids.AUDIT).name(),
            strings.deserializer(),
            serde(AuditEvent.class, registry, false).deserializer());
  }

  private static <T extends SpecificRecord> Serde<T> serde(
      Class<T> type, InMemorySchemaRegistry registry, boolean key) {
    return AvroSerdes.specific(type, registry, true, key);
  }

  /** Lets a flush interval of wall-clock time pass: pending deltas are counted and published. */
  void flush() {
    driver.advanceWallClockTime(TUNING.hotspotFlushInterval());
  }

  /** The records published since the last read, after a flush. */
  List<TestRecord<HotspotKey, HotspotCell>> published() {
    flush();
    return hotspots.readRecordsToList();
  }

  /** Latest value of every hotspot key published so far (as a compacted topic would keep). */
  Map<HotspotKey, HotspotCell> latestHotspots(Map<HotspotKey, HotspotCell> into) {
    for (TestRecord<HotspotKey, HotspotCell> r : published()) {
      into.put(r.key(), r.value());
    }
    return into;
  }

  /** Every count of the hotspot cells store, by cell and definition. */
  Map<CellDefinition, Counts> cells() {
    Map<CellDefinition, Counts> out = new HashMap<>();
    KeyValueStore<Cell, CellCounts> store = driver.getKeyValueStore(HotspotTopology.CELLS_STORE);
    try (KeyValueIterator<Cell, CellCounts> it = store.all()) {
      it.forEachRemaining(
          (KeyValue<Cell, CellCounts> kv) ->
              kv.value.byDefinition().forEach((d, c) -> out.put(kv.key.under(d), c)));
    }
    return out;
  }

  @Override
  public void close() {
    driver.close();
  }
}
