package uk.vruhub.bench.harness;

import java.util.Arrays;
import java.util.List;

/** The arithmetic of the figures: pure functions, tested on their own. */
final class Stats {

  private Stats() {}

  /**
   * The growth exponent: the slope of the least-squares line through {@code (log size, log time)},
   * so time ∝ size<sup>exponent</sup>; 1 is linear. Each point is {@code {size, time}}; at least
   * two points of different sizes, all positive.
   */
  static double growthExponent(List<double[]> points) {
    if (points.size() < 2) {
      throw new IllegalArgumentException("A growth exponent needs at least two sizes");
    }
    double n = points.size();
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (double[] p : points) {
      if (!(p[0] > 0) || !(p[1] > 0)) {
        throw new IllegalArgumentException(
            "Sizes and times must be positive: " + Arrays.toString(p));
      }
      double x = Math.log(p[0]);
      double y = Math.log(p[1]);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double d = n * sxx - sx * sx;
    if (d == 0) {
      throw new IllegalArgumentException("A growth exponent needs at least two different sizes");
    }
    return (n * sxy - sx * sy) / d;
  }

  /**
   * The nearest-rank percentile: the smallest value with at least {@code p} % of the values at or
   * below it (so p99 of 20 values is the largest). NaN for no values.
   */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("A percentile is in (0, 100]: " + p);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
  }
}
