package uk.vruhub.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.CohortProfile;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.avro.hub.RiskFlag;

/** CSV as Power BI and spreadsheets read it: RFC 4180 quoting and no cell read as a formula. */
class TablesTest {

  private static final String HEADER =
      "areaCode,areaLevel,periodType,periodStart,definitionId,source,count,suppressed,ratePer10k,"
          + "unlocatedIncluded,revisedAt\r\n";

  private static HotspotCell cell(String area, String definition, Integer count, Double rate) {
    return HotspotCell.newBuilder()
        .setAreaCode(area)
        .setAreaLevel(AreaLevel.LSOA)
        .setPeriodType(PeriodType.WEEK)
        .setPeriodStart(LocalDate.of(2026, 3, 9))
        .setDefinitionId(definition)
        .setSource(HotspotSource.COMBINED)
        .setCount(count)
        .setSuppressed(count == null)
        .setRatePer10k(rate)
        .setUnlocatedIncluded(0)
        .setRevisedAt(Instant.parse("2026-04-01T06:00:00Z"))
        .build();
  }

  private static String line(HotspotCell cell) {
    String csv = Tables.csv(List.of(cell), HotspotCell.getClassSchema());
    assertThat(csv).startsWith(HEADER).endsWith("\r\n");
    return csv.substring(HEADER.length(), csv.length() - 2);
  }

  private static CSVRecord parsed(HotspotCell cell) throws IOException {
    String csv = Tables.csv(List.of(cell), HotspotCell.getClassSchema());
    List<CSVRecord> records =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))
            .getRecords();
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  @Test
  void plainCellsAreWrittenAsBeforeUnquoted() {
    assertThat(line(cell("E01900003", "hips-2023@1", 6, 41.3)))
        .isEqualTo(
            "E01900003,LSOA,WEEK,2026-03-09,hips-2023@1,COMBINED,6,false,41.3,0,"
                + "2026-04-01T06:00:00Z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "=HYPERLINK(\"http://example.org\")",
        "+1",
        "-2+3",
        "@SUM(A1)",
        "\tE01",
        "\rE01",
        "\0E01",
        "\uFF1D1+1",
        "\uFF0B1",
        "\uFF0D1",
        "\uFF20SUM(A1)"
      })
  void aTextCellASpreadsheetWouldReadAsAFormulaIsPrefixedAndQuoted(String hostile)
      throws IOException {
    String line = line(cell(hostile, "hips-2023@1", 6, null));
    assertThat(line)
        .as("quoted, with a leading apostrophe")
        .startsWith("\"'" + hostile.substring(0, 1));
    assertThat(parsed(cell(hostile, "hips-2023@1", 6, null)).get("areaCode"))
        .isEqualTo("'" + hostile);
  }

  @Test
  void aCellStartingWithAnythingElseIsNotTouched() throws IOException {
    for (String fine : List.of("'quoted", "E01=1", "a-b", " =1", "1-2")) {
      assertThat(parsed(cell(fine, "hips-2023@1", 6, null)).get("areaCode")).isEqualTo(fine);
    }
  }

  @Test
  void quotesCommasAndLineBreaksAreEscapedPerRfc4180() throws IOException {
    HotspotCell hostile = cell("a\"b", "x,y", 6, null);
    assertThat(line(hostile)).startsWith("\"a\"\"b\",LSOA,WEEK,2026-03-09,\"x,y\",COMBINED,");
    CSVRecord r = parsed(hostile);
    assertThat(r.get("areaCode")).isEqualTo("a\"b");
    assertThat(r.get("definitionId")).isEqualTo("x,y");

    CSVRecord lines = parsed(cell("one\ntwo", "three\r\nfour", 6, null));
    assertThat(lines.get("areaCode")).isEqualTo("one\ntwo");
    assertThat(lines.get("definitionId")).isEqualTo("three\r\nfour");

    CSVRecord both = parsed(cell("=1,\"2\"\n", "hips-2023@1", 6, null));
    assertThat(both.get("areaCode")).isEqualTo("'=1,\"2\"\n");
    assertThat(both.get("areaLevel")).as("no cell broke out").isEqualTo("LSOA");
  }

  @Test
  void nullsAreEmptyAndNumbersStayNumbersEvenNegative() {
    assertThat(line(cell("E01900001", "hips-2023@1", null, null)))
        .isEqualTo(
            "E01900001,LSOA,WEEK,2026-03-09,hips-2023@1,COMBINED,,true,,0,2026-04-01T06:00:00Z");
    assertThat(line(cell("E01900001", "hips-2023@1", -3, -1.5)))
        .as("a number is typed by the schema, never text: a spreadsheet reads -3 as minus three")
        .contains(",COMBINED,-3,false,-1.5,0,");
  }

  @Test
  void listsAreJoinedAndAPseudonymStartingWithAMinusIsNeutralised() throws IOException {
    CohortProfile profile =
        CohortProfile.newBuilder()
            .setPersonPseudonym("-AbC_dEf")
            .setAgeBand("15-17")
            .setSex(Sex.MALE)
            .setHomeAreaCode(null)
            .setHomeAreaLevel(null)
            .setAgencies(List.of(Agency.POLICE, Agency.HEALTH))
            .setPoliceVictimEvents(1)
            .setPoliceSuspectOrOffenderEvents(0)
            .setViolenceEvents(2)
            .setEdAssaultAttendances(1)
            .setSchoolSuspensions(0)
            .setPermanentExclusions(0)
            .setPersistentAbsenceTerms(0)
            .setRiskFlags(List.of(RiskFlag.VIOLENCE_VICTIM, RiskFlag.MULTI_AGENCY))
            .setFirstEventMonth(LocalDate.of(2026, 3, 1))
            .setLastEventMonth(LocalDate.of(2026, 3, 1))
            .setDefinitionId("hips-2023@1")
            .setLookbackMonths(12)
            .setRevisedAt(Instant.parse("2026-04-01T06:00:00Z"))
            .build();
    String csv = Tables.csv(List.of(profile), CohortProfile.getClassSchema());
    assertThat(csv.lines().skip(1).findFirst().orElseThrow())
        .isEqualTo(
            "\"'-AbC_dEf\",15-17,MALE,,,POLICE+HEALTH,1,0,2,1,0,0,0,VIOLENCE_VICTIM+MULTI_AGENCY,"
                + "2026-03-01,2026-03-01,hips-2023@1,12,2026-04-01T06:00:00Z");
  }

  @Test
  void anEmptyTableIsItsHeader() {
    assertThat(Tables.csv(List.of(), HotspotCell.getClassSchema())).isEqualTo(HEADER);
  }
}
