package uk.vruhub.local.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.synth.Generator;
import uk.vruhub.synth.SynthSettings;

/** The breakdowns on a hard-mess run's own truth, without a hub. */
class BreakdownsTest {

  @TempDir static Path dir;
  static QualityMeasure.Truth truth;
  static Map<String, String> byName = new HashMap<>();

  @BeforeAll
  static void generate() throws IOException {
    Generator.generate(
        SynthSettings.demo(5, LocalDate.of(2026, 1, 5)).withMess(SynthSettings.Mess.hard()),
        dir,
        m -> {});
    Map<String, String> person = new HashMap<>();
    Map<String, String> agency = new HashMap<>();
    Map<String, String> reference = new HashMap<>();
    Map<String, Set<String>> mess = new HashMap<>();
    for (CSVRecord r : rows(dir.resolve("truth/records.csv"))) {
      if (!r.get("status").equals("ACTIVE")) {
        continue;
      }
      String key = r.get("agency") + "|" + r.get("reference");
      person.put(key, r.get("person_id"));
      agency.put(key, r.get("agency"));
      reference.put(key, r.get("reference"));
      mess.put(key, r.get("mess").isEmpty() ? Set.of() : Set.of(r.get("mess").split(";")));
    }
    truth = new QualityMeasure.Truth(person, agency, reference, mess);
    // A clustering by the true forename, surname and date of birth: it merges namesakes.
    Map<String, String> key = new HashMap<>();
    for (CSVRecord p : rows(dir.resolve("truth/people.csv"))) {
      key.put(
          p.get("person_id"),
          p.get("forename") + "|" + p.get("surname") + "|" + p.get("date_of_birth"));
    }
    person.forEach((r, p) -> byName.put(r, key.get(p)));
  }

  @Test
  void aPerfectLinkageScoresOneInEveryGroupAndNoneLinkedScoresNothing() throws IOException {
    List<QualityReport.Breakdown> b =
        QualityMeasure.breakdowns(dir, truth, truth.person(), Map.of());
    QualityReport report = report(b, Map.of());
    assertThat(b).allMatch(x -> x.linkage().recall() == 1.0 && x.linkage().precision() == 1.0);
    assertThat(report.breakdowns("age"))
        .extracting(QualityReport.Breakdown::group)
        .containsSubsequence("10-17", "18-24", "25-34", "35+");
    assertThat(report.breakdowns("sex"))
        .extracting(QualityReport.Breakdown::group)
        .containsExactly("F", "M");
    assertThat(report.breakdowns("agencies"))
        .extracting(QualityReport.Breakdown::group)
        .startsWith("POLICE-HEALTH", "POLICE-EDUCATION");
    assertThat(report.linkageBy("mess", "DOB_SWAP").truePairs()).isPositive();
    assertThat(report.baselineBy("mess", "DOB_SWAP").recall()).isZero();
    assertThat(report.linkageBy("mess", "NO_SUCH_KIND")).isEqualTo(PairwiseScore.NONE);
  }

  @Test
  void namesakesAreMergedByANameAndBirthKey() throws IOException {
    Map<String, LookalikeMerges> m =
        LookalikeMerges.of(truth.person(), truth.person(), byName, QualityMeasure.lookalikes(dir));
    QualityReport report = report(List.of(), m);
    LookalikeMerges namesakes = report.lookalikeFalseMerges("NAMESAKE");
    assertThat(namesakes.pairs()).isGreaterThan(20);
    assertThat(namesakes.mergedByHub()).isZero();
    assertThat(namesakes.mergedByBaseline()).isEqualTo(namesakes.pairs());
    assertThat(report.lookalikeFalseMerges("TWIN").mergedByBaseline()).isZero();
    assertThat(report.lookalikeFalseMerges("TWIN").pairs()).isGreaterThan(40);
  }

  private static QualityReport report(
      List<QualityReport.Breakdown> b, Map<String, LookalikeMerges> m) {
    return new QualityReport(
        1,
        1,
        PairwiseScore.NONE,
        PairwiseScore.NONE,
        b,
        m,
        0,
        0,
        10,
        Map.of(),
        0,
        List.of(),
        Map.of(),
        0,
        null);
  }

  private static List<CSVRecord> rows(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.parse(
                r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return p.getRecords();
    }
  }
}
