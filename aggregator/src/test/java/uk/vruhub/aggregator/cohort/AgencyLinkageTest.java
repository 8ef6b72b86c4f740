package uk.vruhub.aggregator.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.vruhub.avro.common.Agency;

/** The linked share is a level 1 aggregate: small counts, and small complements, are hidden. */
class AgencyLinkageTest {

  @Test
  void showsTheShareWhenEveryCountIsAtLeastTheFloor() {
    assertThat(AgencyLinkage.of(Agency.HEALTH, 200, 50, 5))
        .isEqualTo(new AgencyLinkage("HEALTH", 200L, 50L, 0.25, false));
  }

  @Test
  void hidesSmallCountsAndSmallComplements() {
    assertThat(AgencyLinkage.of(Agency.HEALTH, 200, 3, 5).suppressed()).isTrue();
    assertThat(AgencyLinkage.of(Agency.HEALTH, 200, 197, 5).suppressed()).isTrue();
    assertThat(AgencyLinkage.of(Agency.HEALTH, 4, 0, 5).suppressed()).isTrue();
    AgencyLinkage hidden = AgencyLinkage.of(Agency.HEALTH, 200, 1, 5);
    assertThat(hidden.people()).isNull();
    assertThat(hidden.linked()).isNull();
    assertThat(hidden.share()).isNull();
  }

  @Test
  void noPeopleIsZeroNotSuppressedAndEveryoneLinkedIsAShareOfOne() {
    assertThat(AgencyLinkage.of(Agency.EDUCATION, 0, 0, 5))
        .isEqualTo(new AgencyLinkage("EDUCATION", 0L, 0L, null, false));
    assertThat(AgencyLinkage.of(Agency.POLICE, 10, 10, 5).share()).isEqualTo(1.0);
  }
}
