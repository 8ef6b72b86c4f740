package uk.vruhub.aggregator.tracker;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import uk.vruhub.avro.common.Agency;

/**
 * The completeness of one agency's key fields in one month's extracts: records received and the
 * share of them with each field, published by the {@link TrackerDisclosure} rule (counts from 1 to
 * the level-1 floor minus one hidden, others rounded to the nearest 5; a share only when both the
 * records with the field and those without are at or above the floor).
 *
 * @param agency the agency
 * @param month the extract month ({@code 2026-03})
 * @param records records received in that month's extracts, rounded; null when suppressed
 * @param suppressed whether the records count is hidden
 * @param fields per key field, in the agency's order
 */
public record Completeness(
    String agency, String month, Long records, boolean suppressed, List<Field> fields) {

  /**
   * @param field the field ({@link KeyField} name)
   * @param label how people call it
   * @param present records that had it, rounded; null when suppressed
   * @param sharePercent present / records in whole per cent, from the exact counts; null when
   *     withheld (the records with or without the field are under the floor)
   * @param suppressed whether the count or the share is hidden
   */
  public record Field(
      String field, String label, Long present, Integer sharePercent, boolean suppressed) {}

  /**
   * Every agency and month in the store, the partitions' counts added up (each partition of the
   * agency topics counts its own records under the same key), oldest month first within each
   * agency.
   */
  public static List<Completeness> read(
      KeyValueIterator<MonthKey, FieldCounts> store, TrackerDisclosure rule) {
    List<Completeness> out = new ArrayList<>();
    sums(store).forEach((k, v) -> out.add(of(k.agency(), k.month(), v, rule)));
    return out;
  }

  /**
   * The exact counts of every agency and month, partitions added up, in the order of {@link #read}.
   */
  static Map<MonthKey, FieldCounts> sums(KeyValueIterator<MonthKey, FieldCounts> store) {
    Map<MonthKey, FieldCounts> sums =
        new TreeMap<>(
            Comparator.comparing(MonthKey::agency)
                .thenComparing(MonthKey::month, YearMonth::compareTo));
    while (store.hasNext()) {
      KeyValue<MonthKey, FieldCounts> kv = store.next();
      sums.merge(kv.key, kv.value, FieldCounts::plus);
    }
    return sums;
  }

  static Completeness of(
      Agency agency, YearMonth month, FieldCounts counts, TrackerDisclosure rule) {
    List<Field> fields = new ArrayList<>();
    long records = counts.records();
    for (KeyField f : KeyField.of(agency)) {
      long n = counts.present().getOrDefault(f, 0L);
      Long present = rule.count(n);
      Integer share = rule.percent(n, records);
      fields.add(new Field(f.name(), f.label(), present, share, present == null || share == null));
    }
    return new Completeness(
        agency.name(),
        month.toString(),
        rule.count(records),
        rule.suppressed(records),
        List.copyOf(fields));
  }
}
