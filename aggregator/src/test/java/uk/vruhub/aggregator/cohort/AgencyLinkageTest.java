package uk.vruhub.aggregator.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.tracker.TrackerDisclosure;
import uk.vruhub.avro.common.Agency;

/**
 * The linked share is a level 1 aggregate: the people count rounded or hidden, the share only when
 * both the linked and the unlinked are at or above the floor, the linked count never.
 */
class AgencyLinkageTest {

  private static final TrackerDisclosure RULE = new TrackerDisclosure(5);

  @Test
  void showsTheRoundedPeopleAndTheShareInWholePerCent() {
    assertThat(AgencyLinkage.of(Agency.HEALTH, 203, 51, RULE))
        .isEqualTo(new AgencyLinkage("HEALTH", 205L, 25, false));
  }

  @Test
  void hidesTheShareWhenTheLinkedOrTheUnlinkedAreFew() {
    assertThat(AgencyLinkage.of(Agency.HEALTH, 200, 3, RULE))
        .isEqualTo(new AgencyLinkage("HEALTH", 200L, null, true));
    assertThat(AgencyLinkage.of(Agency.HEALTH, 200, 197, RULE))
        .isEqualTo(new AgencyLinkage("HEALTH", 200L, null, true));
    assertThat(AgencyLinkage.of(Agency.HEALTH, 200, 0, RULE).sharePercent()).isNull();
    assertThat(AgencyLinkage.of(Agency.HEALTH, 4, 0, RULE))
        .isEqualTo(new AgencyLinkage("HEALTH", null, null, true));
  }

  @Test
  void onePersonMoreCannotBeCountedBySubtractingTwoReadings() {
    // 40 health people, 9 of them linked; overnight a one-row feed adds a person known elsewhere.
    AgencyLinkage before = AgencyLinkage.of(Agency.HEALTH, 40, 9, RULE);
    AgencyLinkage after = AgencyLinkage.of(Agency.HEALTH, 41, 10, RULE);
    assertThat(before.people()).isEqualTo(after.people()).isEqualTo(40L);
    // No linked count is published to subtract: only a whole per cent of the share.
    assertThat(AgencyLinkage.class.getRecordComponents())
        .extracting(java.lang.reflect.RecordComponent::getName)
        .containsExactly("agency", "people", "sharePercent", "suppressed");
    // A feed that adds one person to a small agency is hidden before and after.
    assertThat(AgencyLinkage.of(Agency.POLICE, 3, 0, RULE).people()).isNull();
    assertThat(AgencyLinkage.of(Agency.POLICE, 4, 1, RULE).people()).isNull();
  }

  @Test
  void noPeopleIsZeroNotSuppressed() {
    assertThat(AgencyLinkage.of(Agency.EDUCATION, 0, 0, RULE))
        .isEqualTo(new AgencyLinkage("EDUCATION", 0L, null, false));
  }
}
