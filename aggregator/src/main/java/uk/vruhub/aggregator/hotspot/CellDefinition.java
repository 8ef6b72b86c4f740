package uk.vruhub.aggregator.hotspot;

import java.util.Objects;

/**
 * A hotspot cell under one serious-violence definition: the key of the hotspot counts and of the
 * deltas that change them.
 *
 * @param cell the area and period
 * @param definition the definition's key, {@code id@version} (never its position in the file)
 */
public record CellDefinition(Cell cell, String definition) {

  public CellDefinition {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(definition, "definition");
  }
}
