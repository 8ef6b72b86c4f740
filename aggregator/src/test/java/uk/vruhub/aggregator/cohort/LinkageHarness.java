package uk.vruhub.aggregator.cohort;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;

/**
 * The linkage processor on its own, over real in-memory stores, driven record by record: what it
 * forwards, what its stores hold, and a restart that restores the changelogged stores from their
 * bytes (as a changelog restore writes them) while the indexes start empty.
 */
final class LinkageHarness {

  private final AggregatorSettings settings;
  private MockProcessorContext<Object, CohortChange> context;
  private LinkageProcessor processor;
  private KeyValueStore<String, LinkEntry> people;
  private KeyValueStore<SummaryCell, Long> summary;
  private KeyValueStore<String, String> records;
  private KeyValueStore<String, String> keys;
  private KeyValueStore<String, String> aging;
  private KeyValueStore<String, Profile> profiles;
  private KeyValueStore<String, String> blocks;
  private long time = 1_000;

  LinkageHarness(AggregatorSettings settings) {
    this.settings = settings;
    start(
        store(CohortTopology.PEOPLE_STORE, Serdes.String(), LinkEntry.serde()),
        store(CohortTopology.SUMMARY_STORE, SummaryCell.serde(), Serdes.Long()));
  }

  private void start(
      KeyValueStore<String, LinkEntry> people, KeyValueStore<SummaryCell, Long> sum) {
    start(people, sum, new LinkageProcessor(settings));
  }

  private void start(
      KeyValueStore<String, LinkEntry> people,
      KeyValueStore<SummaryCell, Long> sum,
      LinkageProcessor instance) {
    context = new MockProcessorContext<>();
    this.people = people;
    this.summary = sum;
    records = store(CohortTopology.RECORDS_STORE, Serdes.String(), Serdes.String());
    keys = store(CohortTopology.KEYS_STORE, Serdes.String(), Serdes.String());
    aging = store(CohortTopology.AGING_STORE, Serdes.String(), Serdes.String());
    profiles = store(CohortTopology.PROFILES_STORE, Serdes.String(), Profile.serde());
    blocks = store(CohortTopology.BLOCKS_STORE, Serdes.String(), Serdes.String());
    for (KeyValueStore<?, ?> s : List.of(people, sum, records, keys, aging, profiles, blocks)) {
      s.init(context.getStateStoreContext(), s);
      context.addStateStore(s);
    }
    processor = instance;
    processor.init(context);
  }

  /** The changelogged stores as they stand: what a commit would leave, for {@link #revive}. */
  Committed committed() {
    return new Committed(
        restore(people, CohortTopology.PEOPLE_STORE, Serdes.String(), LinkEntry.serde()),
        restore(summary, CohortTopology.SUMMARY_STORE, SummaryCell.serde(), Serdes.Long()));
  }

  /** Changelogged stores as of a commit. */
  record Committed(KeyValueStore<String, LinkEntry> people, KeyValueStore<SummaryCell, Long> sum) {}

  /**
   * As Kafka Streams revives a task after an aborted transaction: the same processor instance,
   * closed and initialised again over its changelogged stores as they were at the last commit, the
   * indexes new and empty.
   */
  void revive(Committed at) {
    processor.close();
    start(at.people(), at.sum(), processor);
  }

  private static <K, V> KeyValueStore<K, V> store(String name, Serde<K> k, Serde<V> v) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), k, v)
        .withLoggingDisabled()
        .build();
  }

  /**
   * Stops the processor and starts a new one as after a crash: the two changelogged stores
   * restored, entry by entry, from their serialised bytes into new stores; the indexes new and
   * empty, for the processor to rebuild.
   */
  void restart() {
    KeyValueStore<String, LinkEntry> restoredPeople =
        restore(people, CohortTopology.PEOPLE_STORE, Serdes.String(), LinkEntry.serde());
    KeyValueStore<SummaryCell, Long> restoredSummary =
        restore(summary, CohortTopology.SUMMARY_STORE, SummaryCell.serde(), Serdes.Long());
    processor.close();
    start(restoredPeople, restoredSummary);
  }

  private static <K, V> KeyValueStore<K, V> restore(
      KeyValueStore<K, V> from, String name, Serde<K> k, Serde<V> v) {
    List<KeyValue<byte[], byte[]>> changelog = new ArrayList<>();
    try (KeyValueIterator<K, V> it = from.all()) {
      it.forEachRemaining(
          kv ->
              changelog.add(
                  KeyValue.pair(
                      k.serializer().serialize(name, kv.key),
                      v.serializer().serialize(name, kv.value))));
    }
    KeyValueStore<K, V> to = store(name, k, v);
    MockProcessorContext<Object, Object> scratch = new MockProcessorContext<>();
    to.init(scratch.getStateStoreContext(), to);
    for (KeyValue<byte[], byte[]> entry : changelog) {
      to.put(
          k.deserializer().deserialize(name, entry.key),
          v.deserializer().deserialize(name, entry.value));
    }
    return to;
  }

  /** Sends a record's fact; returns what it caused. */
  List<CohortChange> send(String recordKey, PersonFact fact) {
    context.resetForwards();
    processor.process(new Record<>(recordKey, fact, time++));
    List<CohortChange> out = new ArrayList<>();
    context.forwarded().forEach(f -> out.add(f.record().value()));
    return out;
  }

  List<CohortChange> withdraw(String recordKey) {
    return send(recordKey, null);
  }

  static List<CohortChange.OfProfile> profileChanges(List<CohortChange> changes) {
    return changes.stream()
        .filter(c -> c instanceof CohortChange.OfProfile)
        .map(c -> (CohortChange.OfProfile) c)
        .toList();
  }

  static List<CohortChange.OfCell> cellChanges(List<CohortChange> changes) {
    return changes.stream()
        .filter(c -> c instanceof CohortChange.OfCell)
        .map(c -> (CohortChange.OfCell) c)
        .toList();
  }

  String personOfRecord(String recordKey) {
    return records.get(recordKey);
  }

  String personOfKey(String key) {
    return keys.get(key);
  }

  LinkEntry.Person person(String id) {
    return (LinkEntry.Person) people.get(id);
  }

  /** Person ids in the people store. */
  List<String> people() {
    List<String> out = new ArrayList<>();
    try (KeyValueIterator<String, LinkEntry> it = people.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value instanceof LinkEntry.Person) {
              out.add(kv.key);
            }
          });
    }
    return out;
  }

  /** The cohort's "as of" month, from the meta entry. */
  LocalDate asOf() {
    return ((LinkEntry.Meta) people.get(LinkEntry.META_KEY)).asOf;
  }

  Map<String, Profile> profiles() {
    return all(profiles);
  }

  Map<SummaryCell, Long> summary() {
    Map<SummaryCell, Long> out = new java.util.HashMap<>();
    try (KeyValueIterator<SummaryCell, Long> it = summary.all()) {
      it.forEachRemaining(kv -> out.put(kv.key, kv.value));
    }
    return out;
  }

  Map<String, String> agingIndex() {
    return all(aging);
  }

  private static <V> Map<String, V> all(KeyValueStore<String, V> store) {
    Map<String, V> out = new TreeMap<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining(kv -> out.put(kv.key, kv.value));
    }
    return out;
  }

  /** A fact with sensible defaults: a violent knife assault on a 17-year-old man, police. */
  static PersonFact fact(
      PersonFact.Kind kind, LocalDate day, LocalDate extract, boolean violence, String... keys) {
    Agency agency =
        switch (kind) {
          case POLICE_VICTIM, POLICE_SUSPECT_OR_OFFENDER, POLICE_OTHER -> Agency.POLICE;
          case ED_ASSAULT_ATTENDANCE -> Agency.HEALTH;
          case SCHOOL_SUSPENSION, PERMANENT_EXCLUSION, PERSISTENT_ABSENCE -> Agency.EDUCATION;
        };
    return new PersonFact(
        agency, kind, day, extract, 17, Sex.MALE, "E01900007", violence, violence, List.of(keys));
  }

  /**
   * A running total of the linkage's metrics ({@code stream-linkage-metrics}), summed over tasks.
   */
  double linkageMetric(String name) {
    double sum = 0;
    for (var e : context.metrics().metrics().entrySet()) {
      if (e.getKey().group().equals("stream-linkage-metrics")
          && e.getKey().name().equals(name)
          && e.getValue().metricValue() instanceof Number n) {
        sum += n.doubleValue();
      }
    }
    return sum;
  }

  /**
   * Every person's counts and profile are what a whole recomputation from their records gives,
   * every record is held by exactly one person, and the profile index and summary counts agree.
   */
  void assertMatchesWholeRecomputation() {
    org.assertj.core.api.Assertions.assertThat(people()).isNotNull();
    uk.vruhub.aggregator.state.CohortRules rules = settings.cohort();
    LocalDate asOf = asOf();
    Map<String, Profile> expected = new java.util.LinkedHashMap<>();
    java.util.Set<String> held = new java.util.HashSet<>();
    for (String id : people()) {
      LinkEntry.Person p = person(id);
      for (String r : p.records().keySet()) {
        org.assertj.core.api.Assertions.assertThat(held.add(r))
            .as("record %s held by one person only", r)
            .isTrue();
        org.assertj.core.api.Assertions.assertThat(personOfRecord(r)).as(r).isEqualTo(id);
      }
      Profile oracle = LegacyProfile.compute(id, List.copyOf(p.records().values()), asOf, rules);
      org.assertj.core.api.Assertions.assertThat(p.profile(rules))
          .as("person %s as of %s", id, asOf)
          .isEqualTo(oracle);
      WindowCounts whole =
          WindowCounts.of(
              p.records().values(), WindowCounts.Window.of(asOf, rules.lookbackMonths()));
      org.assertj.core.api.Assertions.assertThat(p.counts().nextChange(rules.lookbackMonths()))
          .isEqualTo(whole.nextChange(rules.lookbackMonths()));
      if (oracle != null) {
        expected.put(id, oracle);
      }
    }
    org.assertj.core.api.Assertions.assertThat(profiles()).isEqualTo(expected);
    Map<SummaryCell, Long> cells = new java.util.HashMap<>();
    expected
        .values()
        .forEach(p -> cells.merge(CohortRecords.summaryCell(p, settings), 1L, Long::sum));
    Map<SummaryCell, Long> stored = new java.util.HashMap<>(summary());
    stored.values().removeIf(n -> n == 0);
    org.assertj.core.api.Assertions.assertThat(stored).isEqualTo(cells);
  }
}
