package uk.vruhub.aggregator.tracker;

import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The partnership data tracker's sub-topology, as a pure function of its settings and the three
 * agency inputs: how complete each agency's key fields are, per extract month.
 *
 * <pre>
 * police rows (table changes), attendances, school events ─ key fields present ─ completeness
 *     (agency × extract month → records, records with each field; one cached changelogged store)
 * </pre>
 *
 * It writes no topic: the tracker endpoint reads the store. The counts stay on the partitions the
 * records came in on (no repartition, so no extra record per event); the reader adds the partitions
 * up. A record corrected in a later extract counts again in that extract's month: the tracker
 * measures what each month's extracts delivered.
 */
public final class TrackerTopology {

  /** Agency and extract month to the records received and the key fields they had. */
  public static final String COMPLETENESS_STORE = "tracker-completeness";

  private TrackerTopology() {}

  /** Adds the tracker's processor and store to a builder, reading the three inputs given. */
  public static void build(
      StreamsBuilder builder,
      AggregatorSettings s,
      KTable<String, PoliceCrimeEvent> policeRows,
      KStream<String, EdAssaultAttendance> attendances,
      KStream<String, SchoolEvent> schoolEvents) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                HubTopology.store(s, COMPLETENESS_STORE), MonthKey.serde(), FieldCounts.serde())
            .withCachingEnabled());
    KStream<String, Received> police =
        policeRows
            .toStream(Named.as("tracker-police-rows"))
            .mapValues(e -> e == null ? null : Received.of(e), Named.as("tracker-police"));
    KStream<String, Received> health =
        attendances.mapValues(a -> a == null ? null : Received.of(a), Named.as("tracker-health"));
    KStream<String, Received> school =
        schoolEvents.mapValues(
            e -> e == null ? null : Received.of(e), Named.as("tracker-education"));
    police
        .merge(health, Named.as("tracker-police-health"))
        .merge(school, Named.as("tracker-received"))
        .process(CompletenessProcessor::new, Named.as("tracker-completeness"), COMPLETENESS_STORE);
  }

  /**
   * The tracker on its own, from the three agency topics, read as {@code HubTopology} reads them.
   */
  public static Topology alone(AggregatorSettings s) {
    StreamsBuilder builder = new StreamsBuilder();
    Serde<String> strings = Serdes.String();
    Serde<PoliceCrimeEvent> police =
        AvroSerdes.specific(PoliceCrimeEvent.class, s.registry(), s.autoRegister(), false);
    Serde<EdAssaultAttendance> health =
        AvroSerdes.specific(EdAssaultAttendance.class, s.registry(), s.autoRegister(), false);
    Serde<SchoolEvent> school =
        AvroSerdes.specific(SchoolEvent.class, s.registry(), s.autoRegister(), false);
    KTable<String, PoliceCrimeEvent> policeRows =
        builder.table(
            s.topics().byId(Ids.POLICE_CRIME_EVENTS).name(),
            Consumed.with(strings, police),
            Materialized.<String, PoliceCrimeEvent>as(
                    HubTopology.store(s, HubTopology.POLICE_ROWS_STORE))
                .withKeySerde(strings)
                .withValueSerde(police));
    build(
        builder,
        s,
        policeRows,
        builder.stream(
            s.topics().byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES).name(),
            Consumed.with(strings, health)),
        builder.stream(
            s.topics().byId(Ids.EDUCATION_SCHOOL_EVENTS).name(), Consumed.with(strings, school)));
    Properties optimise = new Properties();
    optimise.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    return builder.build(optimise);
  }
}
