package uk.vruhub.aggregator.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.vruhub.avro.common.Agency;

/**
 * The linked share is a level 1 aggregate: the people count rounded or hidden, the share only when
 * both the linked and the unlinked are at or above the floor, the linked count never.
 */
class LinkedShareTest {

  private static final TrackerDisclosure RULE = new TrackerDisclosure(5);

  @Test
  void showsTheRoundedPeopleAndTheShareInWholePerCent() {
    assertThat(LinkedShare.of(Agency.HEALTH, 203, 51, RULE))
        .isEqualTo(new LinkedShare("HEALTH", 205L, 25, false));
  }

  @Test
  void hidesTheShareWhenTheLinkedOrTheUnlinkedAreFew() {
    assertThat(LinkedShare.of(Agency.HEALTH, 200, 3, RULE))
        .isEqualTo(new LinkedShare("HEALTH", 200L, null, true));
    assertThat(LinkedShare.of(Agency.HEALTH, 200, 197, RULE))
        .isEqualTo(new LinkedShare("HEALTH", 200L, null, true));
    assertThat(LinkedShare.of(Agency.HEALTH, 200, 0, RULE).sharePercent()).isNull();
    assertThat(LinkedShare.of(Agency.HEALTH, 4, 0, RULE))
        .isEqualTo(new LinkedShare("HEALTH", null, null, true));
  }

  @Test
  void onePersonMoreCannotBeCountedBySubtractingTwoReadings() {
    // 40 health people, 9 of them linked; overnight a one-row feed adds a person known elsewhere.
    LinkedShare before = LinkedShare.of(Agency.HEALTH, 40, 9, RULE);
    LinkedShare after = LinkedShare.of(Agency.HEALTH, 41, 10, RULE);
    assertThat(before.people()).isEqualTo(after.people()).isEqualTo(40L);
    // No linked count is published to subtract: only a whole per cent of the share.
    assertThat(LinkedShare.class.getRecordComponents())
        .extracting(java.lang.reflect.RecordComponent::getName)
        .containsExactly("agency", "people", "sharePercent", "suppressed");
    // A feed that adds one person to a small agency is hidden before and after.
    assertThat(LinkedShare.of(Agency.POLICE, 3, 0, RULE).people()).isNull();
    assertThat(LinkedShare.of(Agency.POLICE, 4, 1, RULE).people()).isNull();
  }

  @Test
  void noPeopleIsZeroNotSuppressed() {
    assertThat(LinkedShare.of(Agency.EDUCATION, 0, 0, RULE))
        .isEqualTo(new LinkedShare("EDUCATION", 0L, null, false));
  }
}
