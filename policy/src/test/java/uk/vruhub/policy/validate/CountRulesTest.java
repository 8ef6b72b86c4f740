package uk.vruhub.policy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vruhub.policy.Fixtures.replacingUnrounded;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.model.DisclosureControl;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * Every way around the level-1 count rules that we could think of, each refused with the rule, the
 * field and the fix. The rules follow what a source is ({@link Sources#kindOf}), never what a field
 * is called; misspelt treatment settings are refused rather than ignored; and the optional {@code
 * disclosure-control} section of level 1 binds every count.
 *
 * <p>The shipped policy has no {@code disclosure-control} section yet (its counts are switched to
 * rounding separately), so the section's rules are tested on {@link Fixtures#withDisclosureControl}
 * and variants of it.
 */
class CountRulesTest {

  private static final String COUNT = "        source: cell.events\n        treatment: ";
  private static final String UNLOCATED = "        source: cell.unlocated\n        treatment: ";
  private static final String PERSONS = "        source: cell.persons\n        treatment: ";

  private static final String FLOOR = "    suppression-floor: 5\n";

  /**
   * The violations of a policy text. A text without a level-1 {@code disclosure-control} section
   * (the unrounded ones these tests start from) is refused for that alone, once (PolicyRulesTest);
   * the count rules tested here hold whatever the section says, so that one violation is checked to
   * be there and left out.
   */
  private static List<Violation> violations(String text) {
    return Fixtures.violations(text).stream().filter(v -> !missingSection(v)).toList();
  }

  private static boolean missingSection(Violation v) {
    return v.rule().equals("L1-DISCLOSURE-CONTROL")
        && v.problem().startsWith("level 1 has no disclosure-control section");
  }

  /** The one violation of a text, checked for its rule, its field and words of its fix. */
  private static Violation only(String text, String rule, String field, String fixSays) {
    List<Violation> all = violations(text);
    assertThat(all).as("violations").hasSize(1);
    return is(all.get(0), rule, field, fixSays);
  }

  private static Violation is(Violation v, String rule, String field, String fixSays) {
    assertThat(v.rule()).as("rule of %s", v).isEqualTo(rule);
    assertThat(v.field()).as("field of %s", v).isEqualTo(field);
    assertThat(v.toString()).as("message").contains("field '" + field + "'");
    assertThat(v.fix()).as("fix of %s", v).contains(fixSays);
    return v;
  }

  private static Violation ofField(List<Violation> all, String rule, String field) {
    return all.stream()
        .filter(v -> v.rule().equals(rule) && field.equals(v.field()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " on " + field + " in " + all));
  }

  // ---- What a source is ----

  @Test
  void everySourceOfEveryTopicSaysWhatItIs() {
    for (String topic : Sources.governedTopics()) {
      for (String source : Sources.forTopic(topic)) {
        assertThat(Sources.kindOf(source)).as(source).isPresent();
      }
    }
    assertThat(Sources.countSources("hotspots")).containsExactly("cell.events", "cell.unlocated");
    assertThat(Sources.countSources("cohort-summary")).containsExactly("cell.persons");
    assertThat(Sources.isCount("cell.population")).isFalse();
  }

  // ---- A count source must be published as a count ----

  @Test
  void eventsKeptUnderAnotherFieldName() {
    String text =
        replacingUnrounded(
            UNLOCATED + "{count: {suppress-below: 5, suppressed-as: 0}}",
            "        source: cell.events\n        treatment: keep");
    Violation v = only(text, "L1-COUNT", "unlocatedIncluded", "{count: {suppress-below: 5}}");
    assertThat(v.problem())
        .isEqualTo(
            "its source cell.events is a count of events, but it is published as 'keep', so small"
                + " numbers would be shown");
  }

  @Test
  void aCountUnderANameThatDoesNotSayCount() {
    String text =
        replacingUnrounded(
            "      revisedAt:\n        source: cell.revised-at\n        treatment: keep\n"
                + "        rationale: When the cell was last revised.",
            "      revisedAt:\n        source: cell.persons\n        treatment: keep\n"
                + "        rationale: When the cell was last revised.");
    only(text, "L1-COUNT", "revisedAt", "suppress-below at least the level 1 floor 5");
  }

  @Test
  void theCountsSwappedBetweenFields() {
    // count publishes the unlocated events, suppressed; unlocatedIncluded the events, kept.
    String text =
        replacingUnrounded(
                COUNT + "{count: {suppress-below: 5}}", UNLOCATED + "{count: {suppress-below: 5}}")
            .replace(
                UNLOCATED + "{count: {suppress-below: 5, suppressed-as: 0}}", COUNT + "{keep: []}");
    only(text, "L1-COUNT", "unlocatedIncluded", "{count: {suppress-below: 5}}");
  }

  @Test
  void personsKeptAndTheDerivedFlagPointedAtThem() {
    String text = replacingUnrounded(PERSONS + "{count: {suppress-below: 5}}", PERSONS + "keep");
    List<Violation> all = violations(text);
    // persons is the topic's only count, so the topic is also record level.
    assertThat(all)
        .extracting(Violation::rule)
        .containsExactly("L1-COUNT", "DERIVE", "L1-RECORD-LEVEL");
    is(all.get(0), "L1-COUNT", "persons", "{count: {suppress-below: 5}}");
    is(all.get(1), "DERIVE", "suppressed", "Derive it `of:` a field with a count treatment");
    assertThat(all.get(0).problem()).contains("cell.persons is a count of people");
  }

  @Test
  void aCountTopCodedInsteadOfSuppressed() {
    String text =
        replacingUnrounded(COUNT + "{count: {suppress-below: 5}}", COUNT + "{top-code: 100}");
    List<Violation> all = violations(text);
    is(ofField(all, "L1-COUNT", "count"), "L1-COUNT", "count", "{count: {suppress-below: 5}}");
    assertThat(ofField(all, "L1-COUNT", "count").problem()).contains("'top-coded at 100'");
  }

  @Test
  void aRateDerivedFromAKeptCount() {
    String text =
        replacingUnrounded(
                UNLOCATED + "{count: {suppress-below: 5, suppressed-as: 0}}", UNLOCATED + "keep")
            .replace(
                "{derive: rate-per-10k, of: count, population: cell.population}",
                "{derive: rate-per-10k, of: unlocatedIncluded, population: cell.population}");
    List<Violation> all = violations(text);
    assertThat(all).extracting(Violation::rule).containsExactly("DERIVE", "L1-COUNT");
    is(all.get(0), "DERIVE", "ratePer10k", "so the rate is withheld whenever the count is");
    is(all.get(1), "L1-COUNT", "unlocatedIncluded", "{count: {suppress-below: 5}}");
  }

  @Test
  void aRateWhosePopulationIsACount() {
    String text =
        replacingUnrounded(
            "{derive: rate-per-10k, of: count, population: cell.population}",
            "{derive: rate-per-10k, of: count, population: cell.unlocated}");
    only(text, "DERIVE", "ratePer10k", "population: cell.population");
  }

  /**
   * Decided: a count treatment belongs to a count source only. On anything else it suppresses
   * nothing that matters, and it would let a topic whose real counts are all kept pass the
   * record-level rule, so it is refused (COUNT-SOURCE), at every level.
   */
  @Test
  void aCountTreatmentOnASourceThatIsNotACount() {
    String text =
        replacingUnrounded(
            "        source: cohort.lookback-months\n        treatment: keep\n"
                + "        rationale: How far back the profiles look, so figures",
            "        source: cohort.lookback-months\n"
                + "        treatment: {count: {suppress-below: 5, suppressed-as: 0}}\n"
                + "        rationale: How far back the profiles look, so figures");
    List<Violation> all = violations(text);
    Violation v = ofField(all, "COUNT-SOURCE", "lookbackMonths");
    is(v, "COUNT-SOURCE", "lookbackMonths", "Publish a count source (cell.persons)");
    assertThat(v.problem())
        .isEqualTo(
            "it has a count treatment, but its source cohort.lookback-months is a setting of the"
                + " run, not a count of events or people");
  }

  @Test
  void aFakeCountDoesNotMakeATopicOfKeptCountsAggregate() {
    String text =
        replacingUnrounded(PERSONS + "{count: {suppress-below: 5}}", PERSONS + "keep")
            .replace(
                "        source: cohort.lookback-months\n        treatment: keep\n"
                    + "        rationale: How far back the profiles look, so figures",
                "        source: cohort.lookback-months\n"
                    + "        treatment: {count: {suppress-below: 5, suppressed-as: 0}}\n"
                    + "        rationale: How far back the profiles look, so figures")
            .replace(
                "{derive: suppressed, of: persons}", "{derive: suppressed, of: lookbackMonths}");
    List<Violation> all = violations(text);
    assertThat(all)
        .extracting(Violation::rule)
        .contains("L1-COUNT", "COUNT-SOURCE", "L1-RECORD-LEVEL", "DERIVE");
    is(
        ofField(all, "DERIVE", "suppressed"),
        "DERIVE",
        "suppressed",
        "a field with a count treatment on one of [cell.persons]");
  }

  @Test
  void suppressBelowUnderTheFloorOnTheSecondCount() {
    String text =
        replacingUnrounded(
            UNLOCATED + "{count: {suppress-below: 5, suppressed-as: 0}}",
            UNLOCATED + "{count: {suppress-below: 2, suppressed-as: 0}}");
    only(text, "L1-SUPPRESSION", "unlocatedIncluded", "Set suppress-below to 5 or more.");
  }

  @Test
  void suppressBelowZero() {
    String text =
        replacingUnrounded(
            PERSONS + "{count: {suppress-below: 5}}", PERSONS + "{count: {suppress-below: 0}}");
    Violation v = only(text, "L1-SUPPRESSION", "persons", "Set suppress-below to 5 or more.");
    assertThat(v.problem()).startsWith("counts are hidden below 0");
  }

  @Test
  void suppressBelowThatIsNotAWholeNumber() {
    String text =
        replacingUnrounded(
                COUNT + "{count: {suppress-below: 5}}", COUNT + "{count: {suppress-below: -1}}")
            .replace(
                PERSONS + "{count: {suppress-below: 5}}",
                PERSONS + "{count: {suppress-below: five}}");
    List<Violation> all = violations(text);
    assertThat(all).hasSize(2);
    is(all.get(0), "TREATMENT-ARGUMENT", "count", "suppress-below: 5");
    assertThat(all.get(0).problem()).contains("'-1'");
    is(all.get(1), "TREATMENT-ARGUMENT", "persons", "suppress-below: 5");
    assertThat(all.get(1).problem()).contains("'five'");
  }

  // ---- Treatment settings are spelt right or refused ----

  @Test
  void misspeltCountSettingsAreRefusedNotIgnored() {
    String text =
        replacingUnrounded(
                COUNT + "{count: {suppress-below: 5}}",
                COUNT + "{count: {suppress-below: 5, round_to: 5}}")
            .replace(
                UNLOCATED + "{count: {suppress-below: 5, suppressed-as: 0}}",
                UNLOCATED + "{count: {supress-below: 5, suppresed-as: 0}}")
            .replace(
                PERSONS + "{count: {suppress-below: 5}}",
                PERSONS + "{count: {suppress-below: 5, suppress_zero: true}}");
    List<Violation> all = violations(text);
    String allowed = "count takes only [round-to, suppress-below, suppress-zero, suppressed-as].";
    assertThat(all).extracting(Violation::rule).containsOnly("TREATMENT-ARGUMENT", "TREATMENT");
    assertThat(all.get(0).toString())
        .isEqualTo(
            "[TREATMENT-ARGUMENT] topic 'hotspots', field 'count': the count treatment has no"
                + " setting 'round_to', so it would be ignored. Fix: Write 'round-to' if that is"
                + " what is meant; "
                + allowed);
    is(all.get(1), "TREATMENT-ARGUMENT", "unlocatedIncluded", "Write 'suppress-below'");
    assertThat(all.get(1).problem()).contains("'supress-below'");
    is(all.get(2), "TREATMENT-ARGUMENT", "unlocatedIncluded", "Write 'suppressed-as'");
    assertThat(all.get(2).problem()).contains("'suppresed-as'");
    is(all.get(3), "TREATMENT", "unlocatedIncluded", "{count: {suppress-below: 5}}");
    is(
        all.get(4),
        "TREATMENT-ARGUMENT",
        "persons",
        "Write 'suppress-zero' if that is what is meant");
    assertThat(all).hasSize(5);
  }

  @Test
  void countSettingsOfTheWrongType() {
    String text =
        replacingUnrounded(
            COUNT + "{count: {suppress-below: 5}}",
            COUNT + "{count: {suppress-below: 5, round-to: 0, suppress-zero: yes please}}");
    List<Violation> all = violations(text);
    assertThat(all).hasSize(2);
    is(all.get(0), "TREATMENT-ARGUMENT", "count", "round-to: 5");
    is(all.get(1), "TREATMENT-ARGUMENT", "count", "suppress-zero: true");
  }

  @Test
  void misspeltSettingsOfTheOtherTreatments() {
    String text =
        replacingUnrounded(
                "{derive: rate-per-10k, of: count, population: cell.population}",
                "{derive: rate-per-10k, of: count, populaton: cell.population}")
            .replace(
                "{truncate-time: {unit-from: periodType}}",
                "{truncate-time: {unit_from: periodType}}")
            .replace(
                "{derive: suppressed, of: persons}",
                "{derive: suppressed, of: persons, population: cell.population}")
            .replace("treatment: {keep: [MONTH]}", "treatment: {keep: {only: [MONTH]}}");
    List<Violation> all = violations(text);
    assertThat(all)
        .extracting(Violation::field)
        .containsExactly("periodType", "periodStart", "ratePer10k", "suppressed");
    is(all.get(0), "TREATMENT-ARGUMENT", "periodType", "{keep: [MONTH]}");
    is(all.get(1), "TREATMENT-ARGUMENT", "periodStart", "Write 'unit-from'");
    is(all.get(2), "TREATMENT-ARGUMENT", "ratePer10k", "Write 'population'");
    assertThat(all.get(2).fix()).contains("[derive, of, population]");
    is(all.get(3), "TREATMENT-ARGUMENT", "suppressed", "takes only [derive, of]");
    assertThat(all.get(3).problem()).contains("'population'");
  }

  @Test
  void aDerivationWithoutItsSourceField() {
    String text = replacingUnrounded("{derive: suppressed, of: count}", "{derive: suppressed}");
    only(text, "TREATMENT", "suppressed", "{derive: suppressed, of: count}");
  }

  // ---- The disclosure-control section ----

  private static String controlled() {
    return Fixtures.withDisclosureControl();
  }

  private static String controlled(String from, String to) {
    String text = controlled();
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  @Test
  void roundedCountsUnderTheSectionPass() {
    Policy policy =
        Policy.parse(
            controlled().getBytes(StandardCharsets.UTF_8), "fixture.yaml", TopicCatalogue.load());
    DisclosureControl dc = policy.document().levels().get(1).disclosureControl();
    assertThat(dc)
        .isEqualTo(
            new DisclosureControl(
                5,
                true,
                2,
                DisclosureControl.Revisions.ON_ROUNDED_CHANGE,
                DisclosureControl.VruAreaCount.UNLOCATED_ONLY));
    assertThat(Fixtures.shipped().document().levels().get(1).disclosureControl()).isEqualTo(dc);
    // A multiple of the base is a coarser rounding, and is allowed.
    Policy.parse(
        controlled(
                "round-to: 5, suppress-zero: true}}\n        rationale: The number",
                "round-to: 10, suppress-zero: true}}\n        rationale: The number")
            .getBytes(StandardCharsets.UTF_8),
        "fixture.yaml",
        TopicCatalogue.load());
  }

  @Test
  void underTheSectionAKeptCountIsToldTheWholeTreatment() {
    String text =
        controlled(
            PERSONS + "{count: {suppress-below: 5, round-to: 5, suppress-zero: true}}",
            PERSONS + "keep");
    List<Violation> all = violations(text);
    is(
        ofField(all, "L1-COUNT", "persons"),
        "L1-COUNT",
        "persons",
        "Give the field `{count: {suppress-below: 5, round-to: 5, suppress-zero: true}}`");
    assertThat(
            all.stream()
                .filter(v -> v.rule().equals("L1-RECORD-LEVEL"))
                .findFirst()
                .orElseThrow()
                .fix())
        .isEqualTo(
            "Publish aggregates: give the count fields (cell.persons) `{count: {suppress-below: 5,"
                + " round-to: 5, suppress-zero: true}}`.");
  }

  @Test
  void aCountNotRoundedUnderTheSection() {
    String text =
        controlled(
            PERSONS + "{count: {suppress-below: 5, round-to: 5, suppress-zero: true}}",
            PERSONS + "{count: {suppress-below: 5, suppress-zero: true}}");
    Violation v = only(text, "L1-ROUNDING", "persons", "Add `round-to: 5`");
    assertThat(v.problem())
        .isEqualTo(
            "shown counts are not rounded, but levels.1.disclosure-control.rounding-base is 5");
  }

  @Test
  void aRoundingThatIsNotAMultipleOfTheBase() {
    String text =
        controlled(
            COUNT + "{count: {suppress-below: 5, round-to: 5,",
            COUNT + "{count: {suppress-below: 5, round-to: 3,");
    List<Violation> all = violations(text);
    assertThat(all).extracting(Violation::rule).containsOnly("L1-ROUNDING");
    is(all.get(0), "L1-ROUNDING", "count", "Set round-to to 5 or a multiple of it (10, ...).");
  }

  @Test
  void aRoundingThatDoesNotSurviveASum() {
    // Rounded to 3 under a threshold of 5: each shown count alone leaves at least three values,
    // but a police count of 7 (shown as 6) under a COMBINED count of 11 (shown as 12) leaves a
    // hidden health count of exactly 4. Rounded to 4, a count of 5 is shown as 4, which only 5
    // rounds to.
    for (String base : new String[] {"3", "4"}) {
      String text =
          controlled()
              .replace("rounding-base: 5", "rounding-base: " + base)
              .replace("round-to: 5", "round-to: " + base);
      List<Violation> all = violations(text);
      assertThat(all)
          .as("base " + base)
          .extracting(Violation::field)
          .containsExactly("count", "unlocatedIncluded", "persons");
      Violation count =
          is(all.get(0), "L1-ROUNDING", "count", "Round to one of [5, 6, 7, 8, 9, 10]");
      assertThat(count.problem())
          .as("base " + base)
          .contains("do not survive a sum")
          .contains("leaves exactly");
    }
    assertThat(
            violations(
                    controlled()
                        .replace("rounding-base: 5", "rounding-base: 3")
                        .replace("round-to: 5", "round-to: 3"))
                .get(0)
                .problem())
        .isEqualTo(
            "counts hidden below 5 and rounded to the nearest 3 do not survive a sum: a count of 7"
                + " (shown as 6) beside a total of 11 (shown as 12) leaves exactly 4 for the hidden"
                + " part, narrower than levels.1.disclosure-control.protection-width 2");
    // Coarser roundings of the threshold's own base survive.
    for (String base : new String[] {"10", "15"}) {
      Policy.parse(
          controlled()
              .replace("rounding-base: 5", "rounding-base: " + base)
              .replace("round-to: 5", "round-to: " + base)
              .getBytes(StandardCharsets.UTF_8),
          "fixture.yaml",
          TopicCatalogue.load());
    }
  }

  @Test
  void aCountShownAsANumberWhenHiddenIsStillRounded() {
    String text =
        controlled(
            UNLOCATED
                + "{count: {suppress-below: 5, round-to: 5, suppress-zero: true, suppressed-as:"
                + " 0}}",
            UNLOCATED + "{count: {suppress-below: 5, suppress-zero: true, suppressed-as: 0}}");
    Violation v = only(text, "L1-ROUNDING", "unlocatedIncluded", "Add `round-to: 5`");
    assertThat(v.problem()).contains("shown as 0 is still a count and is rounded too");
  }

  @Test
  void hiddenCountsShownAsAnUnroundedNumber() {
    String text =
        controlled(
            "suppress-zero: true, suppressed-as: 0}}", "suppress-zero: true, suppressed-as: 2}}");
    only(text, "L1-ROUNDING", "unlocatedIncluded", "Set suppressed-as to 0.");
  }

  @Test
  void zerosPublishedWhenTheSectionHidesThem() {
    String text =
        controlled(
            COUNT + "{count: {suppress-below: 5, round-to: 5, suppress-zero: true}}",
            COUNT + "{count: {suppress-below: 5, round-to: 5}}");
    only(text, "L1-SUPPRESS-ZERO", "count", "Add `suppress-zero: true`");
  }

  @Test
  void aSectionThatDoesNotHideZerosIsRefused() {
    // Shown zeros beside hidden counts tell those are at least 1, and several under a hidden
    // total are then pinned by adding them up (SubtractionAttackTest).
    String text =
        controlled(
                COUNT + "{count: {suppress-below: 5, round-to: 5, suppress-zero: true}}",
                COUNT + "{count: {suppress-below: 5, round-to: 5}}")
            .replace("      suppress-zero: true\n", "      suppress-zero: false\n");
    List<Violation> all = violations(text);
    assertThat(all).extracting(Violation::rule).containsExactly("L1-DISCLOSURE-CONTROL");
    assertThat(all.get(0).problem())
        .startsWith("levels.1.disclosure-control.suppress-zero is not true");
    assertThat(all.get(0).fix()).contains("suppress-zero: true");
  }

  @Test
  void levelOneWithoutTheSectionIsRefused() {
    // Suppression alone: on the demo's data the attacker found 6,931 hidden counts exactly.
    List<Violation> all = Fixtures.violations(Fixtures.suppressionOnlyText());
    assertThat(all).extracting(Violation::rule).containsExactly("L1-DISCLOSURE-CONTROL");
    assertThat(all.get(0).toString())
        .startsWith(
            "[L1-DISCLOSURE-CONTROL] level 1 has no disclosure-control section, so its counts"
                + " would be protected by suppression alone");
    assertThat(all.get(0).fix()).contains("rounding-base: 5").contains("unlocated-only");
  }

  @Test
  void aSectionWithoutARoundingBaseIsRefused() {
    // Deleting one line of the shipped section: the counts may still say round-to, but the
    // agreement no longer requires it, so the next edit could drop it unnoticed.
    String text = Fixtures.replacing("      rounding-base: 5\n", "");
    assertThat(violations(text))
        .extracting(Violation::problem)
        .anyMatch(p -> p.startsWith("levels.1.disclosure-control has no rounding-base"));
    assertThat(violations(text)).extracting(Violation::rule).containsOnly("L1-DISCLOSURE-CONTROL");
  }

  @Test
  void aVruAreaCountingAllItsEventsIsRefused() {
    for (String edit : new String[] {"      vru-area-count: all-events\n", ""}) {
      String text = Fixtures.replacing("      vru-area-count: unlocated-only\n", edit);
      List<Violation> all = violations(text);
      assertThat(all).as(edit).extracting(Violation::rule).containsExactly("L1-DISCLOSURE-CONTROL");
      assertThat(all.get(0).problem())
          .startsWith("levels.1.disclosure-control.vru-area-count is all-events")
          .contains(edit.isEmpty() ? "also when the key is left out" : "a total over its areas");
      assertThat(all.get(0).fix()).startsWith("Set `vru-area-count: unlocated-only`");
    }
  }

  @Test
  void hiddenCountsNarrowerThanTheProtectionWidth() {
    // Hidden counts of 1 to 4 (zeros shown) span 3, narrower than a width of 4.
    String text =
        controlled(
                COUNT + "{count: {suppress-below: 5, round-to: 5, suppress-zero: true}}",
                COUNT + "{count: {suppress-below: 5, round-to: 5}}")
            .replace("      suppress-zero: true\n", "")
            .replace("protection-width: 2", "protection-width: 4")
            .replace("rounding-base: 5", "rounding-base: 5");
    List<Violation> all = violations(text);
    assertThat(all)
        .extracting(Violation::rule)
        .containsExactly("L1-DISCLOSURE-CONTROL", "L1-PROTECTION");
    Violation v =
        is(
            all.get(1),
            "L1-PROTECTION",
            "count",
            "Raise suppress-below to at least 6, or add `suppress-zero: true`.");
    assertThat(v.problem())
        .isEqualTo(
            "a hidden count is known to be 1 to 4, an interval of width 3, narrower than"
                + " levels.1.disclosure-control.protection-width 4");
  }

  @Test
  void aRoundingBaseTooSmallForTheProtectionWidth() {
    String text =
        controlled()
            .replace("rounding-base: 5", "rounding-base: 2")
            .replace("round-to: 5", "round-to: 2");
    List<Violation> all = violations(text);
    assertThat(all).extracting(Violation::rule).startsWith("L1-DISCLOSURE-CONTROL");
    assertThat(all.get(0).problem()).startsWith("levels.1.disclosure-control.rounding-base is 2");
    assertThat(all.get(0).fix()).isEqualTo("Set rounding-base to at least 3 (5 is usual).");
  }

  @Test
  void revisionsPerEventWithoutRounding() {
    String text =
        replacingUnrounded(
            FLOOR, FLOOR + "    disclosure-control:\n      revisions: per-event-rounded\n");
    List<Violation> all = violations(text);
    assertThat(all).extracting(Violation::rule).containsOnly("L1-DISCLOSURE-CONTROL");
    Violation revisions =
        all.stream().filter(v -> v.problem().contains("revisions is")).findFirst().orElseThrow();
    assertThat(revisions.problem())
        .contains("revisions is per-event-rounded, which is safe only when counts are rounded");
    assertThat(revisions.fix()).contains("rounding-base: 5");
  }

  @Test
  void aMisreadSectionIsRefused() {
    String text =
        controlled()
            .replace("revisions: on-rounded-change", "revisions: per-event")
            .replace("      protection-width: 2\n", "      protection_width: 2\n")
            .replace("rounding-base: 5", "rounding-base: five")
            .replace("vru-area-count: unlocated-only", "vru-area-count: some");
    assertThat(violations(text))
        .extracting(Violation::toString)
        .containsExactly(
            "[UNKNOWN-KEY] unknown key 'protection_width' in levels.1.disclosure-control. Fix: Use"
                + " only [protection-width, revisions, rounding-base, suppress-zero,"
                + " vru-area-count].",
            "[LEVELS] levels.1.disclosure-control.rounding-base 'five' is not a whole number. Fix:"
                + " Write a whole number, e.g. 5.",
            "[LEVELS] levels.1.disclosure-control.revisions 'per-event' is not a way of publishing"
                + " revisions. Fix: Use one of [per-event-rounded, on-rounded-change].",
            "[LEVELS] levels.1.disclosure-control.vru-area-count 'some' is not something a VRU"
                + " area cell counts. Fix: Use one of [all-events, unlocated-only].");
  }

  @Test
  void theSectionBelongsToLevelOne() {
    String text =
        replacingUnrounded(
            "    narrowest-age-band: 3\n",
            "    narrowest-age-band: 3\n    disclosure-control:\n      rounding-base: 5\n");
    assertThat(violations(text))
        .extracting(Violation::toString)
        .containsExactly(
            "[LEVELS] levels.2.disclosure-control is given, but disclosure control applies to"
                + " level 1's counts only. Fix: Move the section under levels.1, or remove it.");
  }
}
