package uk.vruhub.aggregator.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.hotspot.Cell;
import uk.vruhub.aggregator.hotspot.Counts;
import uk.vruhub.aggregator.hotspot.HotspotRecords;
import uk.vruhub.aggregator.state.Profile;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.avro.hub.RiskFlag;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.enforce.Enforced;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * Cohort output records from the aggregator's state, each built by the policy enforcer: used by the
 * topology as cells change and by the analyst API when it reads the stores, so both publish exactly
 * the same thing. (Hotspot records: {@link HotspotRecords}.)
 */
public final class OutputRecords {

  private OutputRecords() {}

  /**
   * The records of one hotspot cell in the layout of the enforcement micro-benchmark ({@code
   * bench}'s {@code EnforceBench}): a key {@code area|PERIOD|start} and four counts per definition,
   * in the definitions' order (police located, police unlocated, health located, health unlocated).
   * Nothing in the aggregator uses this layout any more: its state is keyed by {@link
   * uk.vruhub.aggregator.hotspot.CellDefinition} and built by {@link HotspotRecords}. For the
   * benchmark only, until it calls {@link HotspotRecords} itself.
   */
  public static List<Enforced> hotspots(AggregatorSettings settings, String cellKey, int[] v) {
    String[] parts = cellKey.split("\\|", -1);
    Cell cell =
        new Cell(parts[0], PeriodType.valueOf(parts[1]), java.time.LocalDate.parse(parts[2]));
    HotspotRecords records = new HotspotRecords(settings);
    List<Definition> definitions = settings.definitions().all();
    List<Enforced> out = new ArrayList<>(definitions.size() * HotspotRecords.SOURCES.size());
    for (int d = 0; d < definitions.size(); d++) {
      Counts counts =
          new Counts(at(v, d * 4), at(v, d * 4 + 1), at(v, d * 4 + 2), at(v, d * 4 + 3));
      out.addAll(
          records.all(cell.under(definitions.get(d).key()), counts, settings.clock().instant()));
    }
    return out;
  }

  private static int at(int[] v, int slot) {
    return slot < v.length ? v[slot] : 0;
  }

  /** The record of one cohort summary cell ({@code area|age band|flags}) with its count. */
  public static Enforced summary(AggregatorSettings settings, String cellKey, long persons) {
    String[] parts = cellKey.split("\\|", -1);
    List<RiskFlag> flags = new ArrayList<>();
    if (!parts[2].isEmpty()) {
      for (String f : parts[2].split("\\+")) {
        flags.add(RiskFlag.valueOf(f));
      }
    }
    Map<String, Object> s = new HashMap<>(8);
    s.put(Sources.PERSON_HOME_AREA, parts[0]);
    s.put(Sources.PERSON_AGE, parts[1]);
    s.put(Sources.PERSON_FLAGS, flags);
    s.put(Sources.CELL_PERSONS, (int) persons);
    s.put(Sources.COHORT_LOOKBACK_MONTHS, settings.cohort().lookbackMonths());
    s.put(Sources.CELL_REVISED_AT, settings.clock().instant());
    return settings.policy().topic(Ids.COHORT_SUMMARY).enforce(s);
  }

  /** The level 2 record of a profile. */
  public static Enforced profile(AggregatorSettings settings, Profile profile) {
    return settings
        .policy()
        .topic(Ids.COHORT_PROFILES)
        .enforce(CohortOutputProcessors.sources(profile, settings));
  }
}
