package uk.vruhub.local.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vruhub.local.disclosure.SubtractionAttackTest.ROUNDED;
import static uk.vruhub.local.disclosure.SubtractionAttackTest.WEEK;
import static uk.vruhub.local.disclosure.SubtractionAttackTest.shown;

import java.util.ArrayList;
import java.util.List;
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
      cell(published, "E0100000" + i, false, police.get(i), health.get(i));
    }
    cell(published, "VRU", true, unlocatedPolice, unlocatedHealth);

    SubtractionAttack.Result r = new SubtractionAttack(5, 2, true, false, m -> {}).run(published);

    assertThat(r.belowProtection()).as("police %s, health %s", police, health).isEmpty();
  }

  /** A cell's three records; the VRU area's count is its unlocated events, in both fields. */
  private static void cell(
      List<Revision> published, String area, boolean vru, int police, int health) {
    boolean bothHidden = shown(ROUNDED, police) < 0 && shown(ROUNDED, health) < 0;
    add(published, area, vru, "POLICE", police, false);
    add(published, area, vru, "HEALTH", health, false);
    add(published, area, vru, "COMBINED", police + health, bothHidden);
  }

  private static void add(
      List<Revision> published,
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
            new Key("WEEK", WEEK, "all/1", area, vru, source), count, hidden, unlocated, 1));
  }
}
