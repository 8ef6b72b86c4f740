package uk.vruhub.local.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountRuleTest {

  @Test
  void aShownCountStandsForEveryValueThatRoundsToIt() {
    CountRule r = new CountRule(5, 5, null, true);
    for (int n = 5; n <= 40; n++) {
      int shown = SubtractionAttackTest.shown(r, n);
      assertThat(r.of(shown, false).lo()).as("n=%d", n).isLessThanOrEqualTo(n);
      assertThat(r.of(shown, false).hi()).as("n=%d", n).isGreaterThanOrEqualTo(n);
    }
    assertThat(r.of(5, false)).isEqualTo(new Interval(5, 7));
    assertThat(r.of(10, false)).isEqualTo(new Interval(8, 12));
  }

  @Test
  void aHiddenCountIsZeroToFourWhenZerosAreHiddenAndOneToFourOtherwise() {
    assertThat(new CountRule(5, 5, null, true).of(null, true)).isEqualTo(new Interval(0, 4));
    assertThat(new CountRule(5, 1, null, false).of(null, true)).isEqualTo(new Interval(1, 4));
  }

  @Test
  void aCountShownAsZeroForSmallNumbersMayBeAnyOfThem() {
    assertThat(new CountRule(5, 1, 0, false).of(0, false)).isEqualTo(new Interval(0, 4));
    assertThat(new CountRule(5, 1, 0, false).of(7, false)).isEqualTo(Interval.exactly(7));
  }

  @Test
  void theSmallestMultipleCoversEveryShownCountRoundedBelowIt() {
    CountRule r = new CountRule(3, 10, null, false);
    assertThat(r.of(SubtractionAttackTest.shown(r, 3), false)).isEqualTo(new Interval(3, 14));
  }
}
