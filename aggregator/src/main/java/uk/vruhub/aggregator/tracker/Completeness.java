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
 * share of them with each field.
 *
 * @param agency the agency
 * @param month the extract month ({@code 2026-03})
 * @param records records received in that month's extracts
 * @param fields per key field, in the agency's order
 */
public record Completeness(String agency, String month, long records, List<Field> fields) {

  /**
   * @param field the field ({@link KeyField} name)
   * @param label how people call it
   * @param present records that had it
   * @param share present / records, 0..1, rounded to three places
   */
  public record Field(String field, String label, long present, double share) {}

  /**
   * Every agency and month in the store, the partitions' counts added up (each partition of the
   * agency topics counts its own records under the same key), oldest month first within each
   * agency.
   */
  public static List<Completeness> read(KeyValueIterator<MonthKey, FieldCounts> store) {
    Map<MonthKey, FieldCounts> sums =
        new TreeMap<>(
            Comparator.comparing(MonthKey::agency)
                .thenComparing(MonthKey::month, YearMonth::compareTo));
    while (store.hasNext()) {
      KeyValue<MonthKey, FieldCounts> kv = store.next();
      sums.merge(kv.key, kv.value, FieldCounts::plus);
    }
    List<Completeness> out = new ArrayList<>();
    sums.forEach((k, v) -> out.add(of(k.agency(), k.month(), v)));
    return out;
  }

  static Completeness of(Agency agency, YearMonth month, FieldCounts counts) {
    List<Field> fields = new ArrayList<>();
    for (KeyField f : KeyField.of(agency)) {
      long n = counts.present().getOrDefault(f, 0L);
      double share = counts.records() == 0 ? 0 : Math.round(1000.0 * n / counts.records()) / 1000.0;
      fields.add(new Field(f.name(), f.label(), n, share));
    }
    return new Completeness(agency.name(), month.toString(), counts.records(), List.copyOf(fields));
  }
}
