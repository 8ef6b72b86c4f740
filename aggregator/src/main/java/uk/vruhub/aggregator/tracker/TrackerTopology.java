package uk.vruhub.aggregator.tracker;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.aggregator.topology.AgencyInputs;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;

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
    AgencyInputs in = AgencyInputs.read(builder, s);
    build(builder, s, in.policeRows(), in.attendances(), in.schoolEvents());
    return AgencyInputs.optimised(builder);
  }
}
