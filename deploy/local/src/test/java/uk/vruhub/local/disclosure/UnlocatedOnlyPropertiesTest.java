package uk.vruhub.local.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vruhub.local.disclosure.SubtractionAttackTest.ROUNDED;
import static uk.vruhub.local.disclosure.SubtractionAttackTest.WEEK;
import static uk.vruhub.local.disclosure.SubtractionAttackTest.shown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import uk.vruhub.local.disclosure.SubtractionAttack.Key;
import uk.vruhub.local.disclosure.SubtractionAttack.Revision;

/**
 * Small tables, where the area relation gives hidden counts away when the VRU area's cell is a
 * total over its areas (aggregator README, "Disclosure control"), published as the hub does under
 * {@code vru-area-count: unlocated-only} (rounded to 5, zeros hidden, COMBINED hidden with both its
 * parts) and attacked by the linear programme: no hidden count is narrowed below the protection
 * width.
 */
class UnlocatedOnlyPropertiesTest {

  @Property(tries = 300)
  void noHiddenCountOfASmallTableIsNarrowed(
      @ForAll @Size(min = 2, max = 6) List<@IntRange(min = 0, max = 15) Integer> police,
      @ForAll @Size(value = 6) List<@IntRange(min = 0, max = 3) Integer> health,
      @ForAll @IntRange(min = 0, max = 6) int unlocatedPolice,
      @ForAll @IntRange(min = 0, max = 6) int unlocatedHealth) {
    List<Revision> published = new ArrayList<>();
    for (int i = 0; i < police.size(); i++) {
      cell(published, OUTER, "E0100000" + i, false, police.get(i), health.get(i));
    }
    cell(published, OUTER, "VRU", true, unlocatedPolice, unlocatedHealth);

    SubtractionAttack.Result r = new SubtractionAttack(5, 2, true, false, m -> {}).run(published);

    assertThat(r.belowProtection()).as("police %s, health %s", police, health).isEmpty();
  }

  /**
   * The same tables under two definitions, one holding the other (as the WHO definition holds every
   * other), attacked with the inner counts at most the outer ones cell by cell: no hidden count of
   * either definition is narrowed.
   */
  @Property(tries = 200)
  void noHiddenCountIsNarrowedWhereOneDefinitionHoldsAnother(
      @ForAll @Size(min = 2, max = 5) List<@IntRange(min = 0, max = 15) Integer> police,
      @ForAll @Size(value = 5) List<@IntRange(min = 0, max = 3) Integer> health,
      @ForAll @Size(value = 6) List<@IntRange(min = 0, max = 15) Integer> innerPolice,
      @ForAll @Size(value = 6) List<@IntRange(min = 0, max = 3) Integer> innerHealth,
      @ForAll @IntRange(min = 0, max = 6) int unlocatedPolice,
      @ForAll @IntRange(min = 0, max = 3) int unlocatedHealth) {
    List<Revision> published = new ArrayList<>();
    for (int i = 0; i < police.size(); i++) {
      String area = "E0100000" + i;
      cell(published, OUTER, area, false, police.get(i), health.get(i));
      cell(
          published,
          INNER,
          area,
          false,
          Math.min(police.get(i), innerPolice.get(i)),
          Math.min(health.get(i), innerHealth.get(i)));
    }
    cell(published, OUTER, "VRU", true, unlocatedPolice, unlocatedHealth);
    cell(
        published,
        INNER,
        "VRU",
        true,
        Math.min(unlocatedPolice, innerPolice.get(5)),
        Math.min(unlocatedHealth, innerHealth.get(5)));

    SubtractionAttack.Result r =
        new SubtractionAttack(5, 2, true, false, Map.of(INNER, Set.of(OUTER)), m -> {})
            .run(published);

    assertThat(r.hiddenAttacked()).isPositive();
    assertThat(r.belowProtection())
        .as("police %s (inner %s), health %s (inner %s)", police, innerPolice, health, innerHealth)
        .isEmpty();
  }

  private static final String OUTER = "all/1";
  private static final String INNER = "some/1";

  /** A cell's three records; the VRU area's count is its unlocated events, in both fields. */
  private static void cell(
      List<Revision> published,
      String definition,
      String area,
      boolean vru,
      int police,
      int health) {
    boolean bothHidden = shown(ROUNDED, police) < 0 && shown(ROUNDED, health) < 0;
    add(published, definition, area, vru, "POLICE", police, false);
    add(published, definition, area, vru, "HEALTH", health, false);
    add(published, definition, area, vru, "COMBINED", police + health, bothHidden);
  }

  private static void add(
      List<Revision> published,
      String definition,
      String area,
      boolean vru,
      String source,
      int events,
      boolean hiddenByParts) {
    int shown = shown(ROUNDED, events);
    boolean hidden = shown < 0 || hiddenByParts;
    Interval count = ROUNDED.of(hidden ? null : shown, hidden);
    Interval unlocated =
        !vru ? Interval.exactly(0) : hidden ? new Interval(0, Interval.UNBOUNDED) : count;
    published.add(
        new Revision(
            new Key("WEEK", WEEK, definition, area, vru, source), count, hidden, unlocated, 1));
  }
}
