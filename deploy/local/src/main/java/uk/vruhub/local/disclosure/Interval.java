package uk.vruhub.local.disclosure;

/**
 * The whole numbers a count can be, from {@code lo} to {@code hi} inclusive, as far as a reader of
 * the published tables can tell. {@code hi} is {@link Integer#MAX_VALUE} when unbounded.
 */
public record Interval(int lo, int hi) {

  public static final int UNBOUNDED = Integer.MAX_VALUE;

  public Interval {
    if (lo > hi) {
      throw new IllegalArgumentException("empty interval [" + lo + ", " + hi + "]");
    }
  }

  public static Interval exactly(int n) {
    return new Interval(n, n);
  }

  /** How many values wide: 0 when the count is known exactly. */
  public long width() {
    return hi == UNBOUNDED ? Long.MAX_VALUE : (long) hi - lo;
  }

  public boolean exact() {
    return lo == hi;
  }

  public boolean contains(int n) {
    return lo <= n && n <= hi;
  }

  public boolean contains(Interval o) {
    return lo <= o.lo && o.hi <= hi;
  }

  @Override
  public String toString() {
    return lo == hi ? Integer.toString(lo) : "[" + lo + ", " + (hi == UNBOUNDED ? "∞" : hi) + "]";
  }
}
