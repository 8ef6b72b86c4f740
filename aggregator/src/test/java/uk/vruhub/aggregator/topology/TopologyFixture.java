package uk.vruhub.aggregator.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.aggregator.reference.Population;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.hub.CohortProfile;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.avro.hub.CohortSummaryKey;
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
 * The topology under TopologyTestDriver with the shipped policy and definitions, the synthetic area
 * sample and an in-memory registry: typed input and output topics for the tests.
 */
public final class TopologyFixture implements AutoCloseable {

  public static final Path POLICY = Path.of("../deploy/policy/vru-hub-isa.yaml");
  public static final byte[] ANALYST_SECRET =
      "aggregator-test-secret-for-the-vru-analyst-01".getBytes(StandardCharsets.UTF_8);

  public static final java.time.Duration COMMIT_INTERVAL = java.time.Duration.ofMillis(100);

  public final AggregatorSettings settings;
  public final TopologyTestDriver driver;
  public final TestInputTopic<String, PoliceCrimeEvent> police;
  public final TestInputTopic<String, EdAssaultAttendance> health;
  public final TestInputTopic<String, SchoolEvent> education;
  public final TestOutputTopic<HotspotKey, HotspotCell> hotspots;
  public final TestOutputTopic<String, CohortProfile> profiles;
  public final TestOutputTopic<CohortSummaryKey, CohortSummaryCell> summary;

  public TopologyFixture() {
    this(CohortRules.defaults("hips-2023"));
  }

  public TopologyFixture(CohortRules rules) {
    this(rules, HubTopology::build);
  }

  /** The fixture over another topology of the same settings (e.g. one feature's sub-topology). */
  public TopologyFixture(CohortRules rules, Function<AggregatorSettings, Topology> topology) {
    AreaHierarchy areas = AreaHierarchy.load(Path.of("src/test/resources/areas-sample.csv"));
    Population population;
    try (var reader =
        java.nio.file.Files.newBufferedReader(
            Path.of("src/test/resources/population-sample.csv"))) {
      population = Population.read(reader, "sample", areas);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TopicCatalogue topics = TopicCatalogue.load();
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);
    PolicyEnforcer enforcer =
        PolicyEnforcer.create(
            Policy.load(POLICY),
            topics,
            areas,
            RecipientSecrets.of(Map.of("vru-analyst", ANALYST_SECRET)));
    settings =
        new AggregatorSettings(
            topics,
            registry,
            true,
            Definitions.shipped(),
            enforcer,
            areas,
            population,
            "E23900001",
            rules,
            Clock.fixed(Instant.parse("2026-04-01T06:00:00Z"), ZoneOffset.UTC),
            AggregatorSettings.StateStores.IN_MEMORY);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregator-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    // The hotspot deltas are sent on every commit interval (the default tuning), as in service.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) COMMIT_INTERVAL.toMillis());
    driver = new TopologyTestDriver(topology.apply(settings), props);
    Serde<String> strings = Serdes.String();
    police =
        driver.createInputTopic(
            topics.byId(Ids.POLICE_CRIME_EVENTS).name(),
            strings.serializer(),
            serde(PoliceCrimeEvent.class, registry, false).serializer());
    health =
        driver.createInputTopic(
            topics.byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES).name(),
            strings.serializer(),
            serde(EdAssaultAttendance.class, registry, false).serializer());
    education =
        driver.createInputTopic(
            topics.byId(Ids.EDUCATION_SCHOOL_EVENTS).name(),
            strings.serializer(),
            serde(SchoolEvent.class, registry, false).serializer());
    hotspots =
        driver.createOutputTopic(
            topics.byId(Ids.HOTSPOTS).name(),
            serde(HotspotKey.class, registry, true).deserializer(),
            serde(HotspotCell.class, registry, false).deserializer());
    profiles =
        driver.createOutputTopic(
            topics.byId(Ids.COHORT_PROFILES).name(),
            strings.deserializer(),
            serde(CohortProfile.class, registry, false).deserializer());
    summary =
        driver.createOutputTopic(
            topics.byId(Ids.COHORT_SUMMARY).name(),
            serde(CohortSummaryKey.class, registry, true).deserializer(),
            serde(CohortSummaryCell.class, registry, false).deserializer());
  }

  private static <T extends SpecificRecord> Serde<T> serde(
      Class<T> type, InMemorySchemaRegistry registry, boolean key) {
    return AvroSerdes.specific(type, registry, true, key);
  }

  /**
   * Lets a commit interval of wall-clock time pass for the topology's punctuators: the hotspot
   * deltas netted since the last flush are counted and published.
   */
  public void flush() {
    driver.advanceWallClockTime(COMMIT_INTERVAL);
  }

  /** Latest value of every hotspot key published so far (as a compacted topic would keep). */
  public Map<HotspotKey, HotspotCell> latestHotspots(Map<HotspotKey, HotspotCell> into) {
    flush();
    for (TestRecord<HotspotKey, HotspotCell> r : hotspots.readRecordsToList()) {
      into.put(r.key(), r.value());
    }
    return into;
  }

  public List<TestRecord<String, CohortProfile>> profileRecords() {
    return profiles.readRecordsToList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
