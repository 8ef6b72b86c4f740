package uk.vruhub.policy.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.PolicyParser;
import uk.vruhub.schemas.topics.TopicCatalogue;

/** The report states level 1's disclosure-control rules when the policy has them. */
class DisclosureControlReportTest {

  @Test
  void theLevelTableStatesTheDisclosureControlRules() {
    TopicCatalogue catalogue = TopicCatalogue.load();
    Policy policy =
        Policy.parse(
            Fixtures.withDisclosureControl().getBytes(StandardCharsets.UTF_8),
            "fixture.yaml",
            catalogue);
    assertThat(PolicyReport.build(policy, catalogue).markdown())
        .contains(
            "counts of 1 to 4 always hidden; shown counts rounded to a multiple of 5; zeros hidden"
                + " like small counts; no hidden count may be narrowed to fewer than 3 possible"
                + " values; revisions published only when a rounded count changes; the VRU area's"
                + " cells count only events with no known location (no total over its areas is"
                + " published) |");
  }

  @Test
  void aVruAreaCountingOnlyUnlocatedEventsIsStatedAndADiffBackToTotalsWidens() {
    TopicCatalogue catalogue = TopicCatalogue.load();
    String unlocatedOnly = Fixtures.withDisclosureControl();
    String line = "      vru-area-count: unlocated-only\n";
    assertThat(unlocatedOnly).contains(line);
    Policy unlocated =
        Policy.parse(unlocatedOnly.getBytes(StandardCharsets.UTF_8), "b.yaml", catalogue);
    assertThat(PolicyReport.build(unlocated, catalogue).markdown())
        .contains(
            "revisions published only when a rounded count changes; the VRU area's cells count"
                + " only events with no known location (no total over its areas is published) |");

    // A policy with VRU totals is refused (CountRulesTest), but diff reads any two files, so an
    // IG officer comparing a proposed edit sees the direction of the change.
    PolicyDocument totals =
        PolicyParser.parse(
            unlocatedOnly.replace(line, "").getBytes(StandardCharsets.UTF_8), "a.yaml");
    assertThat(PolicyDiff.between(unlocated.document(), totals))
        .extracting(c -> c.direction() + " " + c.where() + ": " + c.what())
        .containsExactly(
            "WIDENS level 1, disclosure control: vru-area-count unlocated-only -> all-events");
    assertThat(PolicyDiff.between(totals, unlocated.document()))
        .extracting(c -> c.direction() + " " + c.what())
        .containsExactly("NARROWS vru-area-count all-events -> unlocated-only");
  }
}
