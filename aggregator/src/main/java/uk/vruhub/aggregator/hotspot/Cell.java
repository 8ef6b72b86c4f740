package uk.vruhub.aggregator.hotspot;

import java.time.LocalDate;
import java.util.Objects;
import uk.vruhub.avro.hub.PeriodType;

/**
 * A hotspot cell: one area in one period. With a definition ({@link CellDefinition}) it is what the
 * hotspot state is keyed by.
 *
 * @param area the area code, at the level the policy publishes, or the VRU area
 * @param period the period type
 * @param start the first day of the period
 */
public record Cell(String area, PeriodType period, LocalDate start) {

  public Cell {
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(start, "start");
  }

  /** This cell under one definition. */
  public CellDefinition under(String definitionKey) {
    return new CellDefinition(this, definitionKey);
  }
}
