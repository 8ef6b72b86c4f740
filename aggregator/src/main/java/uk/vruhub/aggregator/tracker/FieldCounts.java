package uk.vruhub.aggregator.tracker;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.aggregator.state.Binary;

/**
 * How many records one agency's extracts of one month carried, and how many of them had each key
 * field: the value of the completeness store. Fields are stored by name.
 *
 * @param records records received (withdrawals not counted)
 * @param present per key field, the records that had it
 */
public record FieldCounts(long records, Map<KeyField, Long> present) {

  static final int FORMAT = 1;

  public FieldCounts {
    Map<KeyField, Long> copy = new EnumMap<>(KeyField.class);
    copy.putAll(present);
    present = Collections.unmodifiableMap(copy);
  }

  static FieldCounts none() {
    return new FieldCounts(0, new EnumMap<>(KeyField.class));
  }

  /** These counts with one more record, which had the fields given. */
  FieldCounts plus(Set<KeyField> fields) {
    Map<KeyField, Long> next = new EnumMap<>(KeyField.class);
    next.putAll(present);
    fields.forEach(f -> next.merge(f, 1L, Long::sum));
    return new FieldCounts(records + 1, next);
  }

  /** The sum of two partitions' counts of one month. */
  FieldCounts plus(FieldCounts other) {
    Map<KeyField, Long> next = new EnumMap<>(KeyField.class);
    next.putAll(present);
    other.present.forEach((f, n) -> next.merge(f, n, Long::sum));
    return new FieldCounts(records + other.records, next);
  }

  static Serde<FieldCounts> serde() {
    return Binary.serde(
        FORMAT,
        (v, out) -> {
          out.writeLong(v.records());
          out.writeShort(v.present().size());
          for (Map.Entry<KeyField, Long> e : v.present().entrySet()) {
            Binary.writeEnum(out, e.getKey());
            out.writeLong(e.getValue());
          }
        },
        in -> {
          long records = in.readLong();
          int n = in.readShort();
          Map<KeyField, Long> present = new EnumMap<>(KeyField.class);
          for (int i = 0; i < n; i++) {
            present.put(Binary.readEnum(in, KeyField.class), in.readLong());
          }
          return new FieldCounts(records, present);
        });
  }
}
