package uk.vruhub.aggregator.cohort;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import uk.vruhub.avro.common.Agency;

/**
 * How well each agency's people link to another agency's, read from the linkage's people (never
 * written): of the people an agency holds a current record of, how many the linkage found in at
 * least one other agency's records too. A level 1 aggregate: small counts are suppressed under the
 * policy's level-1 floor, and so is a share whose complement is small (people minus linked would
 * give it away).
 *
 * @param agency the agency
 * @param people people with a current record of the agency; null when suppressed
 * @param linked of them, people with a current record of another agency too; null when suppressed
 * @param share linked / people, 0..1 rounded to three places; null when suppressed
 * @param suppressed whether the counts are hidden
 */
public record AgencyLinkage(
    String agency, Long people, Long linked, Double share, boolean suppressed) {

  /**
   * Counts every person of the linkage's people store, one pass.
   *
   * @param people the entries of {@link CohortTopology#PEOPLE_STORE}
   * @param floor the policy's level-1 suppression floor: counts from 1 to floor - 1 are hidden
   */
  public static List<AgencyLinkage> count(KeyValueIterator<String, ?> people, int floor) {
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
    counts.forEach((agency, c) -> out.add(of(agency, c[0], c[1], floor)));
    return List.copyOf(out);
  }

  static AgencyLinkage of(Agency agency, long people, long linked, int floor) {
    if (small(people, floor) || small(linked, floor) || small(people - linked, floor)) {
      return new AgencyLinkage(agency.name(), null, null, null, true);
    }
    double share = people == 0 ? 0 : Math.round(1000.0 * linked / people) / 1000.0;
    return new AgencyLinkage(agency.name(), people, linked, people == 0 ? null : share, false);
  }

  private static boolean small(long n, int floor) {
    return n > 0 && n < floor;
  }
}
