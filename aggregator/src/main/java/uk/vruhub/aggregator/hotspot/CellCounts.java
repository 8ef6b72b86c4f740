package uk.vruhub.aggregator.hotspot;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counts of one hotspot cell, by definition key ({@code id@version}): the value of the cells
 * store, and — holding only the definitions an incident meets — of the deltas that change it. Keyed
 * by the definition's key, never its position in the definitions file, so reordering or adding
 * definitions cannot relabel a count.
 *
 * @param byDefinition counts by definition key, in key order
 */
public record CellCounts(SortedMap<String, Counts> byDefinition) {

  public static final CellCounts NONE = new CellCounts(new TreeMap<>());

  public CellCounts {
    byDefinition = Collections.unmodifiableSortedMap(new TreeMap<>(byDefinition));
  }

  /** One definition's counts. */
  public static CellCounts of(String definition, Counts counts) {
    TreeMap<String, Counts> m = new TreeMap<>();
    m.put(definition, counts);
    return new CellCounts(m);
  }

  /** A definition's counts, zero when it has none here. */
  public Counts get(String definition) {
    return byDefinition.getOrDefault(definition, Counts.ZERO);
  }

  /** These counts with {@code delta} added, definition by definition; zero deltas add nothing. */
  public CellCounts plus(CellCounts delta) {
    TreeMap<String, Counts> m = new TreeMap<>(byDefinition);
    for (Map.Entry<String, Counts> e : delta.byDefinition.entrySet()) {
      m.merge(e.getKey(), e.getValue(), Counts::plus);
    }
    return new CellCounts(m);
  }

  /** These counts without the definitions whose counts are zero (for deltas). */
  public CellCounts withoutZeros() {
    TreeMap<String, Counts> m = new TreeMap<>(byDefinition);
    m.values().removeIf(Counts::isZero);
    return new CellCounts(m);
  }

  /** Whether no definition counts any event here. */
  public boolean isZero() {
    return byDefinition.values().stream().allMatch(Counts::isZero);
  }
}
