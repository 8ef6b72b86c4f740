package uk.vruhub.aggregator.hotspot;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import uk.vruhub.avro.hub.PeriodType;

/**
 * The newest hotspot period holding any event, from the cells store ({@link
 * HotspotTopology#CELLS_STORE}): how far in event time the outputs reach. A cell whose events were
 * all withdrawn holds zeros and does not count.
 */
public final class NewestPeriod {

  private NewestPeriod() {}

  /** The start of the newest period of {@code type} with an event; empty when there is none. */
  public static Optional<LocalDate> withEvents(
      Iterator<KeyValue<Cell, CellCounts>> cells, PeriodType type) {
    LocalDate newest = null;
    while (cells.hasNext()) {
      KeyValue<Cell, CellCounts> kv = cells.next();
      Cell cell = kv.key;
      if (cell.period() == type
          && (newest == null || cell.start().isAfter(newest))
          && kv.value != null
          && !kv.value.isZero()) {
        newest = cell.start();
      }
    }
    return Optional.ofNullable(newest);
  }
}
