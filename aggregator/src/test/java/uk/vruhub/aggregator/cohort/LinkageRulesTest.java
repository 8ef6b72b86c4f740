package uk.vruhub.aggregator.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linkage rules file: the shipped one reads, a broken one is refused with key and reason. */
class LinkageRulesTest {

  @TempDir Path dir;

  private static String shippedText() throws IOException {
    try (InputStream in = LinkageRules.class.getResourceAsStream(LinkageRules.SHIPPED)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private LinkageRules load(String text) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, text);
    return LinkageRules.load(file);
  }

  @Test
  void theShippedRulesRead() {
    LinkageRules rules = LinkageRules.shipped();
    assertThat(rules.threshold()).isEqualTo(20);
    assertThat(rules.diceSame()).isGreaterThan(rules.diceSlip());
    assertThat(rules.maxBlockPeople()).isEqualTo(200);
    assertThat(rules.weights().dateSame()).isGreaterThan(rules.weights().dateSlip());
    assertThat(rules.contradictions())
        .isEqualTo(new LinkageRules.Contradictions(true, true, true, true));
  }

  @Test
  void aCopyOfTheShippedFileReadsTheSame() throws IOException {
    assertThat(load(shippedText())).isEqualTo(LinkageRules.shipped());
  }

  @Test
  void aMisspeltKeyIsRefusedNotIgnored() throws IOException {
    String text = shippedText().replace("  same-lsoa:", "  same-lsao:");
    assertThatThrownBy(() -> load(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights.home")
        .hasMessageContaining("same-lsao");
  }

  @Test
  void aMissingWeightIsRefused() throws IOException {
    String text = shippedText().replaceAll("(?m)^\\s+slip: 9\\.0.*$", "");
    assertThatThrownBy(() -> load(text))
        .hasMessageContaining("weights.date-of-birth.slip")
        .hasMessageContaining("missing");
  }

  @Test
  void impossibleSettingsAreRefused() throws IOException {
    assertThatThrownBy(() -> load(shippedText().replace("threshold: 20", "threshold: 0")))
        .hasMessageContaining("threshold");
    assertThatThrownBy(() -> load(shippedText().replace("slip: 0.6", "slip: 0.95")))
        .hasMessageContaining("dice");
    assertThatThrownBy(
            () -> load(shippedText().replace("max-block-people: 200", "max-block-people: 2.5")))
        .hasMessageContaining("max-block-people");
    assertThatThrownBy(() -> load(shippedText().replace("sex: true", "sex: yes please")))
        .hasMessageContaining("contradictions.sex");
    assertThatThrownBy(() -> load("- a list")).hasMessageContaining("not a YAML mapping");
  }
}
