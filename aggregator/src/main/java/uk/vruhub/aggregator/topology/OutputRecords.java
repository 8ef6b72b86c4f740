package uk.vruhub.aggregator.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.enforce.Enforced;
import uk.vruhub.policy.enforce.TopicEnforcer;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * Hotspot output records from the aggregator's state, each built by the policy enforcer: used by
 * the topology as cells change and by the analyst API when it reads the stores, so both publish
 * exactly the same thing.
 */
public final class OutputRecords {

  private static final HotspotSource[] SOURCES = {
    HotspotSource.POLICE, HotspotSource.HEALTH, HotspotSource.COMBINED
  };

  private OutputRecords() {}

  /** The records of one hotspot cell: one per definition and source. */
  public static List<Enforced> hotspots(AggregatorSettings settings, String cellKey, int[] v) {
    TopicEnforcer hotspots = settings.policy().topic(Ids.HOTSPOTS);
    List<Definition> definitions = settings.definitions().all();
    Cells.Parsed cell = Cells.parse(cellKey);
    Integer population =
        settings.population() == null ? null : settings.population().of(cell.area());
    List<Enforced> out = new ArrayList<>(definitions.size() * SOURCES.length);
    for (int d = 0; d < definitions.size(); d++) {
      for (HotspotSource source : SOURCES) {
        int located = 0;
        int unlocated = 0;
        for (int s = Cells.POLICE; s <= Cells.HEALTH; s++) {
          if (source == HotspotSource.COMBINED
              || (source == HotspotSource.POLICE) == (s == Cells.POLICE)) {
            located += at(v, Cells.slot(d, s, false));
            unlocated += at(v, Cells.slot(d, s, true));
          }
        }
        Map<String, Object> sources = new HashMap<>(16);
        sources.put(Sources.CELL_AREA, cell.area());
        sources.put(Sources.CELL_PERIOD_TYPE, cell.period());
        sources.put(Sources.CELL_PERIOD_START, cell.start());
        sources.put(Sources.CELL_DEFINITION, definitions.get(d).key());
        sources.put(Sources.CELL_SOURCE, source);
        sources.put(Sources.CELL_EVENTS, located + unlocated);
        sources.put(Sources.CELL_UNLOCATED, unlocated);
        sources.put(Sources.CELL_POPULATION, population);
        sources.put(Sources.CELL_REVISED_AT, settings.clock().instant());
        out.add(hotspots.enforce(sources));
      }
    }
    return out;
  }

  private static int at(int[] v, int slot) {
    return slot < v.length ? v[slot] : 0;
  }
}
