package uk.vruhub.local.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.vruhub.local.disclosure.SubtractionAttack.Key;
import uk.vruhub.local.disclosure.SubtractionAttack.Revision;

class SubtractionAttackTest {

  /** Suppress 1-4, zeros and other counts shown exactly: the rule before rounding. */
  static final CountRule EXACT = new CountRule(5, 1, null, false);

  /** Suppress 0-4, round the rest to the nearest 5. */
  static final CountRule ROUNDED = new CountRule(5, 5, null, true);

  static final LocalDate WEEK = LocalDate.parse("2026-03-02");

  private final List<Revision> published = new ArrayList<>();

  private SubtractionAttack.Result attack() {
    return new SubtractionAttack(5, 2, m -> {}).run(published);
  }

  /** Publishes one count as the rule shows it. */
  private void publish(
      CountRule rule, String definition, String area, String source, int events, long time) {
    add(rule, new Key("WEEK", WEEK, definition, area, area.equals("VRU"), source), events, time);
  }

  /** Publishes one police count of an area in a period of a given type. */
  private void period(String type, LocalDate start, int events, long time) {
    add(ROUNDED, new Key(type, start, "all/1", "E01000001", false, "POLICE"), events, time);
  }

  /** Publishes the count of {@code key} as the rule shows it, with no unlocated events. */
  private void add(CountRule rule, Key key, int events, long time) {
    int shown = shown(rule, events);
    boolean hidden = shown < 0;
    published.add(
        new Revision(
            key, rule.of(hidden ? null : shown, hidden), hidden, Interval.exactly(0), time));
  }

  /** The hidden counts narrowed below the protection width, as "period start [lo, hi]". */
  private static List<String> narrowedPeriods(SubtractionAttack.Result r) {
    return r.belowProtection().stream()
        .map(f -> f.key().periodStart() + " " + f.attacked())
        .toList();
  }

  /** What the enforcer shows: -1 when hidden (mirrors TopicEnforcer's count treatment). */
  static int shown(CountRule rule, int n) {
    if (n < rule.threshold() && (n > 0 || rule.suppressZero())) {
      return -1;
    }
    if (rule.roundTo() > 1 && n > 0) {
      return Math.max(rule.roundTo(), Math.round((float) n / rule.roundTo()) * rule.roundTo());
    }
    return n;
  }

  private void cell(CountRule rule, String area, int police, int health, long time) {
    publish(rule, "all/1", area, "POLICE", police, time);
    publish(rule, "all/1", area, "HEALTH", health, time);
    publish(rule, "all/1", area, "COMBINED", police + health, time);
  }

  @Test
  void combinedMinusPoliceGivesAHiddenHealthCountExactly() {
    cell(EXACT, "E01000001", 12, 1, 1);

    SubtractionAttack.Result r = attack();

    assertThat(r.exact()).hasSize(1);
    assertThat(r.exact().get(0).key().source()).isEqualTo("HEALTH");
    assertThat(r.exact().get(0).attacked()).isEqualTo(Interval.exactly(1));
    assertThat(r.recoverable()).isEqualTo(1);
  }

  @Test
  void theVruTotalMinusTheVisibleAreasGivesTheOneHiddenArea() {
    publish(EXACT, "all/1", "E01000001", "POLICE", 9, 1);
    publish(EXACT, "all/1", "E01000002", "POLICE", 3, 1);
    publish(EXACT, "all/1", "E01000003", "POLICE", 0, 1);
    publish(EXACT, "all/1", "VRU", "POLICE", 12, 1);

    SubtractionAttack.Result r = attack();

    assertThat(r.exact()).extracting(f -> f.key().area()).containsExactly("E01000002");
    assertThat(r.exact().get(0).attacked()).isEqualTo(Interval.exactly(3));
  }

  @Test
  void aRevisionFromSevenToEightShowsOneEvent() {
    publish(EXACT, "all/1", "E01000001", "POLICE", 7, 1);
    publish(EXACT, "all/1", "E01000001", "POLICE", 8, 2);

    SubtractionAttack.Result r = attack();

    assertThat(r.revisionLeaks()).hasSize(1);
    assertThat(r.revisionLeaks().get(0).attacked()).isEqualTo(Interval.exactly(1));
  }

  @Test
  void hiddenPartsUnderAHiddenTotalArePinnedWhenZerosShow() {
    // Four areas of 1 under a hidden VRU total: hidden means 1 to 4, so each is exactly 1.
    for (String area : List.of("E01000001", "E01000002", "E01000003", "E01000004")) {
      publish(EXACT, "all/1", area, "POLICE", 1, 1);
    }
    publish(EXACT, "all/1", "VRU", "POLICE", 4, 1);

    assertThat(attack().exact()).extracting(f -> f.key().area()).hasSize(5).contains("VRU");
  }

  @Test
  void hidingZerosLeavesTheSamePartsTheirWholeRange() {
    for (String area : List.of("E01000001", "E01000002", "E01000003", "E01000004")) {
      publish(ROUNDED, "all/1", area, "POLICE", 1, 1);
    }
    publish(ROUNDED, "all/1", "VRU", "POLICE", 4, 1);

    SubtractionAttack.Result r = attack();

    assertThat(r.hiddenAttacked()).isEqualTo(5);
    assertThat(r.narrowed()).isZero();
  }

  @Test
  void roundingAndHiddenZerosProtectTheSameTables() {
    cell(ROUNDED, "E01000001", 12, 1, 1);
    cell(ROUNDED, "E01000002", 1, 1, 1);
    cell(ROUNDED, "E01000003", 3, 0, 1);
    cell(ROUNDED, "VRU", 16, 2, 1);
    cell(ROUNDED, "E01000001", 13, 1, 2);
    cell(ROUNDED, "VRU", 17, 2, 2);

    SubtractionAttack.Result r = attack();

    assertThat(r.hiddenAttacked()).isPositive();
    assertThat(r.exact()).isEmpty();
    assertThat(r.recoverable()).isZero();
  }

  @Test
  void twoHiddenPartsOfFourArePinnedByAShownCombinedOfEight() {
    // Why the hub hides COMBINED when both its parts are hidden: shown as 10 it means 8 to 12.
    publish(ROUNDED, "all/1", "E01000001", "POLICE", 4, 1);
    publish(ROUNDED, "all/1", "E01000001", "HEALTH", 4, 1);
    published.add(
        new Revision(
            new Key("WEEK", WEEK, "all/1", "E01000001", false, "COMBINED"),
            ROUNDED.of(10, false),
            false,
            Interval.exactly(0),
            1));

    SubtractionAttack.Result r = attack();

    assertThat(r.exact())
        .extracting(f -> f.key().source())
        .containsExactlyInAnyOrder("POLICE", "HEALTH");
  }

  @Test
  void aHiddenVruTotalIsPinnedBySmallTablesWhereCombinedShowsEachHiddenPartIsAtLeastOne() {
    // Why the policy validator refuses VRU totals (vru-area-count: all-events; aggregator README,
    // "Limits"): with rounding, hidden zeros and the COMBINED rule, a small table can still give a
    // hidden count away. Police 6 and 11, health 2
    // and 2 in two areas: each COMBINED (shown 10 and 15) is more than its shown police count can
    // reach, so each hidden health count is at least 1, and the VRU area's health total, hidden
    // as 0 to 4, is pinned by them and the VRU's own COMBINED and police counts.
    cell(ROUNDED, "E01000001", 6, 2, 1);
    cell(ROUNDED, "E01000002", 11, 2, 1);
    cell(ROUNDED, "VRU", 17, 4, 1);

    SubtractionAttack.Result r = attack();

    assertThat(r.exact())
        .extracting(f -> f.key().area() + " " + f.key().source() + " " + f.attacked())
        .contains("VRU HEALTH 4");
  }

  @Test
  void aVruAreaCountingOnlyItsUnlocatedEventsLeavesTheAreasNothingToBeSubtractedFrom() {
    // The two tables above, where the VRU area's cell counts all its events, give hidden counts
    // away; published as the hub does under `vru-area-count: unlocated-only`, the same areas
    // give nothing away.
    cell(ROUNDED, "E01000001", 6, 2, 1);
    cell(ROUNDED, "E01000002", 11, 2, 1);
    unlocatedOnly(0, 0, 1);
    publish(ROUNDED, "all/1", "E01000003", "POLICE", 8, 2);
    publish(ROUNDED, "all/1", "E01000004", "POLICE", 8, 2);
    publish(ROUNDED, "all/1", "E01000005", "POLICE", 0, 2);

    SubtractionAttack.Result r = unlocatedOnlyAttack();

    assertThat(r.exact()).isEmpty();
    assertThat(r.belowProtection()).isEmpty();
    assertThat(r.recoverable()).isZero();
  }

  @Test
  void aVruAreaCountingOnlyItsUnlocatedEventsIsStillSolvedWithItsSources() {
    // Police 12 and health 1 with no location: COMBINED 13 (shown 15) against police shown 10.
    unlocatedOnly(12, 1, 1);

    SubtractionAttack.Result r = unlocatedOnlyAttack();

    assertThat(r.belowProtection()).isEmpty();
    assertThat(r.hiddenAttacked()).as("the hidden health count was attacked").isPositive();
  }

  /** Where the policy says `vru-area-count: unlocated-only`. */
  private SubtractionAttack.Result unlocatedOnlyAttack() {
    return new SubtractionAttack(5, 2, true, false, m -> {}).run(published);
  }

  /**
   * Publishes the VRU area's three cells as the hub does under {@code vru-area-count:
   * unlocated-only}: the count is its unlocated events, shown in both fields (hidden COMBINED when
   * both parts are).
   */
  private void unlocatedOnly(int police, int health, long time) {
    boolean bothHidden = shown(ROUNDED, police) < 0 && shown(ROUNDED, health) < 0;
    vru("POLICE", police, false, time);
    vru("HEALTH", health, false, time);
    vru("COMBINED", police + health, bothHidden, time);
  }

  private void vru(String source, int events, boolean hiddenByParts, long time) {
    int shown = shown(ROUNDED, events);
    boolean hidden = shown < 0 || hiddenByParts;
    Interval count = ROUNDED.of(hidden ? null : shown, hidden);
    published.add(
        new Revision(
            new Key("WEEK", WEEK, "all/1", "VRU", true, source),
            count,
            hidden,
            hidden ? new Interval(0, Interval.UNBOUNDED) : count,
            time));
  }

  @Test
  void aDefinitionHoldingAnotherCarriesTheInnerTablesBoundToItsOwnCounts() {
    // Inner definition: a VRU total of 7 over two hidden areas and two shown zeros pins each hidden
    // area to 3 or 4. The outer one's hidden areas (4, 3 and 2 under a total of 18 with a shown 9)
    // are 1 to 4 on their own, but at least the inner counts when the attacker knows the nesting:
    // the first two then hold at least 7 of the 9, leaving the fourth 1 or 2.
    publish(EXACT, "inner/1", "E01000001", "POLICE", 4, 1);
    publish(EXACT, "inner/1", "E01000002", "POLICE", 3, 1);
    publish(EXACT, "inner/1", "E01000003", "POLICE", 0, 1);
    publish(EXACT, "inner/1", "E01000004", "POLICE", 0, 1);
    publish(EXACT, "inner/1", "VRU", "POLICE", 7, 1);
    publish(EXACT, "outer/1", "E01000001", "POLICE", 4, 1);
    publish(EXACT, "outer/1", "E01000002", "POLICE", 3, 1);
    publish(EXACT, "outer/1", "E01000003", "POLICE", 9, 1);
    publish(EXACT, "outer/1", "E01000004", "POLICE", 2, 1);
    publish(EXACT, "outer/1", "VRU", "POLICE", 18, 1);

    SubtractionAttack.Result alone = attack();
    SubtractionAttack.Result nested =
        new SubtractionAttack(5, 2, true, true, Map.of("inner/1", Set.of("outer/1")), m -> {})
            .run(published);

    assertThat(alone.belowProtection())
        .extracting(f -> f.key().definition() + " " + f.key().area())
        .containsExactlyInAnyOrder("inner/1 E01000001", "inner/1 E01000002");
    assertThat(nested.belowProtection())
        .extracting(f -> f.key().definition() + " " + f.key().area() + " " + f.attacked())
        .containsExactlyInAnyOrder(
            "inner/1 E01000001 [3, 4]",
            "inner/1 E01000002 [3, 4]",
            "outer/1 E01000001 [3, 4]",
            "outer/1 E01000002 [3, 4]",
            "outer/1 E01000004 [1, 2]");
  }

  @Test
  void weeksInsideAMonthBoundAHiddenWeekFromAbove() {
    // March 2026: the weeks of 2, 9, 16 and 23 March lie wholly inside it. Two weeks of 8 events
    // (shown 10 each, so at least 8) and a month of 16 (shown 15, so at most 17) leave at most 1
    // for the hidden week of 16 March: two values, below the protection width.
    period("WEEK", LocalDate.parse("2026-03-02"), 8, 1);
    period("WEEK", LocalDate.parse("2026-03-09"), 8, 1);
    period("WEEK", LocalDate.parse("2026-03-16"), 0, 1);
    period("MONTH", LocalDate.parse("2026-03-01"), 16, 1);
    // A week across two months is no part of either: 30 March to 5 April.
    period("WEEK", LocalDate.parse("2026-03-30"), 3, 1);

    assertThat(narrowedPeriods(attack())).containsExactly("2026-03-16 [0, 1]");
    assertThat(narrowedPeriods(new SubtractionAttack(5, 2, false, m -> {}).run(published)))
        .as("each period's table alone")
        .isEmpty();
  }

  @Test
  void theMonthsOfAQuarterAddUpToIt() {
    // Months cover their quarter exactly: a quarter of 15 (13 to 17) over two months of 8 (at
    // least 8 each, shown 10) and a hidden third pins the third below the protection width, which
    // is why the policy validator refuses a level 1 topic with both (L1-NESTED-PERIODS).
    period("MONTH", LocalDate.parse("2026-01-01"), 8, 1);
    period("MONTH", LocalDate.parse("2026-02-01"), 8, 1);
    period("MONTH", LocalDate.parse("2026-03-01"), 0, 1);
    period("QUARTER", LocalDate.parse("2026-01-01"), 16, 1);

    assertThat(narrowedPeriods(attack())).containsExactly("2026-03-01 [0, 1]");
  }
}
