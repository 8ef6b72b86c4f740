package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --demo-withhold AGENCY:N} holds back one agency's newest extracts, and only those. */
class DemoWithholdTest {

  private static final List<Path> FILES =
      List.of(
          Path.of("feeds/health/health-2026-03-29.csv"),
          Path.of("feeds/police/police-2026-03-29.csv"),
          Path.of("feeds/health/health-2026-03-30.csv"),
          Path.of("feeds/police/police-2026-03-30.csv"),
          Path.of("feeds/health/health-2026-03-31.csv"),
          Path.of("feeds/police/police-2026-03-31.csv"));

  @Test
  void holdsBackTheNewestNightsOfOneAgency() {
    assertThat(Demo.Withhold.parse("HEALTH:2").apply(FILES))
        .extracting(Path::toString)
        .containsExactly(
            "feeds/health/health-2026-03-29.csv",
            "feeds/police/police-2026-03-29.csv",
            "feeds/police/police-2026-03-30.csv",
            "feeds/police/police-2026-03-31.csv");
  }

  @Test
  void noneWhenUnsetAndAClearRefusalOtherwise() {
    assertThat(Demo.Withhold.parse(null)).isNull();
    assertThat(Demo.Withhold.parse(" ")).isNull();
    for (String bad :
        new String[] {"probation:3", "health", "health:-1", "health:x", "health:1:2"}) {
      assertThatThrownBy(() -> Demo.Withhold.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("AGENCY:N");
    }
  }
}
