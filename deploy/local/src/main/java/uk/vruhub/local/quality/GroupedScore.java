package uk.vruhub.local.quality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@link PairwiseScore}s of one clustering broken down by group (age band, sex, agency pair, kind
 * of mess). A pair of records counts under every group {@link PairGroups} gives it: a true pair
 * under its groups for recall, a linked pair under its groups for precision, so a false merge of
 * two people of different groups counts against both.
 */
public final class GroupedScore {

  /** The groups a pair of records counts under. */
  @FunctionalInterface
  public interface PairGroups {
    Collection<String> of(String a, String b);

    /** Under each group either record is in (a pair spanning two groups counts under both). */
    static PairGroups either(Function<String, ? extends Collection<String>> groups) {
      return (a, b) -> {
        Set<String> out = new LinkedHashSet<>(groups.apply(a));
        out.addAll(groups.apply(b));
        return out;
      };
    }

    /** As {@link #either}, and under {@code none} when neither record is in any group. */
    static PairGroups eitherOr(Function<String, ? extends Collection<String>> groups, String none) {
      PairGroups either = either(groups);
      return (a, b) -> {
        Collection<String> in = either.of(a, b);
        return in.isEmpty() ? List.of(none) : in;
      };
    }

    /**
     * Under the unordered pair of the records' labels, written in {@code order} ("POLICE-HEALTH";
     * "POLICE-POLICE" within one).
     */
    static PairGroups labelPair(Function<String, String> label, List<String> order) {
      return (a, b) -> {
        String x = label.apply(a);
        String y = label.apply(b);
        int ix = order.indexOf(x) < 0 ? Integer.MAX_VALUE : order.indexOf(x);
        int iy = order.indexOf(y) < 0 ? Integer.MAX_VALUE : order.indexOf(y);
        boolean swap = ix > iy || (ix == iy && x.compareTo(y) > 0);
        return List.of(swap ? y + "-" + x : x + "-" + y);
      };
    }
  }

  private GroupedScore() {}

  /**
   * Scores {@code linked} against {@code truth} within each group, over the records of {@code
   * truth}; a record missing from {@code linked} is a cluster on its own (as in {@link
   * PairwiseScore#of}).
   */
  public static Map<String, PairwiseScore> of(
      Map<String, String> truth, Map<String, String> linked, PairGroups groups) {
    Map<String, long[]> counts = new TreeMap<>();
    for (List<String> cluster : clusters(truth, truth::get)) {
      forPairs(
          cluster,
          (a, b) -> {
            for (String g : groups.of(a, b)) {
              counts.computeIfAbsent(g, k -> new long[3])[0]++;
            }
          });
    }
    for (List<String> cluster : clusters(truth, r -> linked.getOrDefault(r, "alone\u0000" + r))) {
      forPairs(
          cluster,
          (a, b) -> {
            boolean right = truth.get(a).equals(truth.get(b));
            for (String g : groups.of(a, b)) {
              long[] c = counts.computeIfAbsent(g, k -> new long[3]);
              c[1]++;
              if (right) {
                c[2]++;
              }
            }
          });
    }
    Map<String, PairwiseScore> out = new LinkedHashMap<>();
    counts.forEach((g, c) -> out.put(g, new PairwiseScore(c[0], c[1], c[2])));
    return out;
  }

  /** The records of {@code truth} grouped by {@code cluster}. */
  static Collection<List<String>> clusters(
      Map<String, String> truth, Function<String, String> cluster) {
    Map<String, List<String>> by = new HashMap<>();
    for (String r : new java.util.TreeSet<>(truth.keySet())) {
      by.computeIfAbsent(cluster.apply(r), k -> new ArrayList<>()).add(r);
    }
    return by.values();
  }

  private static void forPairs(
      List<String> cluster, java.util.function.BiConsumer<String, String> f) {
    for (int i = 0; i < cluster.size(); i++) {
      for (int j = i + 1; j < cluster.size(); j++) {
        f.accept(cluster.get(i), cluster.get(j));
      }
    }
  }
}
