package uk.vruhub.aggregator.hotspot;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import uk.vruhub.aggregator.topology.AggregatorSettings;
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
 * parts. Every other relation (areas, nested definitions, nested periods, revisions) is protected
 * by the policy's rounding and by hiding zeros (see the aggregator README, "Disclosure control").
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
    this.eventFields =
        settings.policy().policy().topic(Ids.HOTSPOTS).fields().values().stream()
            .filter(f -> Sources.CELL_EVENTS.equals(f.source()))
            .map(FieldRule::field)
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The enforcer of the hotspot topic. */
  public TopicEnforcer enforcer() {
    return hotspots;
  }

  /** The record of one cell, definition and source, revised at {@code revisedAt}. */
  public Enforced of(CellDefinition key, Counts counts, HotspotSource source, Instant revisedAt) {
    if (source == HotspotSource.COMBINED
        && eventsHidden(enforce(key, counts, HotspotSource.POLICE, revisedAt, Set.of()))
        && eventsHidden(enforce(key, counts, HotspotSource.HEALTH, revisedAt, Set.of()))) {
      return enforce(key, counts, source, revisedAt, countFields);
    }
    return enforce(key, counts, source, revisedAt, Set.of());
  }

  private boolean eventsHidden(Enforced part) {
    return part.suppressed().stream().anyMatch(eventFields::contains);
  }

  private Enforced enforce(
      CellDefinition key,
      Counts counts,
      HotspotSource source,
      Instant revisedAt,
      Set<String> withheld) {
    Cell cell = key.cell();
    Integer population =
        settings.population() == null ? null : settings.population().of(cell.area());
    Map<String, Object> sources = new HashMap<>(16);
    sources.put(Sources.CELL_AREA, cell.area());
    sources.put(Sources.CELL_PERIOD_TYPE, cell.period());
    sources.put(Sources.CELL_PERIOD_START, cell.start());
    sources.put(Sources.CELL_DEFINITION, key.definition());
    sources.put(Sources.CELL_SOURCE, source);
    sources.put(Sources.CELL_EVENTS, events(counts, source));
    sources.put(Sources.CELL_UNLOCATED, unlocated(counts, source));
    sources.put(Sources.CELL_POPULATION, population);
    sources.put(Sources.CELL_REVISED_AT, revisedAt);
    return hotspots.enforce(sources, withheld);
  }

  /** The records of one cell and definition: one per source. */
  public List<Enforced> all(CellDefinition key, Counts counts, Instant revisedAt) {
    return SOURCES.stream().map(s -> of(key, counts, s, revisedAt)).toList();
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
