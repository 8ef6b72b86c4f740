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
 * least one other agency's records too. Exact counts, for the data tracker to publish by its
 * disclosure rule ({@code tracker.LinkedShare}); they never leave the aggregator as they are.
 *
 * @param agency the agency
 * @param people people with a current record of the agency
 * @param linked of them, the people with a current record of another agency too
 */
public record AgencyLinkage(Agency agency, long people, long linked) {

  /**
   * Counts every person of the linkage's people store, one pass.
   *
   * @param people the entries of {@link CohortTopology#PEOPLE_STORE}
   */
  public static List<AgencyLinkage> count(KeyValueIterator<String, ?> people) {
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
    counts.forEach((agency, c) -> out.add(new AgencyLinkage(agency, c[0], c[1])));
    return List.copyOf(out);
  }
}
