package uk.vruhub.aggregator.topology;

import java.time.LocalDate;
import uk.vruhub.avro.hub.PeriodType;

/**
 * Hotspot cells: keys {@code <area code>|<period type>|<period start>} and count vectors with one
 * slot per definition, source (police, health) and location (known, unknown).
 */
final class Cells {

  static final int POLICE = 0;
  static final int HEALTH = 1;

  private Cells() {}

  static String key(String area, PeriodType period, LocalDate start) {
    return area + "|" + period.name() + "|" + start;
  }

  /** The parts of a cell key: area, period type, period start. */
  record Parsed(String area, PeriodType period, LocalDate start) {}

  static Parsed parse(String key) {
    int a = key.indexOf('|');
    int b = key.indexOf('|', a + 1);
    return new Parsed(
        key.substring(0, a),
        PeriodType.valueOf(key.substring(a + 1, b)),
        LocalDate.parse(key.substring(b + 1)));
  }

  static int size(int definitions) {
    return definitions * 4;
  }

  static int slot(int definition, int source, boolean unlocated) {
    return definition * 4 + source * 2 + (unlocated ? 1 : 0);
  }

  static int[] add(int[] a, int[] b) {
    int[] out = a.length >= b.length ? a.clone() : b.clone();
    int[] other = a.length >= b.length ? b : a;
    for (int i = 0; i < other.length; i++) {
      out[i] += other[i];
    }
    return out;
  }
}
