package uk.vruhub.aggregator.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.aggregator.cohort.CohortTopology;
import uk.vruhub.aggregator.hotspot.HotspotTopology;
import uk.vruhub.aggregator.tracker.TrackerTopology;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * The aggregator's topology, as a pure function of its settings: the agency topics wired to the
 * hotspot sub-topology ({@link HotspotTopology}), the cohort's and the data tracker's.
 *
 * <pre>
 * police.crime-events ─ table ─┬─ hotspots (HotspotTopology) ─ hub.hotspots.v1, hub.audit.v1
 * health.ed-assault-attendances ┘
 * police rows, attendances, school events ─ cohort (CohortTopology) ─┬─ hub.cohort-profiles.v1
 *                                                                    └─ hub.cohort-summary.v1
 * police rows, attendances, school events ─ tracker (TrackerTopology) ─ completeness store
 * </pre>
 *
 * Every output record is built by the policy enforcer and stamped with the policy's identity.
 */
public final class HubTopology {

  public static final String POLICE_ROWS_STORE = "police-rows";

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
    CohortTopology.build(builder, s, tuning, policeRows, attendances, schoolEvents);
    TrackerTopology.build(builder, s, policeRows, attendances, schoolEvents);
    // Optimised: the police table restores from its own input topic instead of a changelog, and
    // repartitions that can be shared are. Optimisation only happens when build() is given it.
    java.util.Properties optimise = new java.util.Properties();
    optimise.put(
        org.apache.kafka.streams.StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG,
        org.apache.kafka.streams.StreamsConfig.OPTIMIZE);
    return builder.build(optimise);
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
