package uk.vruhub.aggregator.cohort;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.topology.AgencyInputs;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.aggregator.topology.SuppressionAudit;
import uk.vruhub.aggregator.topology.TopologyTuning;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * The cohort's sub-topology, as a pure function of its settings and its three inputs.
 *
 * <pre>
 * police rows (table), attendances, school events ─ person facts ─ one partition ("linkage")
 *     ─ linkage: people (one changelog), summary counts (one changelog), indexes rebuilt from people
 *     ─┬─ profile changes ─ hub.cohort-profiles.v1 (level 2, recipient pseudonyms)
 *      └─ summary cell changes ─ hub.cohort-summary.v1 (level 1)
 * </pre>
 *
 * Linkage keeps the counts itself, on its one partition, so the summary needs no repartition of
 * profiles and no count store of its own; each output writes only what its policy-built record
 * changes.
 */
public final class CohortTopology {

  /** People and the linkage's meta entry: the one changelogged store of linkage state. */
  public static final String PEOPLE_STORE = "link-people";

  /** Record pseudonym to person id; an index without changelog, rebuilt from the people. */
  public static final String RECORDS_STORE = "link-records";

  /** Strong match key to person id; an index without changelog, rebuilt from the people. */
  public static final String KEYS_STORE = "link-keys";

  /**
   * Blocking key and person to person id: who has a record under each key of the fuzzy linkage; an
   * index without changelog, rebuilt from the people.
   */
  public static final String BLOCKS_STORE = "link-blocks";

  /** Month a person's look-back next changes, then the person; rebuilt from the people. */
  public static final String AGING_STORE = "link-aging";

  /** Person id to current profile, for the analyst API; rebuilt from the people. */
  public static final String PROFILES_STORE = "cohort-profiles";

  /** Summary cell to the number of people in it (changelogged: a zero stays a zero). */
  public static final String SUMMARY_STORE = "cohort-summary";

  /** The repartition topic (suffix) that brings every fact to the one linkage partition. */
  public static final String LINKAGE_TOPIC = "linkage";

  private CohortTopology() {}

  /** Adds the cohort's processors and stores to a builder, reading the three inputs given. */
  public static void build(
      StreamsBuilder builder,
      AggregatorSettings s,
      TopologyTuning tuning,
      KTable<String, PoliceCrimeEvent> policeRows,
      KStream<String, EdAssaultAttendance> attendances,
      KStream<String, SchoolEvent> schoolEvents) {
    Serde<String> strings = Serdes.String();
    Definition definition = s.definitions().get(s.cohort().definition());
    CohortRules strong = s.cohort();
    KStream<String, PersonFact> policeFacts =
        policeRows
            .toStream(Named.as("police-row-changes"))
            .mapValues(
                e -> e == null ? null : Facts.fact(e, definition, strong),
                Named.as("police-facts"));
    KStream<String, PersonFact> healthFacts =
        attendances.mapValues(
            a -> a == null ? null : Facts.fact(a, definition, strong), Named.as("health-facts"));
    KStream<String, PersonFact> schoolFacts =
        schoolEvents.mapValues(
            e -> e == null ? null : Facts.fact(e, strong), Named.as("school-facts"));

    builder.addStateStore(logged(s, PEOPLE_STORE, strings, LinkEntry.serde()));
    builder.addStateStore(logged(s, SUMMARY_STORE, SummaryCell.serde(), Serdes.Long()));
    for (String index : new String[] {RECORDS_STORE, KEYS_STORE, AGING_STORE, BLOCKS_STORE}) {
      builder.addStateStore(index(s, index, strings, strings));
    }
    builder.addStateStore(index(s, PROFILES_STORE, strings, Profile.serde()));

    KStream<Object, CohortChange> changes =
        policeFacts
            .merge(healthFacts, Named.as("facts-police-health"))
            .merge(schoolFacts, Named.as("facts"))
            .repartition(
                Repartitioned.<String, PersonFact>with(strings, PersonFact.serde())
                    .withName(LINKAGE_TOPIC)
                    .withNumberOfPartitions(1))
            .process(
                () -> new LinkageProcessor(s),
                Named.as("linkage"),
                PEOPLE_STORE,
                SUMMARY_STORE,
                RECORDS_STORE,
                KEYS_STORE,
                AGING_STORE,
                PROFILES_STORE,
                BLOCKS_STORE);

    TopicSpec profileTopic = s.topics().byId(Ids.COHORT_PROFILES);
    TopicSpec summaryTopic = s.topics().byId(Ids.COHORT_SUMMARY);
    changes
        .split(Named.as("cohort-"))
        .branch(
            (key, change) -> change instanceof CohortChange.OfProfile,
            Branched.withConsumer(
                profilesOut ->
                    profilesOut
                        .process(
                            () -> new CohortOutputProcessors.Profiles(s),
                            Named.as("profile-output"))
                        .to(
                            profileTopic.name(),
                            Produced.with(
                                HubTopology.keySerde(s, Ids.COHORT_PROFILES),
                                HubTopology.valueSerde(s, Ids.COHORT_PROFILES))),
                "profile-changes"))
        .branch(
            (key, change) -> change instanceof CohortChange.OfCell,
            Branched.withConsumer(
                cellsOut -> {
                  KStream<Object, SpecificRecord> published =
                      cellsOut.process(
                          () -> new CohortOutputProcessors.Summary(s), Named.as("summary-output"));
                  published.to(
                      summaryTopic.name(),
                      Produced.with(
                          HubTopology.keySerde(s, Ids.COHORT_SUMMARY),
                          HubTopology.valueSerde(s, Ids.COHORT_SUMMARY)));
                  SuppressionAudit.count(
                      builder,
                      s,
                      tuning.auditInterval(),
                      Ids.COHORT_SUMMARY,
                      published,
                      v -> Boolean.TRUE.equals(((CohortSummaryCell) v).getSuppressed()));
                },
                "summary-changes"))
        .noDefaultBranch();
  }

  /**
   * The cohort on its own, from the three agency topics: what its tests run, and a measure of the
   * cohort alone. The police table is read as {@code HubTopology} reads it.
   */
  public static Topology alone(AggregatorSettings s) {
    StreamsBuilder builder = new StreamsBuilder();
    AgencyInputs in = AgencyInputs.read(builder, s);
    build(
        builder,
        s,
        TopologyTuning.defaults(),
        in.policeRows(),
        in.attendances(),
        in.schoolEvents());
    return AgencyInputs.optimised(builder);
  }

  /** A changelogged store with a record cache in front (repeated writes between commits merge). */
  private static <K, V> StoreBuilder<KeyValueStore<K, V>> logged(
      AggregatorSettings s, String name, Serde<K> keys, Serde<V> values) {
    return Stores.keyValueStoreBuilder(HubTopology.store(s, name), keys, values)
        .withCachingEnabled();
  }

  /**
   * An index: no changelog (the linkage rebuilds it from the people store) and no record cache. A
   * cache saves changelog records and store writes merged between commits; an index has no
   * changelog to spare, and the cache put its sorted map of byte keys and a copy of every entry in
   * front of each read and write (the record caches' maps were 17 % of the linkage's profile:
   * BENCHMARKS.md).
   */
  private static <K, V> StoreBuilder<KeyValueStore<K, V>> index(
      AggregatorSettings s, String name, Serde<K> keys, Serde<V> values) {
    return Stores.keyValueStoreBuilder(HubTopology.store(s, name), keys, values)
        .withLoggingDisabled()
        .withCachingDisabled();
  }
}
