package uk.vruhub.local.quality;

import java.util.HashMap;
import java.util.Map;

/**
 * Precision, recall and F1 of a clustering of records into people, against the true people, over
 * pairs of records: a pair is a true positive when both clusterings put its two records together.
 *
 * @param truePairs pairs of records that are truly one person
 * @param linkedPairs pairs the clustering put together
 * @param correctPairs pairs both put together
 */
public record PairwiseScore(long truePairs, long linkedPairs, long correctPairs) {

  /** No pairs at all. */
  public static final PairwiseScore NONE = new PairwiseScore(0, 0, 0);

  /**
   * Scores {@code linked} against {@code truth}; both map every evaluated record to a cluster id. A
   * record missing from {@code linked} counts as a person on its own.
   */
  public static PairwiseScore of(Map<String, String> truth, Map<String, String> linked) {
    Map<String, Long> byTruth = new HashMap<>();
    Map<String, Long> byLinked = new HashMap<>();
    Map<String, Long> byBoth = new HashMap<>();
    for (Map.Entry<String, String> e : truth.entrySet()) {
      String cluster = linked.getOrDefault(e.getKey(), "alone:" + e.getKey());
      byTruth.merge(e.getValue(), 1L, Long::sum);
      byLinked.merge(cluster, 1L, Long::sum);
      byBoth.merge(e.getValue() + "\u0000" + cluster, 1L, Long::sum);
    }
    return new PairwiseScore(pairs(byTruth), pairs(byLinked), pairs(byBoth));
  }

  private static long pairs(Map<String, Long> sizes) {
    long sum = 0;
    for (long n : sizes.values()) {
      sum += n * (n - 1) / 2;
    }
    return sum;
  }

  public double precision() {
    return linkedPairs == 0 ? 1.0 : (double) correctPairs / linkedPairs;
  }

  public double recall() {
    return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
