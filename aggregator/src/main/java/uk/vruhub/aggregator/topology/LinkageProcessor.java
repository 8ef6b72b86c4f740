package uk.vruhub.aggregator.topology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.state.PersonFact;
import uk.vruhub.aggregator.state.PersonState;
import uk.vruhub.aggregator.state.Profile;

/**
 * Links records to people and keeps each person's cohort profile. The rule: records that share any
 * strong match key are the same person, transitively. When a record bridges two people, the one
 * first seen keeps its id and absorbs the other, whose profile is withdrawn; so ids are stable and
 * the same input always gives the same people. Links are never undone: a withdrawn record leaves
 * the counts, but the keys it brought still join the people it joined.
 *
 * <p>Runs on a single partition: every match key of a connected group must meet in one place. For a
 * county-sized partnership (tens of thousands of records a year) that is ample; hotspots, the heavy
 * part, stay fully partitioned.
 *
 * <p>Emits a person's profile when it changes, and null when the person leaves the cohort or is
 * absorbed. The cohort's "as of" month is the month of the latest extract seen; when it moves on,
 * every profile is recomputed, so events age out of the look-back even when nothing new arrives for
 * a person.
 */
final class LinkageProcessor implements Processor<String, PersonFact, String, Profile> {

  private static final String SEQUENCE = "sequence";
  private static final String AS_OF = "as-of";

  private final CohortRules rules;
  private ProcessorContext<String, Profile> context;
  private KeyValueStore<String, String> keys;
  private KeyValueStore<String, String> records;
  private KeyValueStore<String, PersonFact> facts;
  private KeyValueStore<String, PersonState> people;
  private KeyValueStore<String, String> meta;

  /**
   * The latest input timestamp seen. Profiles are forwarded with it, so each person's profile
   * versions carry non-decreasing timestamps although the three agency topics interleave.
   */
  private long latest = Long.MIN_VALUE;

  LinkageProcessor(CohortRules rules) {
    this.rules = rules;
  }

  @Override
  public void init(ProcessorContext<String, Profile> context) {
    this.context = context;
    this.keys = context.getStateStore(HubTopology.LINK_KEYS_STORE);
    this.records = context.getStateStore(HubTopology.LINK_RECORDS_STORE);
    this.facts = context.getStateStore(HubTopology.LINK_FACTS_STORE);
    this.people = context.getStateStore(HubTopology.LINK_PEOPLE_STORE);
    this.meta = context.getStateStore(HubTopology.LINK_META_STORE);
  }

  @Override
  public void process(Record<String, PersonFact> record) {
    String recordKey = record.key();
    PersonFact fact = record.value();
    String owner = records.get(recordKey);
    if (fact == null) {
      withdraw(record, recordKey, owner);
      return;
    }
    facts.put(recordKey, fact);
    boolean newMonth = advanceAsOf(fact.extractDate());

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
    String survivor;
    PersonState state;
    if (candidates.isEmpty()) {
      long sequence = nextSequence();
      survivor = String.format("P%09d", sequence);
      state = new PersonState(sequence);
    } else {
      survivor = null;
      state = null;
      for (String candidate : candidates) {
        PersonState s = people.get(candidate);
        if (state == null || s.sequence() < state.sequence()) {
          survivor = candidate;
          state = s;
        }
      }
      for (String absorbed : candidates) {
        if (!absorbed.equals(survivor)) {
          absorb(record, survivor, state, absorbed);
        }
      }
    }
    state.records().add(recordKey);
    records.put(recordKey, survivor);
    for (String key : fact.keys()) {
      if (state.keys().add(key)) {
        keys.put(key, survivor);
      }
    }
    people.put(survivor, state);
    if (newMonth) {
      recomputeEveryone(record);
    } else {
      recompute(record, survivor, state);
    }
  }

  private void withdraw(Record<String, PersonFact> record, String recordKey, String owner) {
    facts.delete(recordKey);
    if (owner == null) {
      return;
    }
    records.delete(recordKey);
    PersonState state = people.get(owner);
    state.records().remove(recordKey);
    people.put(owner, state);
    recompute(record, owner, state);
  }

  private void absorb(
      Record<String, PersonFact> record, String survivor, PersonState into, String absorbed) {
    PersonState gone = people.get(absorbed);
    for (String r : gone.records()) {
      into.records().add(r);
      records.put(r, survivor);
    }
    for (String k : gone.keys()) {
      into.keys().add(k);
      keys.put(k, survivor);
    }
    people.delete(absorbed);
    if (gone.lastProfile() != 0) {
      context.forward(
          record.withKey(absorbed).withValue((Profile) null).withTimestamp(stamp(record)));
    }
  }

  private long stamp(Record<String, PersonFact> record) {
    latest = Math.max(latest, record.timestamp());
    return latest;
  }

  private void recompute(Record<String, PersonFact> record, String personId, PersonState state) {
    List<PersonFact> own = new ArrayList<>(state.records().size());
    for (String r : state.records()) {
      PersonFact f = facts.get(r);
      if (f != null) {
        own.add(f);
      }
    }
    Profile profile = own.isEmpty() ? null : Profile.compute(personId, own, asOf(), rules);
    int fingerprint = profile == null ? 0 : Objects.hash(profile) | 1;
    if (fingerprint != state.lastProfile()) {
      state.lastProfile(fingerprint);
      people.put(personId, state);
      context.forward(record.withKey(personId).withValue(profile).withTimestamp(stamp(record)));
    }
  }

  private void recomputeEveryone(Record<String, PersonFact> record) {
    List<KeyValue<String, PersonState>> all = new ArrayList<>();
    try (KeyValueIterator<String, PersonState> it = people.all()) {
      it.forEachRemaining(all::add);
    }
    for (KeyValue<String, PersonState> person : all) {
      recompute(record, person.key, person.value);
    }
  }

  private boolean advanceAsOf(LocalDate extractDate) {
    LocalDate month = extractDate.withDayOfMonth(1);
    String current = meta.get(AS_OF);
    if (current == null || LocalDate.parse(current).isBefore(month)) {
      meta.put(AS_OF, month.toString());
      return current != null;
    }
    return false;
  }

  private LocalDate asOf() {
    return LocalDate.parse(meta.get(AS_OF));
  }

  private long nextSequence() {
    String current = meta.get(SEQUENCE);
    long next = current == null ? 1 : Long.parseLong(current) + 1;
    meta.put(SEQUENCE, Long.toString(next));
    return next;
  }
}
