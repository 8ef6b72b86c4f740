package uk.vruhub.policy.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.Policy;
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
                + " values; revisions published only when a rounded count changes |");
  }

  @Test
  void withoutTheSectionTheLevelTableIsUnchanged() {
    TopicCatalogue catalogue = TopicCatalogue.load();
    Policy unrounded =
        Policy.parse(
            Fixtures.suppressionOnlyText().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "fixture.yaml",
            catalogue);
    assertThat(PolicyReport.build(unrounded, catalogue).markdown())
        .contains("counts of 1 to 4 always hidden |")
        .doesNotContain("rounded to a multiple");
  }
}
