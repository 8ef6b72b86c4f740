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
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.hotspot.HotspotTopology;
import uk.vruhub.aggregator.state.PersonFact;
import uk.vruhub.aggregator.state.PersonState;
import uk.vruhub.aggregator.state.Profile;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * The aggregator's topology, as a pure function of its settings: the agency topics wired to the
 * hotspot sub-topology ({@link HotspotTopology}) and the cohort's.
 *
 * <pre>
 * police.crime-events ─ table ─┬─ hotspots (HotspotTopology) ─ hub.hotspots.v1, hub.audit.v1
 * health.ed-assault-attendances ┘
 * police rows, attendances, school events ─ facts ─ one partition ─ linkage (union-find)
 *     ─ profiles ─┬─ hub.cohort-profiles.v1 (level 2, recipient pseudonyms)
 *                 └─ groupBy(home area, age band, flags) ─ count ─ hub.cohort-summary.v1 (level 1)
 * </pre>
 *
 * Every output record is built by the policy enforcer and stamped with the policy's identity.
 */
public final class HubTopology {

  public static final String POLICE_ROWS_STORE = "police-rows";
  public static final String LINK_KEYS_STORE = "link-keys";
  public static final String LINK_RECORDS_STORE = "link-records";
  public static final String LINK_FACTS_STORE = "link-facts";
  public static final String LINK_PEOPLE_STORE = "link-people";
  public static final String LINK_META_STORE = "link-meta";
  public static final String PROFILES_STORE = "cohort-profiles";
  public static final String SUMMARY_STORE = "cohort-summary";

  private HubTopology() {}

  /** The topology with the default tuning. */
  public static Topology build(AggregatorSettings s) {
    return build(s, TopologyTuning.defaults());
  }

  /** Wires the agency topics to the hotspot and cohort sub-topologies. */
  public static Topology build(AggregatorSettings s, TopologyTuning tuning) {
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

    HotspotTopology.build(builder, s, tuning, policeRows, attendances);
    cohort(builder, s, policeRows, attendances, schoolEvents);
    // Optimised: the police table restores from its own input topic instead of a changelog, and
    // repartitions that can be shared are. Optimisation only happens when build() is given it.
    java.util.Properties optimise = new java.util.Properties();
    optimise.put(
        org.apache.kafka.streams.StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG,
        org.apache.kafka.streams.StreamsConfig.OPTIMIZE);
    return builder.build(optimise);
  }

  private static void cohort(
      StreamsBuilder builder,
      AggregatorSettings s,
      KTable<String, PoliceCrimeEvent> policeRows,
      KStream<String, EdAssaultAttendance> attendances,
      KStream<String, SchoolEvent> schoolEvents) {
    Serde<String> strings = Serdes.String();
    Definition definition = s.definitions().get(s.cohort().definition());
    var strong = s.cohort().strongKeys();
    KStream<String, PersonFact> policeFacts =
        policeRows
            .toStream(Named.as("police-row-changes"))
            .mapValues(
                e -> e == null ? null : Incidents.fact(e, definition, strong),
                Named.as("police-facts"));
    KStream<String, PersonFact> healthFacts =
        attendances.mapValues(
            a -> a == null ? null : Incidents.fact(a, definition, strong),
            Named.as("health-facts"));
    KStream<String, PersonFact> schoolFacts =
        schoolEvents.mapValues(
            e -> e == null ? null : Incidents.fact(e, strong), Named.as("school-facts"));

    for (String store : new String[] {LINK_KEYS_STORE, LINK_RECORDS_STORE, LINK_META_STORE}) {
      builder.addStateStore(Stores.keyValueStoreBuilder(store(s, store), strings, strings));
    }
    builder.addStateStore(
        Stores.keyValueStoreBuilder(store(s, LINK_FACTS_STORE), strings, PersonFact.serde()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(store(s, LINK_PEOPLE_STORE), strings, PersonState.serde()));

    Serde<Profile> profileSerde = Profile.serde();
    KTable<String, Profile> profiles =
        policeFacts
            .merge(healthFacts, Named.as("facts-police-health"))
            .merge(schoolFacts, Named.as("facts"))
            .repartition(
                Repartitioned.<String, PersonFact>with(strings, PersonFact.serde())
                    .withName("linkage")
                    .withNumberOfPartitions(1))
            .process(
                () -> new LinkageProcessor(s.cohort()),
                Named.as("linkage"),
                LINK_KEYS_STORE,
                LINK_RECORDS_STORE,
                LINK_FACTS_STORE,
                LINK_PEOPLE_STORE,
                LINK_META_STORE)
            .toTable(
                Named.as("profiles"),
                Materialized.<String, Profile>as(store(s, PROFILES_STORE))
                    .withKeySerde(strings)
                    .withValueSerde(profileSerde));

    profiles
        .toStream(Named.as("profile-changes"))
        .process(() -> new CohortOutputProcessors.Profiles(s), Named.as("profile-output"))
        .to(
            s.topics().byId(Ids.COHORT_PROFILES).name(),
            Produced.with(keySerde(s, Ids.COHORT_PROFILES), valueSerde(s, Ids.COHORT_PROFILES)));

    profiles
        .groupBy(
            (person, profile) ->
                KeyValue.pair(CohortOutputProcessors.summaryCell(profile, s), profile),
            Grouped.with("cohort-cells", strings, profileSerde))
        .count(
            Named.as("cohort-count"),
            Materialized.<String, Long>as(store(s, SUMMARY_STORE))
                .withKeySerde(strings)
                .withValueSerde(Serdes.Long()))
        .toStream(Named.as("summary-changes"))
        .process(() -> new CohortOutputProcessors.Summary(s), Named.as("summary-output"))
        .to(
            s.topics().byId(Ids.COHORT_SUMMARY).name(),
            Produced.with(keySerde(s, Ids.COHORT_SUMMARY), valueSerde(s, Ids.COHORT_SUMMARY)));
  }

  /** The supplier of a store of the kind the settings choose. */
  public static KeyValueBytesStoreSupplier store(AggregatorSettings s, String name) {
    return switch (s.stateStores()) {
      case ROCKSDB -> Stores.persistentKeyValueStore(name);
      case IN_MEMORY -> Stores.inMemoryKeyValueStore(name);
    };
  }

  /** The key serde of an output topic: Avro or a string, as its spec says. */
  @SuppressWarnings("unchecked")
  public static Serde<Object> keySerde(AggregatorSettings s, String topicId) {
    TopicSpec topic = s.topics().byId(topicId);
    return topic.avroKey()
        ? (Serde<Object>)
            (Serde<?>) AvroSerdes.specific(topic.keyClass(), s.registry(), s.autoRegister(), true)
        : (Serde<Object>) (Serde<?>) Serdes.String();
  }

  /** The Avro value serde of an output topic. */
  @SuppressWarnings("unchecked")
  public static Serde<SpecificRecord> valueSerde(AggregatorSettings s, String topicId) {
    return (Serde<SpecificRecord>)
        (Serde<?>)
            AvroSerdes.specific(
                s.topics().byId(topicId).valueClass(), s.registry(), s.autoRegister(), false);
  }
}
