package uk.vruhub.aggregator.cohort;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.topology.AggregatorSettings;

/**
 * Links records to people and keeps each person's cohort profile and the summary counts. The rule:
 * records that share any strong match key are the same person, transitively. When a record bridges
 * two people, the one first seen keeps its id and absorbs the other, whose profile is withdrawn; so
 * ids are stable and the same input always gives the same people. Links are never undone: a
 * withdrawn record leaves the counts, but the keys it brought still join the people it joined.
 *
 * <p>State: one changelogged store of people ({@link CohortTopology#PEOPLE_STORE}), each entry a
 * person's keys, records (with their facts) and look-back counts, plus one meta entry (the last
 * sequence issued, the "as of" month, the rules the counts were made under). Which person holds a
 * record or a key, who ages out when, and each person's current profile are indexes in stores
 * without changelogs, rebuilt from the people when the task starts (after any restore: Kafka
 * Streams initialises processors once their stores are restored). The summary counts have their own
 * changelogged store, so a cell that fell to zero keeps its zero.
 *
 * <p>Counts change by one fact at a time ({@link WindowCounts}); when the "as of" month (the month
 * of the latest extract seen) moves on, only the people the aging index lists for that month are
 * recounted: those whose oldest fact in the look-back ages out, or whose fact after it comes in.
 *
 * <p>Runs on a single partition: every match key of a connected group must meet in one place.
 * Forwards a {@link CohortChange.OfProfile} when a person's profile changes (after null when they
 * leave the cohort or are absorbed) and a {@link CohortChange.OfCell} when a summary count does.
 */
public final class LinkageProcessor implements Processor<String, PersonFact, Object, CohortChange> {

  /**
   * A running total ({@code <name>-total} in group {@code stream-linkage-metrics}, tagged with the
   * task): the sum of every value recorded, read by the bench and any metrics reporter.
   */
  private static org.apache.kafka.common.metrics.Sensor total(
      ProcessorContext<?, ?> context, String task, String name, String description) {
    org.apache.kafka.common.metrics.Sensor sensor =
        context
            .metrics()
            .addSensor(
                "linkage-" + name + "-" + task,
                org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
    sensor.add(
        new org.apache.kafka.common.MetricName(
            name + "-total",
            "stream-" + METRICS_SCOPE + "-metrics",
            description,
            Map.of("task-id", task)),
        new org.apache.kafka.common.metrics.stats.CumulativeSum());
    return sensor;
  }

  /** The scope of the linkage's metrics: their group is {@code stream-linkage-metrics}. */
  public static final String METRICS_SCOPE = "linkage";

  /** Index entries cleared per pass when the indexes are rebuilt. */
  private static final int CLEAR_BATCH = 10_000;

  /**
   * People kept decoded, most recently used first: a person's records arrive close together (one
   * extract, then its corrections), and decoding their whole entry from the store on every record
   * was the linkage's largest cost.
   */
  static final int PERSON_CACHE = 8_192;

  private final AggregatorSettings settings;
  private final CohortRules rules;
  private ProcessorContext<Object, CohortChange> context;
  private KeyValueStore<String, LinkEntry> people;
  private KeyValueStore<String, String> records;
  private KeyValueStore<String, String> keys;
  private KeyValueStore<String, String> aging;
  private KeyValueStore<String, Profile> profiles;
  private KeyValueStore<String, String> blocks;
  private final Matcher matcher;

  /**
   * The linkage's own metrics (group {@code stream-linkage-metrics}): records linked, pairs of
   * identity variants compared, and nanoseconds spent, each as a rate and a running total.
   */
  private org.apache.kafka.common.metrics.Sensor linkedRecords;

  private org.apache.kafka.common.metrics.Sensor comparisons;
  private org.apache.kafka.common.metrics.Sensor nanos;
  private KeyValueStore<SummaryCell, Long> summary;
  private LinkEntry.Meta meta;

  /**
   * Decoded people, as last written to {@link #people} (every change is written through), in access
   * order, at most {@link #PERSON_CACHE}. Cleared in {@link #init}: a task restored, revived after
   * an aborted transaction or moved by a rebalance starts from its store, never from what this
   * instance last saw.
   */
  private final Map<String, LinkEntry.Person> decoded =
      new LinkedHashMap<>(PERSON_CACHE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LinkEntry.Person> eldest) {
          return size() > PERSON_CACHE;
        }
      };

  /** The stored counts were made under other rules: recount everyone before the next record. */
  private boolean rulesChanged;

  /**
   * The latest input timestamp seen. Changes are forwarded with it, so each person's profile
   * versions carry non-decreasing timestamps although the three agency topics interleave.
   */
  private long latest;

  LinkageProcessor(AggregatorSettings settings) {
    this.settings = settings;
    this.rules = settings.cohort();
    this.matcher = new Matcher(rules.linkage());
  }

  @Override
  public void init(ProcessorContext<Object, CohortChange> context) {
    this.context = context;
    this.people = context.getStateStore(CohortTopology.PEOPLE_STORE);
    this.records = context.getStateStore(CohortTopology.RECORDS_STORE);
    this.keys = context.getStateStore(CohortTopology.KEYS_STORE);
    this.aging = context.getStateStore(CohortTopology.AGING_STORE);
    this.profiles = context.getStateStore(CohortTopology.PROFILES_STORE);
    this.blocks = context.getStateStore(CohortTopology.BLOCKS_STORE);
    String task = context.taskId().toString();
    linkedRecords = total(context, task, "linked-records", "records the linkage took in");
    comparisons = total(context, task, "comparisons", "pairs of identity variants compared");
    nanos = total(context, task, "linkage-nanos", "nanoseconds the linkage spent on records");
    this.summary = context.getStateStore(CohortTopology.SUMMARY_STORE);
    this.latest = Long.MIN_VALUE;
    decoded.clear();
    rebuildIndexes();
  }

  /** Rebuilds every index from the people store, which alone is the truth. */
  private void rebuildIndexes() {
    clear(records);
    clear(keys);
    clear(aging);
    clear(profiles);
    clear(blocks);
    LinkEntry stored = people.get(LinkEntry.META_KEY);
    meta = stored instanceof LinkEntry.Meta m ? m : new LinkEntry.Meta(rules);
    CohortRules made = meta.madeUnder(rules);
    try (KeyValueIterator<String, LinkEntry> it = people.all()) {
      while (it.hasNext()) {
        KeyValue<String, LinkEntry> kv = it.next();
        if (kv.value instanceof LinkEntry.Person p) {
          String id = p.id();
          p.records().keySet().forEach(r -> records.put(r, id));
          p.keys().forEach(k -> keys.put(k, id));
          p.indexedBlocks = p.blockKeys();
          p.indexedBlocks.forEach(b -> blocks.put(blockEntry(b, id), id));
          LocalDate due = p.counts().nextChange(meta.lookbackMonths);
          if (due != null) {
            aging.put(agingKey(due, id), id);
          }
          Profile profile = p.profile(made);
          if (profile != null) {
            profiles.put(id, profile);
          }
        }
      }
    }
    rulesChanged = !meta.sameRules(rules);
  }

  /** A person by id, decoded once while they stay recently used; null when there is none. */
  private LinkEntry.Person person(String id) {
    LinkEntry.Person p = decoded.get(id);
    if (p == null) {
      p = (LinkEntry.Person) people.get(id);
      if (p != null) {
        p.indexedBlocks = p.blockKeys();
        decoded.put(id, p);
      }
    }
    return p;
  }

  private void store(LinkEntry.Person p) {
    String id = p.id();
    Set<String> now = p.blockKeys();
    Set<String> before = p.indexedBlocks == null ? Set.of() : p.indexedBlocks;
    if (!now.equals(before)) {
      for (String b : before) {
        if (!now.contains(b)) {
          blocks.delete(blockEntry(b, id));
        }
      }
      for (String b : now) {
        if (!before.contains(b)) {
          blocks.put(blockEntry(b, id), id);
        }
      }
    }
    p.indexedBlocks = now;
    people.put(id, p);
    decoded.put(id, p);
  }

  private void forget(LinkEntry.Person p) {
    String id = p.id();
    if (p.indexedBlocks != null) {
      p.indexedBlocks.forEach(b -> blocks.delete(blockEntry(b, id)));
      p.indexedBlocks = null;
    }
    people.delete(id);
    decoded.remove(id);
  }

  /** The block index's key: the blocking key, then the person (block keys are base64url). */
  private static String blockEntry(String blockKey, String personId) {
    return blockKey + "|" + personId;
  }

  private static <K> void clear(KeyValueStore<K, ?> store) {
    while (true) {
      List<K> batch = new ArrayList<>();
      try (KeyValueIterator<K, ?> it = store.all()) {
        while (it.hasNext() && batch.size() < CLEAR_BATCH) {
          batch.add(it.next().key);
        }
      }
      if (batch.isEmpty()) {
        return;
      }
      batch.forEach(store::delete);
    }
  }

  @Override
  public void process(Record<String, PersonFact> record) {
    long start = System.nanoTime();
    Changes out = new Changes();
    if (rulesChanged) {
      recountEveryone(out);
      rulesChanged = false;
    }
    PersonFact fact = record.value();
    if (fact == null) {
      withdraw(record.key(), out);
    } else {
      advance(fact.extractDate(), out);
      link(record.key(), fact, out);
    }
    emit(out, record);
    linkedRecords.record(1);
    comparisons.record(matcher.takeComparisons());
    nanos.record(System.nanoTime() - start);
  }

  private void link(String recordKey, PersonFact fact, Changes out) {
    WindowCounts.Window window = window();
    String owner = records.get(recordKey);
    Set<String> candidates = new LinkedHashSet<>();
    if (owner != null) {
      candidates.add(owner);
    }
    for (String key : fact.keys()) {
      String person = keys.get(key);
      if (person != null) {
        candidates.add(person);
      }
    }
    IdentityVariant variant = fact.variant();
    boolean resent = false;
    if (owner != null) {
      PersonFact was = person(owner).records().get(recordKey);
      resent = was != null && variant.equals(was.variant());
    }
    if (variant.comparable() && !resent) {
      // A variant someone already holds was compared with everyone when it first came: its
      // holders are the candidates, and no block needs searching again.
      Set<String> holders = holders(variant);
      candidates.addAll(holders.isEmpty() ? similar(variant, candidates) : holders);
    }
    List<LinkEntry.Person> group = new ArrayList<>();
    for (String candidate : candidates) {
      group.add(person(candidate));
    }
    if (!resent && contradicted(recordKey, fact, group)) {
      recluster(recordKey, fact, group, out);
      return;
    }
    LinkEntry.Person survivor = null;
    List<LinkEntry.Person> others = new ArrayList<>();
    for (LinkEntry.Person p : group) {
      if (survivor == null || p.sequence() < survivor.sequence()) {
        if (survivor != null) {
          others.add(survivor);
        }
        survivor = p;
      } else {
        others.add(p);
      }
    }
    Profile before = null;
    LocalDate agingBefore = null;
    if (survivor == null) {
      survivor = new LinkEntry.Person(nextSequence());
    } else {
      before = survivor.profile(rules);
      agingBefore = survivor.counts().nextChange(rules.lookbackMonths());
    }
    String id = survivor.id();
    for (LinkEntry.Person other : others) {
      absorb(survivor, other, out);
    }
    PersonFact previous = survivor.records().put(recordKey, fact);
    if (!id.equals(owner)) {
      records.put(recordKey, id);
    }
    for (String key : fact.keys()) {
      if (survivor.keys().add(key)) {
        keys.put(key, id);
      }
    }
    boolean recount = !others.isEmpty();
    if (!recount && previous != null) {
      recount = !survivor.counts().remove(previous, window);
    }
    if (recount) {
      survivor.recount(window);
    } else {
      survivor.counts().add(fact, window);
    }
    settle(survivor, before, agingBefore, out);
  }

  private long nextSequence() {
    meta.sequence++;
    people.put(LinkEntry.META_KEY, meta);
    return meta.sequence;
  }

  /** The people who hold a record of exactly this identity variant. */
  private Set<String> holders(IdentityVariant variant) {
    Set<String> out = new LinkedHashSet<>();
    try (KeyValueIterator<String, String> it =
        blocks.prefixScan(LinkEntry.variantKey(variant) + "|", new StringSerializer())) {
      while (it.hasNext()) {
        String id = it.next().value;
        LinkEntry.Person p = person(id);
        if (p != null && p.variants().contains(variant)) {
          out.add(id);
        }
      }
    }
    return out;
  }

  /**
   * The people, other than those already found, with a record the variant matches under a blocking
   * key both share: at most {@link LinkageRules#maxBlockPeople()} people per key, in the index's
   * order.
   */
  private Set<String> similar(IdentityVariant variant, Set<String> found) {
    Set<String> out = new LinkedHashSet<>();
    Set<String> checked = new java.util.HashSet<>(found);
    int most = matcher.rules().maxBlockPeople();
    for (Encoding.Block block : variant.encoding().blocks()) {
      try (KeyValueIterator<String, String> it =
          blocks.prefixScan(block.key() + "|", new StringSerializer())) {
        for (int n = 0; it.hasNext() && n < most; n++) {
          String id = it.next().value;
          if (!checked.add(id)) {
            continue;
          }
          LinkEntry.Person p = person(id);
          if (p == null) {
            continue;
          }
          for (IdentityVariant other : p.variants()) {
            if (matcher.compare(variant, other).matches(matcher.rules())) {
              out.add(id);
              break;
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Whether the new record, or a record of one person of the group, contradicts a record of
   * another: only then is the group worked out again by {@link Clustering} (otherwise it simply
   * merges, as one person).
   */
  private boolean contradicted(String recordKey, PersonFact fact, List<LinkEntry.Person> group) {
    if (identifiersApart(recordKey, fact, group)) {
      return true;
    }
    if (group.size() == 1 && group.get(0).variants().contains(fact.variant())) {
      return false;
    }
    List<Set<IdentityVariant>> parts = new ArrayList<>();
    Set<IdentityVariant> own = new LinkedHashSet<>();
    if (fact.variant().comparable()) {
      own.add(fact.variant());
    }
    parts.add(own);
    for (LinkEntry.Person p : group) {
      Set<IdentityVariant> vs = new LinkedHashSet<>();
      for (Map.Entry<String, PersonFact> r : p.records().entrySet()) {
        if (!r.getKey().equals(recordKey) && r.getValue().encoding() != null) {
          vs.add(r.getValue().variant());
        }
      }
      parts.add(vs);
    }
    if (apartByHome(recordKey, fact, group)) {
      return true;
    }
    for (int i = 0; i < parts.size(); i++) {
      for (int j = i + 1; j < parts.size(); j++) {
        for (IdentityVariant a : parts.get(i)) {
          for (IdentityVariant b : parts.get(j)) {
            if (!a.equals(b) && matcher.compare(a, b).contradiction() != null) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether two of the new record and the group's people hold identifiers of one contradicting
   * scheme ({@code contradictions.identifiers}) and none in common: two NHS numbers, UPNs or PNC
   * ids, so two people whatever their names say. Checked before anything else, as the record may
   * have exactly the variant of a person it must not join (a namesake with no address).
   */
  private boolean identifiersApart(
      String recordKey, PersonFact fact, List<LinkEntry.Person> group) {
    if (matcher.rules().contradictions().identifiers().isEmpty() || group.isEmpty()) {
      return false;
    }
    List<Set<String>> parts = new ArrayList<>();
    parts.add(Set.copyOf(Clustering.identifiers(fact, matcher.rules())));
    for (LinkEntry.Person p : group) {
      Set<String> ids = new java.util.HashSet<>();
      for (Map.Entry<String, PersonFact> r : p.records().entrySet()) {
        if (!r.getKey().equals(recordKey)) {
          ids.addAll(Clustering.identifiers(r.getValue(), matcher.rules()));
        }
      }
      parts.add(ids);
    }
    for (int i = 0; i < parts.size(); i++) {
      for (int j = i + 1; j < parts.size(); j++) {
        if (Clustering.apart(parts.get(i), parts.get(j))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the new record would join people whose home districts are all different, or join a
   * person none of whose districts is its own: the clustering then decides whether it may (a match
   * through a record without an address may not).
   */
  private static boolean apartByHome(
      String recordKey, PersonFact fact, List<LinkEntry.Person> group) {
    List<Set<String>> districts = new ArrayList<>();
    districts.add(fact.homeDistrict() == null ? Set.of() : Set.of(fact.homeDistrict()));
    for (LinkEntry.Person p : group) {
      Set<String> d = new java.util.HashSet<>();
      for (Map.Entry<String, PersonFact> r : p.records().entrySet()) {
        if (!r.getKey().equals(recordKey) && r.getValue().homeDistrict() != null) {
          d.add(r.getValue().homeDistrict());
        }
      }
      districts.add(d);
    }
    for (int i = 0; i < districts.size(); i++) {
      for (int j = i + 1; j < districts.size(); j++) {
        if (!districts.get(i).isEmpty()
            && !districts.get(j).isEmpty()
            && java.util.Collections.disjoint(districts.get(i), districts.get(j))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Works a group out again when something in it contradicts: the group's records (the new one in
   * place of any earlier version) are clustered afresh, strong keys first and then the best matches
   * that contradict nothing already joined ({@link Clustering}). Each resulting person keeps the id
   * of the oldest person whose records it holds, if no other took it first; the rest get new ids;
   * people left with nothing are withdrawn. Counts are rebuilt from each person's records, so no
   * event is counted twice or lost.
   */
  private void recluster(
      String recordKey, PersonFact fact, List<LinkEntry.Person> group, Changes out) {
    WindowCounts.Window window = window();
    group.sort(java.util.Comparator.comparingLong(LinkEntry.Person::sequence));
    Map<String, PersonFact> all = new LinkedHashMap<>();
    Map<String, Long> from = new java.util.HashMap<>();
    Map<Long, Profile> before = new java.util.HashMap<>();
    Map<Long, LocalDate> agingBefore = new java.util.HashMap<>();
    Map<Long, Set<String>> orphanKeys = new java.util.HashMap<>();
    for (LinkEntry.Person p : group) {
      before.put(p.sequence(), p.profile(rules));
      agingBefore.put(p.sequence(), p.counts().nextChange(rules.lookbackMonths()));
      Set<String> orphans = new LinkedHashSet<>(p.keys());
      for (Map.Entry<String, PersonFact> r : p.records().entrySet()) {
        all.put(r.getKey(), r.getValue());
        from.put(r.getKey(), p.sequence());
        orphans.removeAll(r.getValue().keys());
      }
      orphanKeys.put(p.sequence(), orphans);
    }
    all.put(recordKey, fact);

    List<List<String>> clusters = Clustering.cluster(all, matcher);
    // Ids: clusters holding the oldest people's records choose first.
    clusters.sort(
        java.util.Comparator.comparingLong(
            (List<String> c) ->
                c.stream()
                    .mapToLong(r -> from.getOrDefault(r, Long.MAX_VALUE))
                    .min()
                    .orElseThrow()));
    Set<Long> taken = new java.util.HashSet<>();
    List<LinkEntry.Person> after = new ArrayList<>();
    for (List<String> cluster : clusters) {
      long sequence =
          cluster.stream()
              .map(from::get)
              .filter(java.util.Objects::nonNull)
              .filter(q -> !taken.contains(q))
              .mapToLong(Long::longValue)
              .min()
              .orElse(-1);
      if (sequence < 0) {
        sequence = nextSequence();
      }
      taken.add(sequence);
      LinkEntry.Person p = new LinkEntry.Person(sequence);
      for (String r : cluster) {
        PersonFact f = all.get(r);
        p.records().put(r, f);
        p.keys().addAll(f.keys());
      }
      p.keys().addAll(orphanKeys.getOrDefault(sequence, Set.of()));
      after.add(p);
    }
    // Orphan keys of a person whose id no cluster kept go with its first record's new person.
    for (LinkEntry.Person gone : group) {
      if (!taken.contains(gone.sequence())) {
        Set<String> orphans = orphanKeys.get(gone.sequence());
        String first = gone.records().keySet().iterator().next();
        for (LinkEntry.Person p : after) {
          if (p.records().containsKey(first)) {
            p.keys().addAll(orphans);
          }
        }
      }
    }
    for (LinkEntry.Person gone : group) {
      if (!taken.contains(gone.sequence())) {
        LocalDate due = agingBefore.get(gone.sequence());
        if (due != null) {
          aging.delete(agingKey(due, gone.id()));
        }
        forget(gone);
        Profile was = before.get(gone.sequence());
        if (was != null) {
          profiles.delete(gone.id());
          out.profile(gone.id(), was, null);
        }
      }
    }
    for (LinkEntry.Person p : after) {
      String id = p.id();
      for (LinkEntry.Person old : group) {
        if (old.sequence() == p.sequence()) {
          p.indexedBlocks = old.indexedBlocks;
        }
      }
      p.records().keySet().forEach(r -> records.put(r, id));
      p.keys().forEach(k -> keys.put(k, id));
      p.recount(window);
      settle(p, before.get(p.sequence()), agingBefore.get(p.sequence()), out);
    }
  }

  /** Moves a younger person's records and keys to the survivor and withdraws their profile. */
  private void absorb(LinkEntry.Person survivor, LinkEntry.Person gone, Changes out) {
    String id = survivor.id();
    Profile before = gone.profile(rules);
    LocalDate agingBefore = gone.counts().nextChange(rules.lookbackMonths());
    for (String key : gone.keys()) {
      if (survivor.keys().add(key)) {
        keys.put(key, id);
      }
    }
    for (Map.Entry<String, PersonFact> r : gone.records().entrySet()) {
      survivor.records().put(r.getKey(), r.getValue());
      records.put(r.getKey(), id);
    }
    String goneId = gone.id();
    if (agingBefore != null) {
      aging.delete(agingKey(agingBefore, goneId));
    }
    forget(gone);
    if (before != null) {
      profiles.delete(goneId);
      out.profile(goneId, before, null);
    }
  }

  private void withdraw(String recordKey, Changes out) {
    String owner = records.get(recordKey);
    if (owner == null) {
      return;
    }
    LinkEntry.Person p = person(owner);
    Profile before = p.profile(rules);
    LocalDate agingBefore = p.counts().nextChange(rules.lookbackMonths());
    PersonFact gone = p.records().remove(recordKey);
    records.delete(recordKey);
    WindowCounts.Window window = window();
    if (gone != null && !p.counts().remove(gone, window)) {
      p.recount(window);
    }
    settle(p, before, agingBefore, out);
  }

  /** Moves the "as of" month on; recounts only the people whose look-back that changes. */
  private void advance(LocalDate extractDate, Changes out) {
    LocalDate month = extractDate.withDayOfMonth(1);
    if (meta.asOf != null && !month.isAfter(meta.asOf)) {
      return;
    }
    boolean first = meta.asOf == null;
    meta.asOf = month;
    people.put(LinkEntry.META_KEY, meta);
    if (first) {
      return;
    }
    List<String> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it = aging.range("", month.plusMonths(1).toString())) {
      it.forEachRemaining(kv -> due.add(kv.value));
    }
    WindowCounts.Window window = window();
    for (String id : due) {
      LinkEntry.Person p = person(id);
      Profile before = p.profile(rules);
      LocalDate agingBefore = p.counts().nextChange(rules.lookbackMonths());
      p.recount(window);
      settle(p, before, agingBefore, out);
    }
  }

  /** After a change of rules: every person recounted under the new ones, once. */
  private void recountEveryone(Changes out) {
    CohortRules made = meta.madeUnder(rules);
    int madeLookback = meta.lookbackMonths;
    meta.adopt(rules);
    people.put(LinkEntry.META_KEY, meta);
    if (meta.asOf == null) {
      return;
    }
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, LinkEntry> it = people.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value instanceof LinkEntry.Person) {
              ids.add(kv.key);
            }
          });
    }
    WindowCounts.Window window = window();
    for (String id : ids) {
      LinkEntry.Person p = person(id);
      Profile before = p.profile(made);
      LocalDate agingBefore = p.counts().nextChange(madeLookback);
      p.recount(window);
      settle(p, before, agingBefore, out);
    }
  }

  /** Stores a changed person, moves their aging entry, and notes a change of profile. */
  private void settle(LinkEntry.Person p, Profile before, LocalDate agingBefore, Changes out) {
    String id = p.id();
    LocalDate agingAfter = p.counts().nextChange(rules.lookbackMonths());
    if (!Objects.equals(agingBefore, agingAfter)) {
      if (agingBefore != null) {
        aging.delete(agingKey(agingBefore, id));
      }
      if (agingAfter != null) {
        aging.put(agingKey(agingAfter, id), id);
      }
    }
    store(p);
    Profile after = p.profile(rules);
    if (!Objects.equals(before, after)) {
      if (after == null) {
        profiles.delete(id);
      } else {
        profiles.put(id, after);
      }
      out.profile(id, before, after);
    }
  }

  private void emit(Changes out, Record<String, PersonFact> record) {
    if (out.profiles.isEmpty()) {
      return;
    }
    latest = Math.max(latest, record.timestamp());
    for (CohortChange.OfProfile change : out.profiles) {
      context.forward(new Record<>(change.personId(), change, latest));
    }
    for (Map.Entry<SummaryCell, Long> delta : out.cells.entrySet()) {
      if (delta.getValue() == 0) {
        continue;
      }
      Long before = summary.get(delta.getKey());
      long after = (before == null ? 0 : before) + delta.getValue();
      summary.put(delta.getKey(), after);
      context.forward(
          new Record<>(
              delta.getKey(), new CohortChange.OfCell(delta.getKey(), before, after), latest));
    }
  }

  private WindowCounts.Window window() {
    return WindowCounts.Window.of(meta.asOf, rules.lookbackMonths());
  }

  /** The aging index's key: the month a person's look-back next changes, then the person. */
  private static String agingKey(LocalDate month, String personId) {
    return month + "|" + personId;
  }

  /** The changes one input record caused, forwarded together once it is processed. */
  private final class Changes {
    final List<CohortChange.OfProfile> profiles = new ArrayList<>();
    final Map<SummaryCell, Long> cells = new LinkedHashMap<>();

    void profile(String id, Profile before, Profile after) {
      profiles.add(new CohortChange.OfProfile(id, before, after));
      if (before != null) {
        cells.merge(CohortRecords.summaryCell(before, settings), -1L, Long::sum);
      }
      if (after != null) {
        cells.merge(CohortRecords.summaryCell(after, settings), 1L, Long::sum);
      }
    }
  }
}
