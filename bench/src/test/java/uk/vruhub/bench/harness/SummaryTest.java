package uk.vruhub.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.bench.harness.Summary.Result;

class SummaryTest {

  private final Result ingest =
      Result.of("ingest", "rows/s", 30_000, "/s", 120_000.0, "bare producer", "≥ 0.5", false);
  private final Result heap = Result.alone("ingest", "peak heap", 300, "MiB", "", null);

  @Test
  void aFigureCarriesItsRatioToTheBaselineAndItsVerdict() {
    assertThat(ingest.ratio()).isEqualTo(0.25);
    assertThat(ingest.verdict()).isEqualTo("MISSED");
    assertThat(heap.ratio()).isNull();
    assertThat(heap.verdict()).isEmpty();
    assertThat(Result.of("s", "m", 1, "", 0.0, "zero", "", true).ratio())
        .as("no ratio to a zero baseline")
        .isNull();
    assertThat(Result.of("s", "m", 1, "", 2.0, "two", "", true).verdict()).isEqualTo("met");
  }

  @Test
  void theJsonHoldsTheRunAndEveryFigureWithBaselineAndRatio() {
    String json =
        Summary.json(Map.of("command", "./bench.sh --stages ingest"), List.of(ingest, heap));
    JsonNode tree = JsonMapper.builder().build().readTree(json);
    assertThat(tree.get("command").asString()).isEqualTo("./bench.sh --stages ingest");
    JsonNode first = tree.get("results").get(0);
    assertThat(first.get("stage").asString()).isEqualTo("ingest");
    assertThat(first.get("value").asDouble()).isEqualTo(30_000);
    assertThat(first.get("baseline").asDouble()).isEqualTo(120_000);
    assertThat(first.get("baselineMeasure").asString()).isEqualTo("bare producer");
    assertThat(first.get("ratio").asDouble()).isEqualTo(0.25);
    assertThat(first.get("verdict").asString()).isEqualTo("MISSED");
    assertThat(tree.get("results").get(1).get("baseline").isNull()).isTrue();
  }

  @Test
  void theTablePrintsEachFigureBesideItsBaselineAndNamesTheBaseline() {
    String table = Summary.table(List.of(ingest, heap));
    String row = table.lines().filter(l -> l.contains("rows/s")).findFirst().orElseThrow();
    assertThat(row).contains("30,000 /s").contains("120,000").contains("0.25").contains("MISSED");
    assertThat(table).contains("baseline of \"rows/s\": bare producer");
    assertThat(table).doesNotContain("baseline of \"peak heap\"");
  }

  @Test
  void numbersAreFormattedForReading() {
    assertThat(Summary.format(1234.4)).isEqualTo("1,234");
    assertThat(Summary.format(1.234)).isEqualTo("1.23");
    assertThat(Summary.format(Double.NaN)).isEqualTo("n/a");
  }
}
