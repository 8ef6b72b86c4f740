package uk.vruhub.local.quality;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * False merges of look-alikes (twins, namesakes): different people who look alike, and how many of
 * their pairs a clustering put into one cluster.
 *
 * @param kind TWIN or NAMESAKE
 * @param pairs look-alike pairs of this kind with records evaluated for both people
 * @param mergedByHub pairs whose records share a cluster of the hub's linkage
 * @param mergedByBaseline pairs whose records share a cluster of the exact-key baseline
 * @param hubRecordPairs record pairs across a look-alike pair the hub linked
 * @param baselineRecordPairs record pairs across a look-alike pair the baseline linked
 */
public record LookalikeMerges(
    String kind,
    int pairs,
    int mergedByHub,
    int mergedByBaseline,
    long hubRecordPairs,
    long baselineRecordPairs) {

  /** One pair of look-alike people. */
  public record Pair(String personA, String personB, String kind) {}

  /**
   * By kind, over the records of {@code truth} (record to true person); a record missing from a
   * clustering is a cluster on its own.
   */
  public static Map<String, LookalikeMerges> of(
      Map<String, String> truth,
      Map<String, String> hub,
      Map<String, String> baseline,
      List<Pair> lookalikes) {
    Map<String, Set<String>> recordsOf = new HashMap<>();
    truth.forEach((r, p) -> recordsOf.computeIfAbsent(p, k -> new HashSet<>()).add(r));
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (Pair l : lookalikes) {
      Set<String> a = recordsOf.get(l.personA());
      Set<String> b = recordsOf.get(l.personB());
      long[] c = counts.computeIfAbsent(l.kind(), k -> new long[5]);
      if (a == null || b == null) {
        continue;
      }
      c[0]++;
      long hubPairs = linkedAcross(a, b, hub);
      long basePairs = linkedAcross(a, b, baseline);
      c[1] += hubPairs > 0 ? 1 : 0;
      c[2] += basePairs > 0 ? 1 : 0;
      c[3] += hubPairs;
      c[4] += basePairs;
    }
    Map<String, LookalikeMerges> out = new LinkedHashMap<>();
    counts.forEach(
        (k, c) ->
            out.put(k, new LookalikeMerges(k, (int) c[0], (int) c[1], (int) c[2], c[3], c[4])));
    return out;
  }

  private static long linkedAcross(Set<String> a, Set<String> b, Map<String, String> linked) {
    long n = 0;
    for (String x : a) {
      String cx = linked.get(x);
      if (cx == null) {
        continue;
      }
      for (String y : b) {
        if (cx.equals(linked.get(y))) {
          n++;
        }
      }
    }
    return n;
  }
}
