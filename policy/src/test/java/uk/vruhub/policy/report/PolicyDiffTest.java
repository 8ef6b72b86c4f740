package uk.vruhub.policy.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.PolicyParser;

class PolicyDiffTest {

  private static PolicyDocument parse(String text) {
    return PolicyParser.parse(text.getBytes(StandardCharsets.UTF_8), "x.yaml");
  }

  @Test
  void aPolicyComparedWithItselfHasNoChanges() {
    assertThat(PolicyDiff.between(parse(Fixtures.shippedText()), parse(Fixtures.shippedText())))
        .isEmpty();
  }

  @Test
  void saysWhatWidensAndWhatNarrowsInPlainWords() {
    String before = Fixtures.shippedText();
    String after =
        before
            .replace("version: \"1.0.0\"", "version: \"1.1.0\"")
            .replace(
                "treatment: {count: {suppress-below: 5, round-to: 5, suppress-zero: true}}\n"
                    + "        rationale: >-\n          The number",
                "treatment: {count: {suppress-below: 10, round-to: 5, suppress-zero: true}}\n"
                    + "        rationale: >-\n          The number")
            .replace("  cohort-profiles: 395d", "  cohort-profiles: 730d")
            .replace("    topics: [hotspots]\n", "    topics: [hotspots, cohort-summary]\n")
            .replace(
                "treatment: {truncate-time: MONTH}\n        rationale: When the person first",
                "treatment: {truncate-time: QUARTER}\n        rationale: When the person first");

    assertThat(PolicyDiff.between(parse(before), parse(after)))
        .extracting(Object::toString)
        .containsExactly(
            "NEUTRAL  agreement: version 1.0.0 -> 1.1.0",
            "WIDENS  recipient strategic-board: now receives cohort-summary",
            "WIDENS  retention cohort-profiles: 395 -> 730 days",
            "NARROWS  topic hotspots, field count: count, 0-4 hidden -> count, 0-9 hidden",
            "NARROWS  topic cohort-profiles, field firstEventMonth: truncate to MONTH -> truncate"
                + " to QUARTER");
  }

  @Test
  void finerAreasAndNewFieldsWiden() {
    String before =
        Fixtures.shippedText()
            .replace(
                "treatment: {generalise-area: WARD}\n        rationale: Counts of people",
                "treatment: {generalise-area: LOCAL_AUTHORITY}\n"
                    + "        rationale: Counts of people");
    assertThat(PolicyDiff.between(parse(before), parse(Fixtures.shippedText())))
        .extracting(Object::toString)
        .containsExactly(
            "WIDENS  topic cohort-summary, field areaCode: generalise area to LOCAL_AUTHORITY ->"
                + " generalise area to WARD");
  }

  @Test
  void aWeakenedOrRemovedLawfulBasisOrAChangedStatutoryPowerWidens() {
    String before = Fixtures.shippedText();
    String after =
        before
            .replace(
                "    article-9: {condition: g, schedule-1: 6}\n"
                    + "    confidentiality: statutory-gateway\n"
                    + "    statutory-power: >-\n"
                    + "      Police, Crime, Sentencing and Courts Act 2022 (Serious Violence Duty),"
                    + " ss.7 and 15.\n",
                "    article-9: {condition: g, schedule-1: 10}\n"
                    + "    statutory-power: >-\n      Crime and Disorder Act 1998, s.115.\n")
            .replace(
                "        lawful-basis: [svd-offence-data, svd-health-data]\n"
                    + "      policeVictimEvents:",
                "        lawful-basis: svd-health-data\n      policeVictimEvents:");

    assertThat(PolicyDiff.between(parse(before), parse(after)))
        .extracting(Object::toString)
        .containsExactly(
            "WIDENS  lawful-bases.svd-health-data: Art. 9 Schedule 1 condition changed: DPA 2018"
                + " Sch. 1 para 6 (statutory and government purposes) -> DPA 2018 Sch. 1 para 10"
                + " (preventing or detecting unlawful acts)",
            "WIDENS  lawful-bases.svd-health-data: duty-of-confidentiality basis removed (was"
                + " statutory gateway)",
            "WIDENS  lawful-bases.svd-health-data: statutory power changed: 'Police, Crime,"
                + " Sentencing and Courts Act 2022 (Serious Violence Duty), ss.7 and 15.' ->"
                + " 'Crime and Disorder Act 1998, s.115.'",
            "WIDENS  topics.cohort-profiles.fields.agencies: no longer names lawful basis"
                + " svd-offence-data");
  }
}
