package uk.vruhub.aggregator.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.aggregator.cohort.CohortTopology;
import uk.vruhub.aggregator.hotspot.HotspotTopology;
import uk.vruhub.aggregator.tracker.TrackerTopology;
import uk.vruhub.schemas.serde.AvroSerdes;
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
    AgencyInputs in = AgencyInputs.read(builder, s);
    HotspotTopology.build(builder, s, tuning, in.policeRows(), in.attendances());
    CohortTopology.build(builder, s, tuning, in.policeRows(), in.attendances(), in.schoolEvents());
    TrackerTopology.build(builder, s, in.policeRows(), in.attendances(), in.schoolEvents());
    return AgencyInputs.optimised(builder);
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
