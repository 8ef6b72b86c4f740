package uk.vruhub.aggregator.cohort;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import uk.vruhub.aggregator.tracker.TrackerDisclosure;
import uk.vruhub.avro.common.Agency;

/**
 * How well each agency's people link to another agency's, read from the linkage's people (never
 * written): of the people an agency holds a current record of, the share the linkage found in at
 * least one other agency's records too. A level 1 aggregate, published by the tracker's one rule
 * ({@link TrackerDisclosure}): the people count rounded to the nearest 5 (hidden from 1 to the
 * floor minus one), the share in whole per cent only when both the linked and the unlinked people
 * are at or above the floor. The exact linked count is never given: with the people count it would
 * let two readings be subtracted.
 *
 * @param agency the agency
 * @param people people with a current record of the agency, rounded; null when suppressed
 * @param sharePercent of them, the per cent with a current record of another agency too, from the
 *     exact counts; null when withheld
 * @param suppressed whether the count or the share is hidden
 */
public record AgencyLinkage(String agency, Long people, Integer sharePercent, boolean suppressed) {

  /**
   * Counts every person of the linkage's people store, one pass.
   *
   * @param people the entries of {@link CohortTopology#PEOPLE_STORE}
   * @param rule the tracker's disclosure rule
   */
  public static List<AgencyLinkage> count(
      KeyValueIterator<String, ?> people, TrackerDisclosure rule) {
    Map<Agency, long[]> counts = new EnumMap<>(Agency.class);
    for (Agency a : Agency.values()) {
      counts.put(a, new long[2]);
    }
    while (people.hasNext()) {
      KeyValue<String, ?> kv = people.next();
      if (!(kv.value instanceof LinkEntry.Person person)) {
        continue;
      }
      Set<Agency> agencies = EnumSet.noneOf(Agency.class);
      person.records().values().forEach(f -> agencies.add(f.agency()));
      for (Agency a : agencies) {
        long[] c = counts.get(a);
        c[0]++;
        if (agencies.size() > 1) {
          c[1]++;
        }
      }
    }
    List<AgencyLinkage> out = new ArrayList<>();
    counts.forEach((agency, c) -> out.add(of(agency, c[0], c[1], rule)));
    return List.copyOf(out);
  }

  static AgencyLinkage of(Agency agency, long people, long linked, TrackerDisclosure rule) {
    Long shown = rule.count(people);
    Integer share = people == 0 ? null : rule.percent(linked, people);
    return new AgencyLinkage(
        agency.name(), shown, share, shown == null || (people > 0 && share == null));
  }
}
