package uk.vruhub.aggregator.hotspot;

import java.time.LocalDate;
import java.util.List;
import uk.vruhub.aggregator.definitions.Incident;

/**
 * What one incident adds to the hotspot counts: the definitions it meets (by key, {@code
 * id@version}, so reordering or adding definitions cannot relabel it), its source, the area it is
 * counted in (null when its location is unknown), its day, and its VRU area. Kept per incident so a
 * correction takes back exactly what the earlier version added.
 */
public record Contribution(
    List<String> definitions, Incident.Source source, String area, LocalDate day, String vruArea) {

  public Contribution {
    definitions = List.copyOf(definitions);
  }
}
