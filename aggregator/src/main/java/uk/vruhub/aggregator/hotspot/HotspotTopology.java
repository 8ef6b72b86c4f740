package uk.vruhub.aggregator.hotspot;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.aggregator.definitions.Incident;
import uk.vruhub.aggregator.state.CrimeState;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.aggregator.topology.Incidents;
import uk.vruhub.aggregator.topology.SuppressionAudit;
import uk.vruhub.aggregator.topology.TopologyTuning;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The hotspot sub-topology, as a pure function of its settings and sources.
 *
 * <pre>
 * police rows ─ groupBy(crime) ─ aggregate(add, remove) ─ crimes ─┐
 * attendances ──────────────────────────────────────── incidents ─┴─ contributions
 *     (per incident: take back its previous share, add the new; netted per cell, by definition
 *      key, and sent on every flush interval) ─ by cell ─ counts (cell → definition → counts)
 *     ─ only what the policy publishes differently ─ hub.hotspots.v1
 *                                                  └─ suppressed-cell count ─ hub.audit.v1
 * </pre>
 *
 * State (every store keyed and valued by {@link HotspotSerdes}, nothing by ordinal or position):
 * {@link #CRIMES_STORE} crime → its rows; {@link #CONTRIBUTIONS_STORE} incident → definition keys,
 * source, area, day; {@link #PENDING_STORE} cell → delta not yet sent, by definition key; {@link
 * #CELLS_STORE} cell → {@link CellCounts} (definition key → {@link Counts}).
 */
public final class HotspotTopology {

  public static final String CRIMES_STORE = "crimes";
  public static final String CONTRIBUTIONS_STORE = "hotspot-contributions";
  public static final String PENDING_STORE = "hotspot-pending";
  public static final String CELLS_STORE = "hotspot-cells";

  private HotspotTopology() {}

  /** Adds the hotspot sub-topology over the police rows and the ED attendances. */
  public static void build(
      StreamsBuilder builder,
      AggregatorSettings s,
      TopologyTuning tuning,
      KTable<String, PoliceCrimeEvent> policeRows,
      KStream<String, EdAssaultAttendance> attendances) {
    Serde<String> strings = Serdes.String();
    Serde<PoliceCrimeEvent> police =
        AvroSerdes.specific(PoliceCrimeEvent.class, s.registry(), s.autoRegister(), false);
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
                Materialized.<String, CrimeState>as(HubTopology.store(s, CRIMES_STORE))
                    .withKeySerde(strings)
                    .withValueSerde(CrimeState.serde())
                    .withCachingEnabled());
    KStream<String, Incident> crimeIncidents =
        crimes
            .toStream(Named.as("crime-changes"))
            .mapValues(
                c -> c == null || c.empty() ? null : Incidents.fromCrime(c),
                Named.as("crime-incidents"));
    KStream<String, Incident> edIncidents =
        attendances.mapValues(
            a -> a == null ? null : Incidents.fromAttendance(a), Named.as("attendance-incidents"));

    Serde<Cell> keys = HotspotSerdes.cell();
    Serde<CellCounts> counts = HotspotSerdes.cellCounts();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                HubTopology.store(s, CONTRIBUTIONS_STORE), strings, HotspotSerdes.contribution())
            .withCachingEnabled());
    // The pending deltas live on the heap whatever the settings: the store holds only what one
    // flush interval touched, and is emptied at every flush, which RocksDB would turn into
    // tombstones to iterate over. It is changelogged like every store.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_STORE), keys, counts)
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(HubTopology.store(s, CELLS_STORE), keys, counts)
            .withCachingEnabled());

    KStream<Object, SpecificRecord> published =
        crimeIncidents
            .merge(edIncidents, Named.as("incidents"))
            .process(
                () -> new ContributionProcessor(s, tuning.hotspotFlushInterval()),
                Named.as("contributions"),
                CONTRIBUTIONS_STORE,
                PENDING_STORE)
            .repartition(
                Repartitioned.<Cell, CellCounts>with(keys, counts).withName("hotspot-deltas"))
            .process(() -> new HotspotOutputProcessor(s), Named.as("hotspot-output"), CELLS_STORE);
    published.to(
        s.topics().byId(Ids.HOTSPOTS).name(),
        Produced.with(
                HubTopology.keySerde(s, Ids.HOTSPOTS), HubTopology.valueSerde(s, Ids.HOTSPOTS))
            .withName("hotspots"));
    SuppressionAudit.count(
        builder,
        s,
        tuning.auditInterval(),
        Ids.HOTSPOTS,
        published,
        v -> Boolean.TRUE.equals(((HotspotCell) v).getSuppressed()));
  }
}
