package uk.vruhub.aggregator.topology;

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
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The three agency topics as every sub-topology reads them: the police topic as a table (a
 * correction replaces its crime's row, a tombstone withdraws it), the attendances and school events
 * as streams. {@link HubTopology} reads them once for all its sub-topologies; a sub-topology's
 * {@code alone(...)} reads them the same way, so what its tests run is what the hub runs.
 */
public record AgencyInputs(
    KTable<String, PoliceCrimeEvent> policeRows,
    KStream<String, EdAssaultAttendance> attendances,
    KStream<String, SchoolEvent> schoolEvents) {

  /** Adds the three sources, and the police table's store, to a builder. */
  public static AgencyInputs read(StreamsBuilder builder, AggregatorSettings s) {
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
                .withValueSerde(police)
                // Uncached, so that the table forwards every police row it reads: the tracker
                // counts the rows of each extract from its changes, and a cache would merge two
                // rows of one key between commits, making the counts depend on commit timing.
                .withCachingDisabled());
    return new AgencyInputs(
        policeRows,
        builder.stream(
            s.topics().byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES).name(),
            Consumed.with(strings, health)),
        builder.stream(
            s.topics().byId(Ids.EDUCATION_SCHOOL_EVENTS).name(), Consumed.with(strings, school)));
  }

  /**
   * The builder's topology, optimised: the police table restores from its own input topic instead
   * of a changelog, and repartitions that can be shared are. Optimisation only happens when {@code
   * build()} is given it.
   */
  public static Topology optimised(StreamsBuilder builder) {
    Properties optimise = new Properties();
    optimise.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    return builder.build(optimise);
  }
}
