package uk.vruhub.policy.report;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vruhub.policy.report.PolicyDiff.Direction.NARROWS;
import static uk.vruhub.policy.report.PolicyDiff.Direction.NEUTRAL;
import static uk.vruhub.policy.report.PolicyDiff.Direction.WIDENS;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.PolicyParser;

/**
 * One case per kind of change: the shipped policy edited in one place (or two versions of it)
 * yields exactly one change, in the stated direction, at the stated place, saying what it was and
 * what it became.
 */
class PolicyDiffRulesTest {

  private static final String REVIEW = PolicyDiff.REVIEW;

  private static PolicyDocument parse(String text) {
    return PolicyParser.parse(text.getBytes(StandardCharsets.UTF_8), "x.yaml");
  }

  /** Replaces text that must be present in the policy (its first occurrence). */
  private static UnaryOperator<String> edit(String from, String to) {
    return text -> {
      int at = text.indexOf(from);
      assertThat(at).as("policy text to replace: %s", from).isNotNegative();
      return text.substring(0, at) + to + text.substring(at + from.length());
    };
  }

  private static UnaryOperator<String> remove(String text) {
    return edit(text, "");
  }

  private static final UnaryOperator<String> SHIPPED = UnaryOperator.identity();

  /** The shipped policy before, the edited one after. */
  private static Arguments change(
      String name,
      UnaryOperator<String> after,
      PolicyDiff.Direction direction,
      String where,
      String what) {
    return Arguments.of(name, SHIPPED, after, direction, where, what);
  }

  /** The edited policy before, the shipped one after: the same edit undone. */
  private static Arguments undo(
      String name,
      UnaryOperator<String> before,
      PolicyDiff.Direction direction,
      String where,
      String what) {
    return Arguments.of(name, before, SHIPPED, direction, where, what);
  }

  static Stream<Arguments> changes() {
    String dpo = "    - role: Data Protection Officer, county council (education)\n";
    String levelTwo =
        "  2:\n"
            + "    name: Pseudonymised record level\n"
            + "    meaning: >-\n"
            + "      One row per person in the cohort, keyed by a pseudonym made for one named"
            + " recipient so it cannot\n"
            + "      be joined back to agency data or to another recipient's outputs."
            + " Quasi-identifiers are generalised.\n"
            + "    finest-area: WARD\n"
            + "    finest-time: MONTH\n"
            + "    narrowest-age-band: 3\n";
    String board =
        "  - id: strategic-board\n"
            + "    principal: User:strategic-board\n"
            + "    description: The partnership's strategic board dashboards.\n"
            + "    max-level: 1\n"
            + "    topics: [hotspots]\n";
    String revisedAt =
        "      revisedAt:\n"
            + "        source: cell.revised-at\n"
            + "        treatment: keep\n"
            + "        rationale: When the count was last revised; late records revise past"
            + " periods.\n";
    String bands = "{age-band: [0-9, 10-14, 15-17, 18-20, 21-24, 25+]}";
    String rounded =
        "{count: {suppress-below: 5, round-to: 5}}\n        rationale: How many people";
    String persons = "{count: {suppress-below: 5}}\n        rationale: How many people";
    return Stream.of(
        // ---- agreement
        change(
            "agreement id",
            edit("  id: demo-vru-isa", "  id: other-isa"),
            WIDENS,
            "agreement",
            "id demo-vru-isa -> other-isa, a different agreement" + REVIEW),
        change(
            "agreement name is descriptive",
            edit("serious violence data\n", "serious violence data (2027)\n"),
            NEUTRAL,
            "agreement",
            "name 'Demonstration VRU partnership - sharing of serious violence data' ->"
                + " 'Demonstration VRU partnership - sharing of serious violence data (2027)'"),
        change(
            "effective date",
            edit("effective: 2026-04-01", "effective: 2026-01-01"),
            WIDENS,
            "agreement",
            "effective date 2026-04-01 -> 2026-01-01" + REVIEW),
        change(
            "review-by later",
            edit("review-by: 2027-03-31", "review-by: 2028-03-31"),
            WIDENS,
            "agreement",
            "review-by date 2027-03-31 -> 2028-03-31"),
        change(
            "review-by earlier",
            edit("review-by: 2027-03-31", "review-by: 2026-09-30"),
            NARROWS,
            "agreement",
            "review-by date 2027-03-31 -> 2026-09-30"),
        change(
            "review-by removed",
            remove("  review-by: 2027-03-31\n"),
            WIDENS,
            "agreement",
            "review-by date 2027-03-31 -> none"),
        change(
            "reference changed",
            edit("DPIA-DEMO-VRU-2026-03", "DPIA-DEMO-VRU-2026-09"),
            WIDENS,
            "agreement, reference dpia",
            "'DPIA-DEMO-VRU-2026-03 (data protection impact assessment, approved by the"
                + " partnership IG group)' -> 'DPIA-DEMO-VRU-2026-09 (data protection impact"
                + " assessment, approved by the partnership IG group)'"
                + REVIEW),
        change(
            "legal-basis reference text changed",
            edit("Part 2 Chapter 1); the", "Part 2); the"),
            WIDENS,
            "agreement, reference legal-basis",
            "(Police, Crime, Sentencing and Courts Act 2022, Part 2 Chapter 1); the basis of each"
                + " flow and each published field is set out under lawful-bases and flows"
                + " below.' -> 'Serious Violence Duty (Police, Crime, Sentencing and Courts Act"
                + " 2022, Part 2); the basis"),
        change(
            "reference removed",
            remove(
                "    isa: ISA-DEMO-VRU-2026-01 (multi-agency information-sharing agreement,"
                    + " schedule 2)\n"),
            WIDENS,
            "agreement, reference isa",
            "removed (was 'ISA-DEMO-VRU-2026-01 (multi-agency information-sharing agreement,"
                + " schedule 2)')"),
        change(
            "reference added",
            edit("    dpia:", "    dsa: DSA-DEMO-VRU-2026-02\n    dpia:"),
            NARROWS,
            "agreement, reference dsa",
            "added: 'DSA-DEMO-VRU-2026-02'"),
        change(
            "approver removed",
            remove(dpo + "      approved: 2026-03-25\n"),
            WIDENS,
            "agreement, approver Data Protection Officer, county council (education)",
            "removed, no longer signs off"),
        undo(
            "approver added",
            remove(dpo + "      approved: 2026-03-25\n"),
            NARROWS,
            "agreement, approver Data Protection Officer, county council (education)",
            "added, approved 2026-03-25"),
        change(
            "approval withdrawn",
            remove("      approved: 2026-03-25\n"),
            WIDENS,
            "agreement, approver Data Protection Officer, county council (education)",
            "approved 2026-03-25 -> pending" + REVIEW),
        undo(
            "pending approval given",
            remove("      approved: 2026-03-25\n"),
            NARROWS,
            "agreement, approver Data Protection Officer, county council (education)",
            "approved pending -> 2026-03-25"),
        change(
            "approval re-dated",
            edit("approved: 2026-03-25", "approved: 2026-03-27"),
            WIDENS,
            "agreement, approver Data Protection Officer, county council (education)",
            "approved 2026-03-25 -> 2026-03-27" + REVIEW),
        change(
            "approver's role reworded is descriptive",
            edit("role: Caldicott Guardian, acute", "role: Caldicott Guardian of the acute"),
            NEUTRAL,
            "agreement, approver Caldicott Guardian of the acute hospital trust",
            "role reworded: 'Caldicott Guardian, acute hospital trust' -> 'Caldicott Guardian of"
                + " the acute hospital trust'"),
        // ---- levels
        change(
            "level name is descriptive",
            edit("name: Anonymised aggregate", "name: Anonymised aggregates"),
            NEUTRAL,
            "level 1",
            "name 'Anonymised aggregate' -> 'Anonymised aggregates'"),
        change(
            "level meaning",
            edit("Counts by area, period and category.", "Counts by area and period."),
            WIDENS,
            "level 1",
            "meaning 'Counts by area, period and category. No row describes a person, no"
                + " pseudonym or linkage key appears, and small numbers are hidden so no count can"
                + " point to a person.' -> 'Counts by area and period. No row"),
        change(
            "finer finest area",
            edit("finest-area: WARD", "finest-area: LSOA"),
            WIDENS,
            "level 2",
            "finest area WARD -> LSOA"),
        change(
            "coarser finest area",
            edit("finest-area: LSOA", "finest-area: WARD"),
            NARROWS,
            "level 1",
            "finest area LSOA -> WARD"),
        change(
            "finer finest time",
            edit("finest-time: MONTH", "finest-time: WEEK"),
            WIDENS,
            "level 2",
            "finest time MONTH -> WEEK"),
        change(
            "finest time removed",
            remove("    finest-time: MONTH\n"),
            WIDENS,
            "level 2",
            "finest time MONTH -> none"),
        change(
            "lower suppression floor",
            edit("suppression-floor: 5", "suppression-floor: 3"),
            WIDENS,
            "level 1",
            "suppression floor 5 -> 3"),
        change(
            "higher suppression floor",
            edit("suppression-floor: 5", "suppression-floor: 10"),
            NARROWS,
            "level 1",
            "suppression floor 5 -> 10"),
        change(
            "suppression floor removed",
            remove("    suppression-floor: 5\n"),
            WIDENS,
            "level 1",
            "suppression floor 5 -> none"),
        change(
            "narrower narrowest age band",
            edit("narrowest-age-band: 3", "narrowest-age-band: 2"),
            WIDENS,
            "level 2",
            "narrowest age band 3 -> 2 years"),
        change(
            "narrowest age band set",
            edit("suppression-floor: 5\n", "suppression-floor: 5\n    narrowest-age-band: 5\n"),
            NARROWS,
            "level 1",
            "narrowest age band none -> 5 years"),
        change(
            "level rules removed", remove(levelTwo), WIDENS, "level 2", "rules removed" + REVIEW),
        // ---- recipients
        change(
            "principal",
            edit("principal: User:csp-partners", "principal: User:csp-analysts"),
            WIDENS,
            "recipient csp-partners",
            "principal User:csp-partners -> User:csp-analysts: the new principal is granted the"
                + " recipient's topics"
                + REVIEW),
        change(
            "higher highest level",
            edit(
                "max-level: 1\n    topics: [hotspots, cohort-summary]",
                "max-level: 2\n    topics:" + " [hotspots, cohort-summary]"),
            WIDENS,
            "recipient csp-partners",
            "highest level 1 -> 2"),
        change(
            "lower highest level",
            edit("max-level: 2", "max-level: 1"),
            NARROWS,
            "recipient vru-analyst",
            "highest level 2 -> 1"),
        change(
            "recipient's topic added",
            edit("topics: [hotspots]\n", "topics: [hotspots, cohort-summary]\n"),
            WIDENS,
            "recipient strategic-board",
            "now receives cohort-summary"),
        change(
            "recipient's topic removed",
            edit("topics: [hotspots, cohort-summary]\n", "topics: [hotspots]\n"),
            NARROWS,
            "recipient csp-partners",
            "no longer receives cohort-summary"),
        change(
            "recipient's topics reordered is descriptive",
            edit("topics: [hotspots, cohort-summary]\n", "topics: [cohort-summary, hotspots]\n"),
            NEUTRAL,
            "recipient csp-partners",
            "topics [hotspots, cohort-summary] -> [cohort-summary, hotspots] (order only)"),
        change(
            "recipient description is descriptive",
            edit("board dashboards.", "board dashboards and papers."),
            NEUTRAL,
            "recipient strategic-board",
            "description 'The partnership's strategic board dashboards.' -> 'The partnership's"
                + " strategic board dashboards and papers.'"),
        change("recipient removed", remove(board), NARROWS, "recipient strategic-board", "removed"),
        undo(
            "recipient added",
            remove(board),
            WIDENS,
            "recipient strategic-board",
            "added, principal User:strategic-board, level 1, topics [hotspots]"),
        change(
            "recipients reordered is descriptive",
            text ->
                edit("  - id: vru-analyst", board + "  - id: vru-analyst")
                    .apply(remove(board).apply(text)),
            NEUTRAL,
            "recipients",
            "order [vru-analyst, csp-partners, strategic-board] -> [strategic-board, vru-analyst,"
                + " csp-partners] (order only)"),
        // ---- retention
        change(
            "shorter retention",
            edit("  cohort-profiles: 395d", "  cohort-profiles: 365d"),
            NARROWS,
            "retention cohort-profiles",
            "395 -> 365 days"),
        change(
            "retention added",
            edit("  audit: 2555d\n", "  audit: 2555d\n  receipts-archive: 30d\n"),
            WIDENS,
            "retention receipts-archive",
            "none -> 30 days"),
        change(
            "retention removed",
            remove("  audit: 2555d\n"),
            WIDENS,
            "retention audit",
            "2555 days -> none (the topic spec's default applies"),
        // ---- topics and fields
        change(
            "topic level raised",
            edit("  cohort-summary:\n    level: 1", "  cohort-summary:\n    level: 2"),
            WIDENS,
            "topic cohort-summary",
            "level 1 -> 2"),
        change(
            "topic level lowered",
            edit(
                "    level: 2\n    key: personPseudonym", "    level: 1\n    key: personPseudonym"),
            NARROWS,
            "topic cohort-profiles",
            "level 2 -> 1"),
        change(
            "topic key",
            edit("key: [areaCode, ageBand, riskFlags]", "key: [areaCode, ageBand]"),
            WIDENS,
            "topic cohort-summary",
            "key [areaCode, ageBand, riskFlags] -> [areaCode, ageBand]" + REVIEW),
        change(
            "topic added",
            text ->
                text
                    + "\n  hotspots-monthly:\n    level: 1\n    key: [areaCode]\n    fields:\n"
                    + "      areaCode:\n        source: cell.area\n"
                    + "        treatment: {generalise-area: WARD}\n        rationale: Test.\n",
            WIDENS,
            "topic hotspots-monthly",
            "newly published at level 1"),
        change(
            "field removed",
            remove(revisedAt),
            NARROWS,
            "topic hotspots, field revisedAt",
            "no longer published"),
        undo(
            "field added",
            remove(revisedAt),
            WIDENS,
            "topic hotspots, field revisedAt",
            "newly published (keep)"),
        change(
            "source swapped",
            edit(
                "source: person.police-victim-events",
                "source: person.police-suspect-or-offender-events"),
            WIDENS,
            "topic cohort-profiles, field policeVictimEvents",
            "source person.police-victim-events -> person.police-suspect-or-offender-events:"
                + " another value is published under the same name"
                + REVIEW),
        change(
            "rationale is descriptive",
            edit("a number was hidden rather than zero.", "a number was hidden, not zero."),
            NEUTRAL,
            "topic cohort-summary, field suppressed",
            "rationale reworded: 'Tells the reader a number was hidden rather than zero.' ->"
                + " 'Tells the reader a number was hidden, not zero.'"),
        // ---- treatments
        change(
            "lower suppress-below",
            edit(persons, "{count: {suppress-below: 3}}\n        rationale: How many people"),
            WIDENS,
            "topic cohort-summary, field persons",
            "count, 1-4 hidden -> count, 1-2 hidden"),
        change(
            "rounding added",
            edit(persons, rounded),
            NARROWS,
            "topic cohort-summary, field persons",
            "shown counts not rounded -> rounded to nearest 5"),
        undo(
            "rounding removed",
            edit(persons, rounded),
            WIDENS,
            "topic cohort-summary, field persons",
            "shown counts rounded to nearest 5 -> not rounded"),
        Arguments.of(
            "rounding to a smaller base",
            edit(persons, rounded.replace("round-to: 5", "round-to: 10")),
            edit(persons, rounded),
            WIDENS,
            "topic cohort-summary, field persons",
            "shown counts rounded to nearest 10 -> rounded to nearest 5"),
        change(
            "zeros hidden",
            edit(
                persons,
                "{count: {suppress-below: 5, suppress-zero: true}}\n        rationale: How many"
                    + " people"),
            NARROWS,
            "topic cohort-summary, field persons",
            "zeros published as 0 -> hidden like small counts"),
        undo(
            "zeros shown",
            edit(
                persons,
                "{count: {suppress-below: 5, suppress-zero: true}}\n        rationale: How many"
                    + " people"),
            WIDENS,
            "topic cohort-summary, field persons",
            "zeros hidden like small counts -> published as 0"),
        change(
            "suppressed-as",
            edit("{count: {suppress-below: 5, suppressed-as: 0}}", "{count: {suppress-below: 5}}"),
            WIDENS,
            "topic hotspots, field unlocatedIncluded",
            "hidden counts published as 0 -> null" + REVIEW),
        change(
            "finer age bands",
            edit(bands, "{age-band: [0-9, 10-14, 15-17, 18-20, 21-24, 25-34, 35+]}"),
            WIDENS,
            "topic cohort-summary, field ageBand",
            "age band 0-9, 10-14, 15-17, 18-20, 21-24, 25+ -> age band 0-9, 10-14, 15-17, 18-20,"
                + " 21-24, 25-34, 35+"),
        change(
            "merged age bands",
            edit(bands, "{age-band: [0-9, 10-17, 18-24, 25+]}"),
            NARROWS,
            "topic cohort-summary, field ageBand",
            "age band 0-9, 10-14, 15-17, 18-20, 21-24, 25+ -> age band 0-9, 10-17, 18-24, 25+"),
        change(
            "as many age bands, split elsewhere",
            edit(bands, "{age-band: [0-9, 10-15, 16-17, 18-20, 21-24, 25+]}"),
            WIDENS,
            "topic cohort-summary, field ageBand",
            "age band 0-9, 10-14, 15-17, 18-20, 21-24, 25+ -> age band 0-9, 10-15, 16-17, 18-20,"
                + " 21-24, 25+"),
        change(
            "age band labels",
            edit(bands, "{age-band: [00-9, 10-14, 15-17, 18-20, 21-24, 25+]}"),
            WIDENS,
            "topic cohort-summary, field ageBand",
            "band labels age band 0-9, 10-14, 15-17, 18-20, 21-24, 25+ -> age band 00-9, 10-14,"
                + " 15-17, 18-20, 21-24, 25+"
                + REVIEW),
        change(
            "higher top-code",
            edit("{top-code: 3}", "{top-code: 5}"),
            WIDENS,
            "topic cohort-profiles, field permanentExclusions",
            "top-coded at 3 -> top-coded at 5"),
        change(
            "lower top-code",
            edit("{top-code: 6}", "{top-code: 4}"),
            NARROWS,
            "topic cohort-profiles, field persistentAbsenceTerms",
            "top-coded at 6 -> top-coded at 4"),
        change(
            "coarser area",
            edit("{generalise-area: LSOA}", "{generalise-area: WARD}"),
            NARROWS,
            "topic hotspots, field areaCode",
            "generalise area to LSOA -> generalise area to WARD"),
        change(
            "finer time",
            edit(
                "{truncate-time: MONTH}\n        rationale: When the person last",
                "{truncate-time: WEEK}\n        rationale: When the person last"),
            WIDENS,
            "topic cohort-profiles, field lastEventMonth",
            "truncate to MONTH -> truncate to WEEK"),
        change(
            "time unit fixed instead of taken from a field",
            edit("{truncate-time: {unit-from: periodType}}", "{truncate-time: WEEK}"),
            WIDENS,
            "topic hotspots, field periodStart",
            "truncate to the period in periodType -> truncate to WEEK" + REVIEW),
        change(
            "time unit taken from another field",
            edit("{unit-from: periodType}", "{unit-from: definitionId}"),
            WIDENS,
            "topic hotspots, field periodStart",
            "unit taken from periodType -> definitionId" + REVIEW),
        change(
            "keep value added",
            edit("{keep: [MONTH]}", "{keep: [WEEK, MONTH]}"),
            WIDENS,
            "topic hotspots, field periodType",
            "keep only MONTH -> keep only WEEK, MONTH"),
        undo(
            "keep value removed",
            edit("{keep: [MONTH]}", "{keep: [WEEK, MONTH]}"),
            NARROWS,
            "topic hotspots, field periodType",
            "keep only WEEK, MONTH -> keep only MONTH"),
        change(
            "keep list dropped, so every value is kept",
            edit("{keep: [MONTH]}", "keep"),
            WIDENS,
            "topic hotspots, field periodType",
            "keep only MONTH -> keep"),
        Arguments.of(
            "keep values reordered is descriptive",
            edit("{keep: [MONTH]}", "{keep: [WEEK, MONTH]}"),
            edit("{keep: [MONTH]}", "{keep: [MONTH, WEEK]}"),
            NEUTRAL,
            "topic hotspots, field periodType",
            "keep values [WEEK, MONTH] -> [MONTH, WEEK] (order only)"),
        change(
            "pseudonymise for another recipient",
            edit("{pseudonymise: vru-analyst}", "{pseudonymise: csp-partners}"),
            WIDENS,
            "topic cohort-profiles, field personPseudonym",
            "pseudonymise for vru-analyst -> pseudonymise for csp-partners: the pseudonyms are"
                + " made with another recipient's secret and link to its data"
                + REVIEW),
        change(
            "treatment replaced by keep",
            edit("{top-code: 3}", "keep"),
            WIDENS,
            "topic cohort-profiles, field permanentExclusions",
            "top-coded at 3 -> keep"),
        change(
            "keep replaced by a treatment",
            edit(
                "source: person.sex\n        treatment: keep",
                "source: person.sex\n        treatment: {pseudonymise: vru-analyst}"),
            NARROWS,
            "topic cohort-profiles, field sex",
            "keep -> pseudonymise for vru-analyst"),
        change(
            "one treatment replaced by another kind",
            edit("{top-code: 3}", "{count: {suppress-below: 5}}"),
            WIDENS,
            "topic cohort-profiles, field permanentExclusions",
            "top-coded at 3 -> count, 1-4 hidden" + REVIEW),
        change(
            "derivation",
            edit("{derive: area-level, of: areaCode}", "{derive: suppressed, of: areaCode}"),
            WIDENS,
            "topic hotspots, field areaLevel",
            "derivation area-level -> suppressed (level of areaCode -> whether areaCode was"
                + " hidden)"
                + REVIEW),
        change(
            "derived from another field",
            edit("{derive: suppressed, of: count}", "{derive: suppressed, of: unlocatedIncluded}"),
            WIDENS,
            "topic hotspots, field suppressed",
            "derived from count -> unlocatedIncluded" + REVIEW),
        change(
            "rate from another population",
            edit("population: cell.population", "population: cell.residents"),
            WIDENS,
            "topic hotspots, field ratePer10k",
            "population from cell.population -> cell.residents" + REVIEW),
        // ---- lawful bases, flows and fields' bases
        change(
            "Art. 6 basis changed",
            edit("  svd-public-task:\n    article-6: e", "  svd-public-task:\n    article-6: c"),
            WIDENS,
            "lawful-bases.svd-public-task",
            "Art. 6(1) basis changed: Art. 6(1)(e) public task -> Art. 6(1)(c) legal obligation"),
        change(
            "condition added",
            edit(
                "  svd-public-task:\n    article-6: e\n",
                "  svd-public-task:\n    article-6: e\n    article-10: {schedule-1: 10}\n"),
            NARROWS,
            "lawful-bases.svd-public-task",
            "Art. 10 Schedule 1 condition added: DPA 2018 Sch. 1 para 10 (preventing or"
                + " detecting unlawful acts)"),
        change(
            "Schedule 8 condition removed",
            remove("    part-3: {schedule-8: 1}\n"),
            WIDENS,
            "lawful-bases.police-disclosure",
            "Part 3 Schedule 8 condition removed (was DPA 2018 Part 3, s.35(5), Sch. 8 para 1"
                + " (statutory etc purposes))"),
        change(
            "confidentiality basis changed",
            edit(
                "    confidentiality: not-confidential\n    statutory-power: >-\n      Police,"
                    + " Crime, Sentencing and Courts Act 2022 (Serious Violence Duty), ss.7",
                "    confidentiality: public-interest\n    statutory-power: >-\n      Police,"
                    + " Crime, Sentencing and Courts Act 2022 (Serious Violence Duty), ss.7"),
            WIDENS,
            "lawful-bases.police-disclosure",
            "duty-of-confidentiality basis changed: not held in confidence -> public interest"),
        change(
            "note changed",
            edit(
                "detail), under the data protection",
                "detail), under the partnership's data protection"),
            WIDENS,
            "lawful-bases.health-ed-disclosure",
            "note changed: 'Agreed with the trust's Caldicott Guardian; the ISTV minimum dataset"
                + " only (no clinical detail), under the data protection impact assessment.' ->"
                + " 'Agreed with the trust's Caldicott Guardian; the ISTV minimum dataset only (no"
                + " clinical detail), under the partnership's data protection impact"
                + " assessment.'"),
        change(
            "note added",
            edit(
                "(the strategic\n      needs assessment and strategy) and s.15.\n",
                "(the strategic\n      needs assessment and strategy) and s.15.\n"
                    + "    note: Reviewed yearly.\n"),
            NARROWS,
            "lawful-bases.svd-public-task",
            "note added: 'Reviewed yearly.'"),
        change(
            "statutory power removed",
            edit(
                "    statutory-power: >-\n      Police, Crime, Sentencing and Courts Act 2022"
                    + " (Serious Violence Duty), ss.7 and 15.\n  svd-health-data:",
                "  svd-health-data:"),
            WIDENS,
            "lawful-bases.svd-offence-data",
            "statutory power removed (was 'Police, Crime, Sentencing and Courts Act 2022"
                + " (Serious Violence Duty), ss.7 and 15.')"),
        change(
            "lawful basis added",
            edit("\nflows:", "  svd-research:\n    article-6: e\n\nflows:"),
            NARROWS,
            "lawful-bases.svd-research",
            "lawful basis added"),
        undo(
            "lawful basis removed",
            edit("\nflows:", "  svd-research:\n    article-6: e\n\nflows:"),
            WIDENS,
            "lawful-bases.svd-research",
            "lawful basis removed"),
        change(
            "flow's sender",
            edit("from: Police force (crime records system)", "from: Police force (all systems)"),
            WIDENS,
            "flows.police-crime-events",
            "sent by 'Police force (crime records system)' -> 'Police force (all systems)'"
                + REVIEW),
        change(
            "flow's lawful basis added",
            edit(
                "lawful-basis: police-disclosure",
                "lawful-basis: [police-disclosure, svd-offence-data]"),
            NARROWS,
            "flows.police-crime-events",
            "lawful basis added: svd-offence-data"),
        change(
            "flow's lawful basis replaced",
            edit("lawful-basis: police-disclosure", "lawful-basis: svd-offence-data"),
            WIDENS,
            "flows.police-crime-events",
            "no longer names lawful basis police-disclosure (now also svd-offence-data)"),
        change(
            "flow added",
            edit(
                "\ntopics:",
                "  probation-events:\n    from: Probation service\n    lawful-basis:"
                    + " svd-offence-data\n\ntopics:"),
            WIDENS,
            "flows.probation-events",
            "flow added, from Probation service, under [svd-offence-data]"),
        undo(
            "flow removed",
            edit(
                "\ntopics:",
                "  probation-events:\n    from: Probation service\n    lawful-basis:"
                    + " svd-offence-data\n\ntopics:"),
            NARROWS,
            "flows.probation-events",
            "flow removed (was from Probation service)"),
        change(
            "field's lawful basis added",
            edit(
                "lawful-basis: svd-offence-data\n      policeSuspectOrOffenderEvents:",
                "lawful-basis: [svd-offence-data, svd-public-task]\n"
                    + "      policeSuspectOrOffenderEvents:"),
            NARROWS,
            "topics.cohort-profiles.fields.policeVictimEvents",
            "lawful basis added: svd-public-task"),
        change(
            "field's lawful bases reordered is descriptive",
            edit("[svd-offence-data, svd-health-data]", "[svd-health-data, svd-offence-data]"),
            NEUTRAL,
            "topics.cohort-profiles.fields.agencies",
            "lawful bases [svd-offence-data, svd-health-data] -> [svd-health-data,"
                + " svd-offence-data] (order only)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void eachKindOfChangeIsReportedWithItsDirectionAndWhatItWasAndBecame(
      String name,
      UnaryOperator<String> before,
      UnaryOperator<String> after,
      PolicyDiff.Direction direction,
      String where,
      String what) {
    String shipped = Fixtures.suppressionOnlyText();
    List<PolicyDiff.Change> changes =
        PolicyDiff.between(parse(before.apply(shipped)), parse(after.apply(shipped)));

    assertThat(changes).as(name).hasSize(1);
    PolicyDiff.Change change = changes.get(0);
    assertThat(change.direction()).as(name + ": direction of " + change).isEqualTo(direction);
    assertThat(change.where()).as(name + ": place of " + change).isEqualTo(where);
    assertThat(change.what()).as(name + ": words of " + change).contains(what);
  }
}
