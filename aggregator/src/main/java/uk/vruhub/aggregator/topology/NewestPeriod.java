package uk.vruhub.aggregator.topology;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import uk.vruhub.avro.hub.PeriodType;

/**
 * The newest hotspot period holding any event, from the cells store ({@link
 * HubTopology#CELLS_STORE}): how far in event time the outputs reach. A cell whose events were all
 * withdrawn holds zeros and does not count.
 */
public final class NewestPeriod {

  private NewestPeriod() {}

  /** The start of the newest period of {@code type} with an event; empty when there is none. */
  public static Optional<LocalDate> withEvents(
      Iterator<KeyValue<String, int[]>> cells, PeriodType type) {
    LocalDate newest = null;
    while (cells.hasNext()) {
      KeyValue<String, int[]> cell = cells.next();
      Cells.Parsed key = Cells.parse(cell.key);
      if (key.period() == type
          && (newest == null || key.start().isAfter(newest))
          && cell.value != null
          && java.util.Arrays.stream(cell.value).anyMatch(n -> n != 0)) {
        newest = key.start();
      }
    }
    return Optional.ofNullable(newest);
  }
}
