package uk.vruhub.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void theExponentOfAPowerLawIsItsPower() {
    // time = 3 × size^1.5, at the sizes of --scales 1,4,16
    List<double[]> points =
        List.of(
            new double[] {1e5, 3 * Math.pow(1e5, 1.5)},
            new double[] {4e5, 3 * Math.pow(4e5, 1.5)},
            new double[] {16e5, 3 * Math.pow(16e5, 1.5)});
    assertThat(Stats.growthExponent(points)).isCloseTo(1.5, within(1e-9));
  }

  @Test
  void theExponentIsTheLeastSquaresSlopeOfTheLogs() {
    // log2 sizes 0, 2, 4; log2 times 0, 1, 3: the slope of the fit is (0·0 + 2·1 + 4·3 − 3·2·(4/3))
    // / (0 + 4 + 16 − 3·4) = 6 / 8 in log2 units, the same in any base.
    List<double[]> points = List.of(new double[] {1, 1}, new double[] {4, 2}, new double[] {16, 8});
    assertThat(Stats.growthExponent(points)).isCloseTo(0.75, within(1e-9));
  }

  @Test
  void anExponentNeedsTwoDifferentPositiveSizes() {
    assertThatThrownBy(() -> Stats.growthExponent(List.of(new double[] {1, 1})))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Stats.growthExponent(List.of(new double[] {2, 1}, new double[] {2, 3})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different sizes");
    assertThatThrownBy(
            () -> Stats.growthExponent(List.of(new double[] {0, 1}, new double[] {2, 3})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void percentilesAreNearestRankOverUnsortedValues() {
    double[] twenty = new double[20];
    for (int i = 0; i < 20; i++) {
      twenty[i] = 20 - i; // 20, 19, …, 1
    }
    assertThat(Stats.percentile(twenty, 50)).isEqualTo(10);
    assertThat(Stats.percentile(twenty, 95)).isEqualTo(19);
    assertThat(Stats.percentile(twenty, 99)).isEqualTo(20);
    assertThat(Stats.percentile(new double[] {7}, 1)).isEqualTo(7);
    assertThat(twenty[0]).as("the input is left as it was").isEqualTo(20);
  }

  @Test
  void noValuesHaveNoPercentile() {
    assertThat(Stats.percentile(new double[0], 95)).isNaN();
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
