package uk.vruhub.aggregator.tracker;

import java.time.YearMonth;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.aggregator.state.Binary;
import uk.vruhub.avro.common.Agency;

/**
 * An agency and the month of the extracts that carried its records: the key of the completeness
 * store.
 *
 * @param agency the agency
 * @param month the extract month
 */
public record MonthKey(Agency agency, YearMonth month) {

  static final int FORMAT = 1;

  static Serde<MonthKey> serde() {
    return Binary.serde(
        FORMAT,
        (k, out) -> {
          Binary.writeEnum(out, k.agency());
          out.writeInt(k.month().getYear());
          out.writeByte(k.month().getMonthValue());
        },
        in ->
            new MonthKey(
                Binary.readEnum(in, Agency.class), YearMonth.of(in.readInt(), in.readByte())));
  }
}
