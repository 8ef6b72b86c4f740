package uk.vruhub.policy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vruhub.policy.Fixtures.replacing;
import static uk.vruhub.policy.Fixtures.violations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.Policy;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * Each rule of the policy, broken on purpose in a copy of the shipped policy, gives its exact
 * message.
 */
class PolicyRulesTest {

  private static String only(List<Violation> violations) {
    assertThat(violations).hasSize(1);
    return violations.get(0).toString();
  }

  @Test
  void theShippedPolicyPasses() {
    Policy policy = Fixtures.shipped();
    assertThat(policy.identity().id()).isEqualTo("demo-vru-isa");
    assertThat(policy.document().topics())
        .containsOnlyKeys("hotspots", "cohort-summary", "cohort-profiles");
  }

  @Test
  void aSchemaFieldWithoutAnEntry() {
    String text =
        replacing(
            "      revisedAt:\n"
                + "        source: cell.revised-at\n"
                + "        treatment: keep\n"
                + "        rationale: When the count was last revised; late records revise past"
                + " periods.\n",
            "");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[FIELD-MISSING] topic 'hotspots', field 'revisedAt': the schema has this field but the"
                + " policy has no entry for it, so the hub could not build the record. Fix: Add an"
                + " entry with a source, a treatment and a rationale, or remove the field from the"
                + " schema.");
  }

  @Test
  void anEntryForAFieldTheSchemaLacks() {
    String text =
        replacing(
            "      revisedAt:\n        source: cell.revised-at",
            "      victimName:\n"
                + "        source: cell.area\n"
                + "        treatment: {generalise-area: WARD}\n"
                + "        rationale: none\n"
                + "      revisedAt:\n"
                + "        source: cell.revised-at");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[FIELD-UNKNOWN] topic 'hotspots', field 'victimName': the schema HotspotCell has no"
                + " such field. Fix: Remove the entry or correct the field name.");
  }

  @Test
  void anUnknownSource() {
    String text = replacing("source: cell.events", "source: cell.crimes");
    assertThat(only(violations(text)))
        .startsWith(
            "[SOURCE] topic 'hotspots', field 'count': unknown source 'cell.crimes'. Fix: Use one"
                + " of [cell.area,");
  }

  @Test
  void aMissingRationale() {
    String text =
        replacing("        rationale: Tells the reader a count was hidden rather than zero.\n", "");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[RATIONALE] topic 'hotspots', field 'suppressed': the field has no rationale. Fix: Say"
                + " why the field is needed, in words a recipient would understand.");
  }

  @Test
  void aLinkageFieldPublishedAsItIs() {
    String text = replacing("treatment: {pseudonymise: vru-analyst}", "treatment: keep");
    assertThat(violations(text))
        .extracting(Violation::toString)
        .containsExactly(
            "[CLASSIFICATION] topic 'cohort-profiles', field 'personPseudonym': a linkage field may"
                + " only be published as a recipient-specific pseudonym, never as it is. Fix: Use"
                + " `{pseudonymise: <recipient id>}`.",
            "[L2-PERSON-KEY] topic 'cohort-profiles', field 'personPseudonym': a level 2 topic must"
                + " be keyed by a recipient-specific pseudonym, never the hub's internal linkage"
                + " key. Fix: Give the key field `{pseudonymise: <recipient id>}`.");
  }

  @Test
  void aQuasiIdentifierKeptAsItIs() {
    String text =
        replacing(
            "        source: person.home-area\n"
                + "        treatment: {generalise-area: WARD}\n"
                + "        rationale: Home ward",
            "        source: person.home-area\n"
                + "        treatment: keep\n"
                + "        rationale: Home ward");
    assertThat(violations(text))
        .extracting(Violation::toString)
        .containsExactly(
            "[CLASSIFICATION] topic 'cohort-profiles', field 'homeAreaCode': a quasi-identifier"
                + " must be generalised (generalise-area, truncate-time or age-band), but it is"
                + " 'keep'. Fix: Generalise it; only categorical quasi-identifiers such as sex may"
                + " be kept as they are.",
            "[DERIVE] topic 'cohort-profiles', field 'homeAreaLevel': area-level must be an"
                + " AreaLevel field derived from a generalised area. Fix: Derive it `of:` a field"
                + " with a generalise-area treatment.");
  }

  @Test
  void aTreatmentThatDoesNotFitTheType() {
    String text =
        replacing(
            "        source: cell.definition\n        treatment: keep",
            "        source: cell.definition\n        treatment: {top-code: 3}");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[TREATMENT-TYPE] topic 'hotspots', field 'definitionId': treatment 'top-coded at 3'"
                + " does not fit a field of type string. Fix: Choose a treatment made for string"
                + " values, or change the schema.");
  }

  @Test
  void levelOneCountsBelowTheFloor() {
    String text =
        replacing(
            "        source: cell.events\n        treatment: {count: {suppress-below: 5,",
            "        source: cell.events\n        treatment: {count: {suppress-below: 3,");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[L1-SUPPRESSION] topic 'hotspots', field 'count': counts are hidden below 3, but the"
                + " agreement's floor for level 1 is 5. Fix: Set suppress-below to 5 or more.");
  }

  @Test
  void levelOneWithoutAnyCountIsRecordLevel() {
    String text =
        replacing(
                "        source: cell.events\n"
                    + "        treatment: {count: {suppress-below: 5, round-to: 5, suppress-zero:"
                    + " true}}",
                "        source: cell.events\n        treatment: keep")
            .replace(
                "treatment: {count: {suppress-below: 5, round-to: 5, suppress-zero: true,"
                    + " suppressed-as: 0}}",
                "treatment: keep");
    assertThat(violations(text)).extracting(Violation::rule).contains("L1-RECORD-LEVEL");
  }

  @Test
  void levelOneAreasFinerThanAllowed() {
    String text = replacing("finest-area: LSOA", "finest-area: WARD");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[L1-AREA] topic 'hotspots', field 'areaCode': areas are published at LSOA, finer than"
                + " level 1 allows (WARD). Fix: Generalise to WARD or coarser.");
  }

  @Test
  void levelOneTimesFinerThanAllowed() {
    String text = replacing("treatment: {keep: [MONTH]}", "treatment: {keep: [DAY, WEEK, MONTH]}");
    assertThat(violations(text))
        .extracting(Violation::toString)
        .contains(
            "[L1-TIME] topic 'hotspots', field 'periodStart': dates are published by DAY, finer"
                + " than level 1 allows (WEEK). Fix: Truncate to WEEK or coarser.");
    assertThat(violations(text))
        .extracting(Violation::rule)
        .as("days lie inside weeks and months, and weeks inside months")
        .containsExactlyInAnyOrder(
            "L1-TIME", "L1-NESTED-PERIODS", "L1-NESTED-PERIODS", "L1-NESTED-PERIODS");
  }

  // ---- Published periods that add up to each other ----

  @Test
  void aQuarterBesideItsMonthsIsAnExactSum() {
    String text = replacing("treatment: {keep: [MONTH]}", "treatment: {keep: [MONTH, QUARTER]}");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[L1-NESTED-PERIODS] topic 'hotspots', field 'periodType': both MONTH and QUARTER are"
                + " published, and every QUARTER is a run of whole MONTH periods, so its count is"
                + " the sum of theirs: with it published, a hidden MONTH count is bounded by"
                + " subtracting the shown ones, whatever the rounding (two shown as 10 inside one"
                + " shown as 15 leave at most 1 for a third). Fix: Keep one of MONTH and QUARTER;"
                + " no level 1 topic may publish a period that lies inside another it publishes.");
  }

  @Test
  void aWeekWhollyInsideAMonthIsBoundedByIt() {
    // Weeks do not tile months, but most lie wholly inside one: two weeks shown as 10 inside a
    // month shown as 15 leave at most 1 for a hidden third (SubtractionAttackTest shows it).
    String text = replacing("treatment: {keep: [MONTH]}", "treatment: {keep: [WEEK, MONTH]}");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[L1-NESTED-PERIODS] topic 'hotspots', field 'periodType': both WEEK and MONTH are"
                + " published, and a WEEK can lie wholly inside a MONTH, so its count is at least"
                + " theirs: with it published, a hidden WEEK count is bounded by subtracting the"
                + " shown ones, whatever the rounding (two shown as 10 inside one shown as 15"
                + " leave at most 1 for a third). Fix: Keep one of WEEK and MONTH; no level 1"
                + " topic may publish a period that lies inside another it publishes.");
  }

  @Test
  void everyPairOfNestedPeriodsIsRefused() {
    String text =
        replacing(
            "treatment: {keep: [MONTH]}",
            "treatment: {keep: [WEEK, MONTH, QUARTER, FINANCIAL_YEAR]}");
    List<Violation> all = violations(text);
    assertThat(all).extracting(Violation::rule).containsOnly("L1-NESTED-PERIODS").hasSize(6);
    assertThat(all)
        .extracting(v -> v.problem().substring(0, v.problem().indexOf(" are published")))
        .containsExactlyInAnyOrder(
            "both WEEK and MONTH",
            "both WEEK and QUARTER",
            "both WEEK and FINANCIAL_YEAR",
            "both MONTH and QUARTER",
            "both MONTH and FINANCIAL_YEAR",
            "both QUARTER and FINANCIAL_YEAR");
  }

  @Test
  void aBareKeepPublishesEveryPeriodTypeAndIsRefused() {
    String text = replacing("treatment: {keep: [MONTH]}", "treatment: keep");
    List<Violation> all = violations(text);
    // Ten pairs among the five types, and days finer than level 1 allows.
    assertThat(all).extracting(Violation::rule).filteredOn("L1-NESTED-PERIODS"::equals).hasSize(10);
    assertThat(all)
        .filteredOn(v -> v.rule().equals("L1-NESTED-PERIODS"))
        .allSatisfy(v -> assertThat(v.fix()).contains("`{keep: [MONTH]}`"));
  }

  @Test
  void oneTypeOfPeriodIsAccepted() {
    for (String kept : new String[] {"[WEEK]", "[MONTH]", "[QUARTER]", "[FINANCIAL_YEAR]"}) {
      String text = replacing("treatment: {keep: [MONTH]}", "treatment: {keep: " + kept + "}");
      assertThat(
              Fixtures.parse(text)
                  .topic("hotspots")
                  .fields()
                  .get("periodType")
                  .treatment()
                  .describe())
          .as("accepted")
          .isEqualTo("keep only " + kept.substring(1, kept.length() - 1));
    }
  }

  @Test
  void levelOneMayNotCarryALinkageField(@TempDir Path dir) throws IOException {
    TopicCatalogue profilesAtLevelOne = catalogueWith(dir, "level: \"2\"", "level: \"1\"");
    String text =
        Fixtures.shippedText()
            .replace("  cohort-profiles:\n    level: 2", "  cohort-profiles:\n    level: 1");
    assertThat(violations(text, profilesAtLevelOne))
        .extracting(Violation::toString)
        .contains(
            "[L1-LINKAGE] topic 'cohort-profiles', field 'personPseudonym': a level 1 topic may not"
                + " carry a pseudonym or linkage field. Fix: Remove the field from the schema;"
                + " level 1 holds aggregates only.");
  }

  @Test
  void levelTwoKeyedForARecipientNotAllowedLevelTwo() {
    String text =
        replacing(
            "treatment: {pseudonymise: vru-analyst}", "treatment: {pseudonymise: csp-partners}");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[L2-RECIPIENT] topic 'cohort-profiles', field 'personPseudonym': the key is"
                + " pseudonymised for 'csp-partners', which is not a recipient allowed level 2 data"
                + " from this topic. Fix: Pseudonymise for a recipient with max-level 2 that lists"
                + " cohort-profiles.");
  }

  @Test
  void levelTwoAreasTimesAndAgesMustBeGeneralised() {
    String text =
        replacing(
                "        source: person.home-area\n"
                    + "        treatment: {generalise-area: WARD}\n"
                    + "        rationale: Home ward",
                "        source: person.home-area\n"
                    + "        treatment: {generalise-area: LSOA}\n"
                    + "        rationale: Home ward")
            .replace(
                "        source: person.first-event\n        treatment: {truncate-time: MONTH}",
                "        source: person.first-event\n        treatment: {truncate-time: WEEK}");
    String bands = "[0-9, 10-14, 15-17, 18-20, 21-24, 25+]";
    text =
        text.replace(
            "treatment: {age-band: " + bands + "}\n        rationale: Age band at the latest",
            "treatment: {age-band: [0-9, 10-11, 12-17, 18-24, 25+]}\n"
                + "        rationale: Age band at the latest");
    assertThat(violations(text))
        .extracting(Violation::toString)
        .containsExactly(
            "[L2-AGE] topic 'cohort-profiles', field 'ageBand': age band 10-11 spans 2 years,"
                + " narrower than level 2 allows (3). Fix: Widen the band to at least 3 years.",
            "[L2-AREA] topic 'cohort-profiles', field 'homeAreaCode': areas are published at LSOA,"
                + " finer than level 2 allows (WARD). Fix: Generalise to WARD or coarser.",
            "[L2-TIME] topic 'cohort-profiles', field 'firstEventMonth': dates are published by"
                + " WEEK, finer than level 2 allows (MONTH). Fix: Truncate to MONTH or coarser.");
  }

  @Test
  void levelTwoSensitiveFieldsNameTheirCondition() {
    String text =
        replacing(
            "        rationale: Which partners know the person, the basis of multi-agency case"
                + " discussion.\n"
                + "        lawful-basis: [svd-offence-data, svd-health-data]\n",
            "        rationale: Which partners know the person, the basis of multi-agency case"
                + " discussion.\n");
    assertThat(violations(text).stream().map(Violation::toString).toList())
        .containsExactlyInAnyOrder(
            "[L2-CONDITION] topic 'cohort-profiles', field 'agencies': a sensitive field at level 2"
                + " must name the legal condition it is shared under. Fix: Add `lawful-basis: <id>`"
                + " naming an entry of lawful-bases with the Art. 9(2) or Art. 10 condition and DPA"
                + " 2018 Schedule 1 paragraph the agreement relies on.",
            "[LAWFUL-BASIS] topic 'cohort-profiles', field 'agencies': the field is published at"
                + " level 2 but names no lawful basis. Fix: Add `lawful-basis: <id>` to"
                + " topics.cohort-profiles.fields.agencies, naming an entry of lawful-bases.");
  }

  @Test
  void aKeyThatDoesNotMatchTheKeySchema() {
    String text =
        replacing(
            "key: [areaCode, periodType, periodStart, definitionId, source]",
            "key: [areaCode, periodStart, definitionId, source]");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[KEY] topic 'hotspots': the key [areaCode, periodStart, definitionId, source] does not"
                + " match the key schema HotspotKey [areaCode, periodType, periodStart,"
                + " definitionId, source]. Fix: List exactly [areaCode, periodType, periodStart,"
                + " definitionId, source] under key.");
  }

  @Test
  void aRecipientGivenATopicAboveItsLevel() {
    String text =
        replacing(
            "    max-level: 1\n    topics: [hotspots, cohort-summary]",
            "    max-level: 1\n    topics: [hotspots, cohort-summary, cohort-profiles]");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[RECIPIENT] topic 'cohort-profiles': recipient 'csp-partners' may receive level 1 but"
                + " the topic is level 2. Fix: Remove the topic from the recipient, or raise its"
                + " max-level if the agreement allows it.");
  }

  @Test
  void aTopicWithoutRetention() {
    String text = replacing("  audit: 2555d\n", "");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[RETENTION] topic 'audit': no retention is set for the topic. Fix: Add `audit:"
                + " <days>d` under retention.");
  }

  @Test
  void aPublishedTopicTheFileDoesNotCover() {
    String text = Fixtures.shippedText();
    text = text.substring(0, text.indexOf("  cohort-profiles:\n    level: 2"));
    assertThat(violations(text))
        .extracting(Violation::toString)
        .contains(
            "[TOPIC-MISSING] topic 'cohort-profiles': the topic is published but the policy does"
                + " not cover it. Fix: Add topics.cohort-profiles with an entry for every field.");
  }

  @Test
  void aLevelThatDisagreesWithTheTopicSpec() {
    String text = replacing("  hotspots:\n    level: 1", "  hotspots:\n    level: 2");
    assertThat(violations(text))
        .extracting(Violation::toString)
        .contains(
            "[TOPIC-LEVEL] topic 'hotspots': the policy gives level 2 but the topic spec publishes"
                + " it at level 1. Fix: Make the policy's level match the topic spec (1).");
  }

  @Test
  void anAgreementWithoutApprovalDates() {
    String text = replacing("      approved: 2026-03-25\n", "");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[AGREEMENT] the agreement lists no approvers, or an approver without a role or"
                + " approval date. Fix: List each approver's role and the date they approved it"
                + " under agreement.approvers.");
  }

  @Test
  void aLevelWithoutItsRules() {
    String text = replacing("    suppression-floor: 5\n", "");
    assertThat(violations(text)).extracting(Violation::rule).contains("LEVELS");
  }

  @Test
  void aRateDerivedWithoutAPopulation() {
    String text =
        replacing(
            "treatment: {derive: rate-per-10k, of: count, population: cell.population}",
            "treatment: {derive: rate-per-10k, of: count}");
    assertThat(only(violations(text)))
        .isEqualTo(
            "[DERIVE] topic 'hotspots', field 'ratePer10k': rate-per-10k needs a population source."
                + " Fix: Add `population: cell.population`.");
  }

  @Test
  void anAuditTopicMayHoldTechnicalFieldsOnly(@TempDir Path dir) throws IOException {
    TopicCatalogue eventsAsAudit =
        catalogueWith(
            dir,
            "value: uk.vruhub.avro.agency.SchoolEvent\n    level: internal",
            "value: uk.vruhub.avro.agency.SchoolEvent\n    level: audit");
    assertThat(violations(Fixtures.shippedText(), eventsAsAudit))
        .extracting(Violation::toString)
        .contains(
            "[AUDIT-FIELDS] topic 'education-school-events', field 'schoolUrn': an audit topic may"
                + " hold technical facts only, but this field is quasi. Fix: Remove the field from"
                + " the audit schema.");
  }

  @Test
  void malformedEntriesAreAllReportedWithTheirPlace() {
    String text =
        replacing(
                "    treatment: {count: {suppress-below: 5, round-to: 5, suppress-zero: true}}\n"
                    + "        rationale: >-\n"
                    + "          The number",
                "    treatment: {count: {hide-below: 5}}\n"
                    + "        rationale: >-\n"
                    + "          The number")
            .replace(
                "  name: Demonstration VRU partnership",
                "  title: x\n  name: Demonstration VRU partnership");
    assertThat(violations(text))
        .extracting(Violation::toString)
        .containsExactly(
            "[UNKNOWN-KEY] unknown key 'title' in agreement. Fix: Use only [approvers, effective,"
                + " id, name, references, review-by, version].",
            "[TREATMENT-ARGUMENT] topic 'hotspots', field 'count': the count treatment has no"
                + " setting 'hide-below', so it would be ignored. Fix: count takes only [round-to,"
                + " suppress-below, suppress-zero, suppressed-as].",
            "[TREATMENT] topic 'hotspots', field 'count': count needs suppress-below. Fix: Write"
                + " `{count: {suppress-below: 5}}`.");
  }

  private static TopicCatalogue catalogueWith(Path dir, String find, String replace)
      throws IOException {
    String spec =
        new String(
            TopicCatalogue.class.getResourceAsStream(TopicCatalogue.RESOURCE).readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    String cohortProfiles = "value: uk.vruhub.avro.hub.CohortProfile\n    level: \"2\"";
    String changed =
        find.startsWith("level: \"2\"")
            ? spec.replace(
                cohortProfiles, "value: uk.vruhub.avro.hub.CohortProfile\n    " + replace)
            : spec.replace(find, replace);
    assertThat(changed).isNotEqualTo(spec);
    Path file = dir.resolve("topics.yaml");
    Files.writeString(file, changed);
    return TopicCatalogue.load(file);
  }
}
