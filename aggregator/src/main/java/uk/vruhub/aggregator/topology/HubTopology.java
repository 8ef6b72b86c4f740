package uk.vruhub.aggregator.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.aggregator.cohort.CohortTopology;
import uk.vruhub.aggregator.definitions.Incident;
import uk.vruhub.aggregator.state.Binary;
import uk.vruhub.aggregator.state.Contribution;
import uk.vruhub.aggregator.state.CrimeState;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * The aggregator's topology, as a pure function of its settings.
 *
 * <pre>
 * police.crime-events ─ table ─ groupBy(crime) ─ aggregate(add, remove) ─ crimes ─┐
 * health.ed-assault-attendances ─ stream ──────────────────────────── incidents ─┴─ contributions
 *     (per incident: take back its previous share, add the new) ─ by cell ─ reduce ─ hub.hotspots.v1
 * police rows, attendances, school events ─ cohort (CohortTopology) ─┬─ hub.cohort-profiles.v1
 *                                                                    └─ hub.cohort-summary.v1
 * </pre>
 *
 * Every output record is built by the policy enforcer and stamped with the policy's identity.
 */
public final class HubTopology {

  public static final String POLICE_ROWS_STORE = "police-rows";
  public static final String CRIMES_STORE = "crimes";
  public static final String CONTRIBUTIONS_STORE = "hotspot-contributions";
  public static final String CELLS_STORE = "hotspot-cells";

  private HubTopology() {}

  public static Topology build(AggregatorSettings s) {
    StreamsBuilder builder = new StreamsBuilder();
    TopicSpec policeTopic = s.topics().byId(Ids.POLICE_CRIME_EVENTS);
    TopicSpec healthTopic = s.topics().byId(Ids.HEALTH_ED_ASSAULT_ATTENDANCES);
    TopicSpec schoolTopic = s.topics().byId(Ids.EDUCATION_SCHOOL_EVENTS);
    Serde<PoliceCrimeEvent> police =
        AvroSerdes.specific(PoliceCrimeEvent.class, s.registry(), s.autoRegister(), false);
    Serde<EdAssaultAttendance> health =
        AvroSerdes.specific(EdAssaultAttendance.class, s.registry(), s.autoRegister(), false);
    Serde<SchoolEvent> school =
        AvroSerdes.specific(SchoolEvent.class, s.registry(), s.autoRegister(), false);
    Serde<String> strings = Serdes.String();

    KTable<String, PoliceCrimeEvent> policeRows =
        builder.table(
            policeTopic.name(),
            Consumed.with(strings, police),
            Materialized.<String, PoliceCrimeEvent>as(store(s, POLICE_ROWS_STORE))
                .withKeySerde(strings)
                .withValueSerde(police));
    KStream<String, EdAssaultAttendance> attendances =
        builder.stream(healthTopic.name(), Consumed.with(strings, health));
    KStream<String, SchoolEvent> schoolEvents =
        builder.stream(schoolTopic.name(), Consumed.with(strings, school));

    hotspots(builder, s, policeRows, attendances, police);
    cohort(builder, s, policeRows, attendances, schoolEvents);
    // Optimised: the police table restores from its own input topic instead of a changelog, and
    // repartitions that can be shared are. Optimisation only happens when build() is given it.
    java.util.Properties optimise = new java.util.Properties();
    optimise.put(
        org.apache.kafka.streams.StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG,
        org.apache.kafka.streams.StreamsConfig.OPTIMIZE);
    return builder.build(optimise);
  }

  private static void hotspots(
      StreamsBuilder builder,
      AggregatorSettings s,
      KTable<String, PoliceCrimeEvent> policeRows,
      KStream<String, EdAssaultAttendance> attendances,
      Serde<PoliceCrimeEvent> police) {
    Serde<String> strings = Serdes.String();
    KTable<String, CrimeState> crimes =
        policeRows
            .groupBy(
                (key, row) -> KeyValue.pair(row.getCrimePseudonym(), row),
                Grouped.with("crime-rows", strings, police))
            .aggregate(
                CrimeState::new,
                (crime, row, state) -> state.add(row),
                (crime, row, state) -> state.remove(row),
                Named.as("crime-aggregate"),
                Materialized.<String, CrimeState>as(store(s, CRIMES_STORE))
                    .withKeySerde(strings)
                    .withValueSerde(CrimeState.serde()));
    KStream<String, Incident> crimeIncidents =
        crimes
            .toStream(Named.as("crime-changes"))
            .mapValues(
                c -> c == null || c.empty() ? null : Incidents.fromCrime(c),
                Named.as("crime-incidents"));
    KStream<String, Incident> edIncidents =
        attendances.mapValues(
            a -> a == null ? null : Incidents.fromAttendance(a), Named.as("attendance-incidents"));

    StoreBuilder<KeyValueStore<String, Contribution>> contributions =
        Stores.keyValueStoreBuilder(store(s, CONTRIBUTIONS_STORE), strings, Contribution.serde());
    builder.addStateStore(contributions);
    Serde<int[]> vectors = Binary.intArray();
    crimeIncidents
        .merge(edIncidents, Named.as("incidents"))
        .process(() -> new ContributionProcessor(s), Named.as("contributions"), CONTRIBUTIONS_STORE)
        .groupByKey(Grouped.with("hotspot-deltas", strings, vectors))
        .reduce(
            Cells::add,
            Named.as("hotspot-cells"),
            Materialized.<String, int[]>as(store(s, CELLS_STORE))
                .withKeySerde(strings)
                .withValueSerde(vectors))
        .toStream(Named.as("cell-changes"))
        .process(() -> new HotspotOutputProcessor(s), Named.as("hotspot-output"))
        .to(
            s.topics().byId(Ids.HOTSPOTS).name(),
            Produced.with(keySerde(s, Ids.HOTSPOTS), valueSerde(s, Ids.HOTSPOTS)));
  }

  private static void cohort(
      StreamsBuilder builder,
      AggregatorSettings s,
      KTable<String, PoliceCrimeEvent> policeRows,
      KStream<String, EdAssaultAttendance> attendances,
      KStream<String, SchoolEvent> schoolEvents) {
    CohortTopology.build(builder, s, policeRows, attendances, schoolEvents);
  }

  private static KeyValueBytesStoreSupplier store(AggregatorSettings s, String name) {
    return switch (s.stateStores()) {
      case ROCKSDB -> Stores.persistentKeyValueStore(name);
      case IN_MEMORY -> Stores.inMemoryKeyValueStore(name);
    };
  }

  @SuppressWarnings("unchecked")
  private static Serde<Object> keySerde(AggregatorSettings s, String topicId) {
    TopicSpec topic = s.topics().byId(topicId);
    return topic.avroKey()
        ? (Serde<Object>)
            (Serde<?>) AvroSerdes.specific(topic.keyClass(), s.registry(), s.autoRegister(), true)
        : (Serde<Object>) (Serde<?>) Serdes.String();
  }

  @SuppressWarnings("unchecked")
  private static Serde<SpecificRecord> valueSerde(AggregatorSettings s, String topicId) {
    return (Serde<SpecificRecord>)
        (Serde<?>)
            AvroSerdes.specific(
                s.topics().byId(topicId).valueClass(), s.registry(), s.autoRegister(), false);
  }
}
