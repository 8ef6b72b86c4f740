package uk.vruhub.policy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vruhub.policy.Fixtures.replacing;
import static uk.vruhub.policy.Fixtures.violations;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.model.LawfulBasis;

/** Each missing or wrong piece of the lawful-basis schedule is refused, saying where and how. */
class LawfulBasisRulesTest {

  private static List<String> lines(String text) {
    return violations(text).stream().map(Violation::toString).toList();
  }

  @Test
  void theShippedScheduleIsComplete() {
    var doc = Fixtures.shipped().document();
    assertThat(doc.flows())
        .containsOnlyKeys(
            "police-crime-events", "health-ed-assault-attendances", "education-school-events");
    LawfulBasis health = doc.lawfulBases().get("svd-health-data");
    assertThat(health.article6()).isEqualTo(LawfulBasis.Article6.E);
    assertThat(health.article9()).isEqualTo(LawfulBasis.Article9.G);
    assertThat(health.article9Schedule1().paragraph()).isEqualTo(6);
    assertThat(doc.topics().get("cohort-profiles").fields().get("riskFlags").lawfulBasis())
        .containsExactly("svd-offence-data", "svd-health-data");
  }

  @Test
  void aFlowWithoutABasisIsRefused() {
    String text =
        replacing(
            "    from: County council (education) and schools\n"
                + "    lawful-basis: education-disclosure\n",
            "    from: County council (education) and schools\n");
    assertThat(lines(text))
        .containsExactly(
            "[LAWFUL-BASIS] topic 'education-school-events': the flow of education-school-events"
                + " from its agency to the hub names no lawful basis. Fix: Add"
                + " `education-school-events: {from: <agency>, lawful-basis: <id>}` under flows.");
  }

  @Test
  void aPoliceFlowNeedsArticle10AndPart3() {
    String text =
        replacing(
            "    article-10: {schedule-1: 10}\n    part-3: {schedule-8: 1}\n"
                + "    confidentiality: not-confidential\n",
            "    confidentiality: not-confidential\n");
    assertThat(lines(text))
        .hasSize(2)
        .allMatch(l -> l.startsWith("[LAWFUL-BASIS] topic 'police-crime-events'"))
        .anyMatch(l -> l.contains("needs a UK GDPR Art. 10 condition"))
        .anyMatch(l -> l.contains("needs a DPA 2018 Part 3 condition"));
  }

  @Test
  void healthDataNeedsArticle9AndTheDutyOfConfidentiality() {
    String text =
        replacing(
            "  svd-health-data:\n"
                + "    article-6: e\n"
                + "    article-9: {condition: g, schedule-1: 6}\n"
                + "    confidentiality: statutory-gateway\n",
            "  svd-health-data:\n    article-6: e\n");
    List<String> lines = lines(text);
    assertThat(lines)
        .contains(
            "[LAWFUL-BASIS] topic 'cohort-profiles', field 'edAssaultAttendances':"
                + " topics.cohort-profiles.fields.edAssaultAttendances: health data is"
                + " special-category data and needs a UK GDPR Art. 9(2) condition, and none of its"
                + " lawful bases gives one. Fix: Add `article-9: {condition: g, schedule-1: 6}`"
                + " (substantial public interest, statutory purposes) to one of its lawful bases"
                + " (svd-health-data), or name one that has it.")
        .anyMatch(l -> l.contains("edAssaultAttendances") && l.contains("duty of confidentiality"))
        .hasSize(2);
  }

  @Test
  void suspectOrOffenderDataNeedsArticle10() {
    String text =
        replacing(
            "capped at 10.\n        lawful-basis: svd-offence-data\n      violenceEvents:",
            "capped at 10.\n        lawful-basis: svd-public-task\n      violenceEvents:");
    assertThat(lines(text))
        .singleElement()
        .asString()
        .startsWith(
            "[LAWFUL-BASIS] topic 'cohort-profiles', field 'policeSuspectOrOffenderEvents':")
        .contains("criminal offence data and needs a UK GDPR Art. 10 condition");
  }

  @Test
  void aLevelTwoFieldWithoutABasisIsRefused() {
    String text =
        replacing(
            "        rationale: Home ward, to match people to local services; never finer than a"
                + " ward.\n"
                + "        lawful-basis: svd-public-task\n",
            "        rationale: Home ward, to match people to local services; never finer than a"
                + " ward.\n");
    assertThat(lines(text))
        .containsExactly(
            "[LAWFUL-BASIS] topic 'cohort-profiles', field 'homeAreaCode': the field is published"
                + " at level 2 but names no lawful basis. Fix: Add `lawful-basis: <id>` to"
                + " topics.cohort-profiles.fields.homeAreaCode, naming an entry of lawful-bases.");
  }

  @Test
  void anUndeclaredBasisIsRefused() {
    String text =
        replacing(
            "        lawful-basis: svd-health-data\n", "        lawful-basis: svd-hospital-data\n");
    assertThat(lines(text))
        .contains(
            "[LAWFUL-BASIS] topic 'cohort-profiles', field 'edAssaultAttendances':"
                + " topics.cohort-profiles.fields.edAssaultAttendances names lawful basis"
                + " 'svd-hospital-data', which lawful-bases does not declare. Fix: Declare it under"
                + " lawful-bases, or use one of [police-disclosure, health-ed-disclosure,"
                + " education-disclosure, svd-public-task, svd-offence-data, svd-health-data].");
  }

  @Test
  void aBasisWithoutArticle6OrStatutoryPowerIsRefused() {
    String text =
        replacing(
            "  svd-public-task:\n    article-6: e\n    statutory-power: >-\n",
            "  svd-public-task:\n    note: >-\n");
    assertThat(lines(text))
        .containsExactlyInAnyOrder(
            "[LAWFUL-BASIS] lawful-bases.svd-public-task names no UK GDPR Art. 6(1) basis. Fix:"
                + " Add `article-6: e` (public task) under lawful-bases.svd-public-task, or the"
                + " letter relied on.",
            "[LAWFUL-BASIS] lawful-bases.svd-public-task names no statutory power. Fix: Add"
                + " `statutory-power:` naming the Act and sections, e.g. Police, Crime, Sentencing"
                + " and Courts Act 2022, s.15.");
  }

  @Test
  void article9NeedsAScheduleOneConditionFromTheRightPart() {
    String missing =
        replacing(
            "    article-9: {condition: g, schedule-1: 6}\n    confidentiality: statutory-gateway\n"
                + "    statutory-power: >-\n      Police, Crime, Sentencing and Courts Act 2022"
                + " (Serious Violence Duty), ss.7 and 15.\n",
            "    article-9: {condition: g}\n    confidentiality: statutory-gateway\n"
                + "    statutory-power: >-\n      Police, Crime, Sentencing and Courts Act 2022"
                + " (Serious Violence Duty), ss.7 and 15.\n");
    assertThat(lines(missing))
        .singleElement()
        .asString()
        .contains(
            "lawful-bases.svd-health-data: Art. 9(2)(g) substantial public interest needs a"
                + " DPA 2018 Schedule 1 condition")
        .contains("from Part 2 of Schedule 1");
    String wrongPart =
        replacing(
            "    article-9: {condition: g, schedule-1: 6}\n"
                + "    confidentiality: statutory-gateway\n"
                + "    statutory-power: >-\n"
                + "      Police, Crime, Sentencing and Courts Act 2022 (Serious Violence Duty),"
                + " ss.7 and 15.\n",
            "    article-9: {condition: g, schedule-1: 2}\n"
                + "    confidentiality: statutory-gateway\n"
                + "    statutory-power: >-\n"
                + "      Police, Crime, Sentencing and Courts Act 2022 (Serious Violence Duty),"
                + " ss.7 and 15.\n");
    assertThat(lines(wrongPart))
        .singleElement()
        .asString()
        .contains(
            "needs a condition from Part 2 of Schedule 1, but DPA 2018 Sch. 1 para 2 (health"
                + " or social care purposes) is in Part 1");
  }

  @Test
  void unknownLettersParagraphsAndKeysAreRefused() {
    assertThat(
            lines(
                replacing(
                    "  svd-public-task:\n    article-6: e\n",
                    "  svd-public-task:\n    article-6: g\n")))
        .singleElement()
        .asString()
        .contains("lawful-bases.svd-public-task.article-6 'g' is not one of the article's letters");
    assertThat(
            lines(
                replacing(
                    "article-10: {schedule-1: 10}\n    part-3",
                    "article-10: {schedule-1: 99}\n    part-3")))
        .anyMatch(l -> l.contains("article-10.schedule-1 '99' is not a Schedule 1 paragraph"));
    assertThat(
            lines(
                replacing(
                    "  svd-public-task:\n    article-6: e\n",
                    "  svd-public-task:\n    article-6: e\n    article-99: x\n")))
        .singleElement()
        .asString()
        .contains("unknown key 'article-99' in lawful-bases.svd-public-task");
    assertThat(
            lines(
                replacing(
                    "    confidentiality: statutory-gateway\n", "    confidentiality: implied\n")))
        .anyMatch(l -> l.contains("confidentiality 'implied' is not a known basis"));
  }
}
