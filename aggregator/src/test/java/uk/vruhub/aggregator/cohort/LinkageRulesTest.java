package uk.vruhub.aggregator.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
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
    assertThat(rules.threshold()).isEqualTo(23.5);
    assertThat(rules.diceSame()).isGreaterThan(rules.diceSlip());
    assertThat(rules.maxBlockPeople()).isEqualTo(200);
    assertThat(rules.weights().dateSame()).isGreaterThan(rules.weights().dateSlip());
    assertThat(rules.contradictions())
        .isEqualTo(
            new LinkageRules.Contradictions(
                true, true, true, true, Set.of("NHS_NUMBER", "UPN", "PNC_ID")));
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
    assertThatThrownBy(() -> load(shippedText().replace("threshold: 23.5", "threshold: 0")))
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

  @Test
  void identifierContradictionsNameOnlyAgencyIdentifiersOnce() throws IOException {
    String shipped = shippedText();
    String line = "identifiers: [NHS_NUMBER, UPN, PNC_ID]";
    assertThat(shipped).contains(line);
    // A name-based key is no identifier: two namesakes share it, one person's typo changes it.
    assertThatThrownBy(
            () -> load(shipped.replace(line, "identifiers: [NHS_NUMBER, FULLNAME_DOB_SEX]")))
        .hasMessageContaining("contradictions.identifiers")
        .hasMessageContaining("FULLNAME_DOB_SEX")
        .hasMessageContaining("[NHS_NUMBER, UPN, PNC_ID, POLICE_NOMINAL]");
    // The force's nominal id may be named, though the shipped rules do not (duplicate nominals).
    assertThat(
            load(shipped.replace(line, "identifiers: [PNC_ID, POLICE_NOMINAL]"))
                .contradictions()
                .identifiers())
        .containsExactlyInAnyOrder("PNC_ID", "POLICE_NOMINAL");
    assertThatThrownBy(() -> load(shipped.replace(line, "identifiers: [UPN, UPN]")))
        .hasMessageContaining("UPN twice");
    assertThatThrownBy(() -> load(shipped.replace(line, "identifiers: UPN")))
        .hasMessageContaining("not a list");
    assertThat(load(shipped.replace(line, "identifiers: []")).contradictions().identifiers())
        .isEmpty();
  }
}
