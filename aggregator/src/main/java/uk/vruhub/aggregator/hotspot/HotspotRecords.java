package uk.vruhub.aggregator.hotspot;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.enforce.Enforced;
import uk.vruhub.policy.enforce.TopicEnforcer;
import uk.vruhub.policy.model.FieldRule;
import uk.vruhub.policy.model.Treatment;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * Hotspot output records from the hotspot state, each built by the policy enforcer: used by the
 * topology as cells change and by the analyst API when it reads the store, so both publish exactly
 * the same thing.
 *
 * <p>Complementary suppression on the sources relation (COMBINED = POLICE + HEALTH): when both the
 * police and the health count of a cell are hidden, its COMBINED counts are hidden too. Otherwise a
 * shown COMBINED count of 8 to 12 would pin two hidden parts of at most 4 each to exactly 4; a
 * hidden COMBINED count is at most twice the largest hidden value, and says nothing more about its
 * parts. Every other relation (nested definitions, revisions) is protected by the policy's rounding
 * and by hiding zeros, and the policy validator refuses periods inside others (see the aggregator
 * README, "Disclosure control").
 *
 * <p>A cell of the whole VRU area is published with its unlocated events only (no rate: they are no
 * one area's residents' events), so no published count is a total over the areas' cells: the policy
 * validator accepts only {@code vru-area-count: unlocated-only}, since a VRU total less the shown
 * areas bounds the hidden ones in a small table. The state still counts every event of the VRU
 * area.
 */
public final class HotspotRecords {

  /** The sources a cell is published for, each a record of its own. */
  public static final List<HotspotSource> SOURCES =
      List.of(HotspotSource.POLICE, HotspotSource.HEALTH, HotspotSource.COMBINED);

  private final AggregatorSettings settings;
  private final TopicEnforcer hotspots;
  private final Set<String> countFields;
  private final Set<String> eventFields;

  public HotspotRecords(AggregatorSettings settings) {
    this.settings = settings;
    this.hotspots = settings.policy().topic(Ids.HOTSPOTS);
    this.countFields =
        settings.policy().policy().topic(Ids.HOTSPOTS).fields().values().stream()
            .filter(f -> f.treatment() instanceof Treatment.Count)
            .map(FieldRule::field)
            .collect(Collectors.toUnmodifiableSet());
    this.eventFields = fieldsOf(settings, Sources.CELL_EVENTS);
  }

  /** The enforcer of the hotspot topic. */
  public TopicEnforcer enforcer() {
    return hotspots;
  }

  /** The record of one cell, definition and source, revised at {@code revisedAt}. */
  public Enforced of(CellDefinition key, Counts counts, HotspotSource source, Instant revisedAt) {
    return new Built(key, counts, revisedAt).of(source);
  }

  /**
   * The records of one cell and definition at one state, each built at most once when asked for:
   * COMBINED depends on whether POLICE and HEALTH are hidden, so building all three costs three
   * enforcements, not five.
   */
  final class Built {
    private final CellDefinition key;
    private final Counts counts;
    private final Instant revisedAt;
    private final boolean unlocatedOnly;
    private final Enforced[] bySource = new Enforced[HotspotSource.values().length];

    Built(CellDefinition key, Counts counts, Instant revisedAt) {
      this.key = key;
      this.counts = counts;
      this.revisedAt = revisedAt;
      this.unlocatedOnly = unlocatedOnly(key.cell());
    }

    Enforced of(HotspotSource source) {
      Enforced e = bySource[source.ordinal()];
      if (e == null) {
        e =
            source == HotspotSource.COMBINED
                    && eventsHidden(of(HotspotSource.POLICE))
                    && eventsHidden(of(HotspotSource.HEALTH))
                ? enforce(key, counts, source, revisedAt, unlocatedOnly, countFields)
                : enforce(key, counts, source, revisedAt, unlocatedOnly, Set.of());
        bySource[source.ordinal()] = e;
      }
      return e;
    }
  }

  /**
   * Whether the counts a record of {@code cell} is built from are the same in both states: a record
   * whose counts did not move publishes nothing new. For a VRU area cell, published with its
   * unlocated events only, located events moving change nothing.
   */
  boolean sameCounts(Cell cell, Counts before, Counts after, HotspotSource source) {
    return unlocated(before, source) == unlocated(after, source)
        && (unlocatedOnly(cell) || events(before, source) == events(after, source));
  }

  private static Set<String> fieldsOf(AggregatorSettings settings, String source) {
    return settings.policy().policy().topic(Ids.HOTSPOTS).fields().values().stream()
        .filter(f -> source.equals(f.source()))
        .map(FieldRule::field)
        .collect(Collectors.toUnmodifiableSet());
  }

  private boolean eventsHidden(Enforced part) {
    return part.suppressed().stream().anyMatch(eventFields::contains);
  }

  private Enforced enforce(
      CellDefinition key,
      Counts counts,
      HotspotSource source,
      Instant revisedAt,
      boolean unlocatedOnly,
      Set<String> withheld) {
    Cell cell = key.cell();
    Integer population =
        settings.population() == null || unlocatedOnly
            ? null
            : settings.population().of(cell.area());
    Map<String, Object> sources = new HashMap<>(16);
    sources.put(Sources.CELL_AREA, cell.area());
    sources.put(Sources.CELL_PERIOD_TYPE, cell.period());
    sources.put(Sources.CELL_PERIOD_START, cell.start());
    sources.put(Sources.CELL_DEFINITION, key.definition());
    sources.put(Sources.CELL_SOURCE, source);
    sources.put(
        Sources.CELL_EVENTS, unlocatedOnly ? unlocated(counts, source) : events(counts, source));
    sources.put(Sources.CELL_UNLOCATED, unlocated(counts, source));
    sources.put(Sources.CELL_POPULATION, population);
    sources.put(Sources.CELL_REVISED_AT, revisedAt);
    return hotspots.enforce(sources, withheld);
  }

  /** Whether the cell is the whole VRU area's, published with its unlocated events only. */
  private boolean unlocatedOnly(Cell cell) {
    String code = cell.area();
    return settings.areas().contains(code)
        ? settings.areas().area(code).level() == AreaLevel.VRU_AREA
        : code.equals(settings.vruArea());
  }

  /** The records of one cell and definition: one per source. */
  public List<Enforced> all(CellDefinition key, Counts counts, Instant revisedAt) {
    Built built = new Built(key, counts, revisedAt);
    return SOURCES.stream().map(built::of).toList();
  }

  static int events(Counts c, HotspotSource source) {
    return switch (source) {
      case POLICE -> c.policeLocated() + c.policeUnlocated();
      case HEALTH -> c.healthLocated() + c.healthUnlocated();
      case COMBINED -> c.events();
    };
  }

  static int unlocated(Counts c, HotspotSource source) {
    return switch (source) {
      case POLICE -> c.policeUnlocated();
      case HEALTH -> c.healthUnlocated();
      case COMBINED -> c.policeUnlocated() + c.healthUnlocated();
    };
  }
}
