package uk.vruhub.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WrittenTest {

  @Test
  void writtenIsWhatEachTopicGainedBetweenTwoReadings() {
    Map<String, Long> before = Map.of("hub.hotspots", 10L, "quiet", 5L);
    Map<String, Long> after =
        Map.of("hub.hotspots", 25L, "quiet", 5L, "bench-aggregator-x-changelog", 7L);
    assertThat(BenchCommand.written(before, after))
        .containsExactly(
            Map.entry("bench-aggregator-x-changelog", 7L), Map.entry("hub.hotspots", 15L));
  }
}
