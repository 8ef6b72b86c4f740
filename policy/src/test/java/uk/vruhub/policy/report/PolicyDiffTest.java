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
                "treatment: {count: {suppress-below: 5}}\n        rationale: The number",
                "treatment: {count: {suppress-below: 10}}\n        rationale: The number")
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
            "NARROWS  topic hotspots, field count: count, 1-4 hidden -> count, 1-9 hidden",
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
}
