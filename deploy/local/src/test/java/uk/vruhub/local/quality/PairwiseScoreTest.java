package uk.vruhub.local.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PairwiseScoreTest {

  private static final Map<String, String> TRUTH =
      Map.of("r1", "alice", "r2", "alice", "r3", "alice", "r4", "bob", "r5", "bob", "r6", "carol");

  @Test
  void aPerfectLinkageScoresOne() {
    PairwiseScore s =
        PairwiseScore.of(
            TRUTH, Map.of("r1", "x", "r2", "x", "r3", "x", "r4", "y", "r5", "y", "r6", "z"));
    assertThat(s.truePairs()).isEqualTo(4);
    assertThat(s.f1()).isEqualTo(1.0);
  }

  @Test
  void aMissedLinkLowersRecallOnly() {
    // r3 left on its own: alice's pairs (1,3) and (2,3) are missed.
    PairwiseScore s = PairwiseScore.of(TRUTH, Map.of("r1", "x", "r2", "x", "r4", "y", "r5", "y"));
    assertThat(s.precision()).isEqualTo(1.0);
    assertThat(s.recall()).isCloseTo(2.0 / 4, within(1e-9));
  }

  @Test
  void aFalseMergeLowersPrecision() {
    // bob and carol merged: 3 linked pairs among r4, r5, r6 of which one is right.
    PairwiseScore s =
        PairwiseScore.of(
            TRUTH, Map.of("r1", "x", "r2", "x", "r3", "x", "r4", "y", "r5", "y", "r6", "y"));
    assertThat(s.linkedPairs()).isEqualTo(6);
    assertThat(s.correctPairs()).isEqualTo(4);
    assertThat(s.precision()).isCloseTo(4.0 / 6, within(1e-9));
    assertThat(s.recall()).isEqualTo(1.0);
  }
}
