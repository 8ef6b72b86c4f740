package uk.vruhub.ingest.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.it.HostileFeeds;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * The reader's limits hold while it reads: a huge line, a huge header or a quote left open is
 * refused after about a limit's worth of bytes, whatever follows, and the refusal says where and
 * which limit but nothing of what was read.
 */
class FeedReaderLimitsTest {

  private static final FeedContract CONTRACT = FeedContract.load("/test-contract.yaml");

  /**
   * What the reader may pull beyond a limit before it notices: its 64 KiB read-ahead buffer and the
   * UTF-8 decoder's 8 KiB.
   */
  private static final long READ_AHEAD = 64 * 1024 + 8 * 1024;

  private static List<FeedReader.RawRow> read(InputStream in, CsvLimits limits) {
    List<FeedReader.RawRow> rows = new ArrayList<>();
    try (FeedReader reader = FeedReader.open(in, CONTRACT, limits)) {
      reader.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static List<FeedReader.RawRow> read(String csv, CsvLimits limits) {
    return read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), limits);
  }

  private static FeedRefusedException refusal(InputStream in, CsvLimits limits) {
    try {
      read(in, limits);
    } catch (FeedRefusedException e) {
      return e;
    }
    throw new AssertionError("the feed was not refused");
  }

  private static FeedRefusedException refusal(String csv, CsvLimits limits) {
    return refusal(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), limits);
  }

  @Test
  void aFiftyMegabyteLineIsRefusedAfterReadingAboutTheLimit() {
    HostileFeeds.Generated body = HostileFeeds.singleLine(50L << 20);

    FeedRefusedException e = refusal(body, CsvLimits.DEFAULTS);

    assertThat(e.reason()).isEqualTo("FIELD_TOO_LONG");
    assertThat(e.getMessage())
        .isEqualTo(
            "Field 1 of the header (row 1) is longer than 65536 bytes, the most this service reads"
                + " in one field (hub.ingest.csv.max-field-bytes).")
        .doesNotContain("xx");
    assertThat(body.served()).isLessThan(CsvLimits.DEFAULTS.maxFieldBytes() + READ_AHEAD);
  }

  @Test
  void aRowOfManyFieldsIsRefusedAtTheRowLimit() {
    // 20 KiB fields: each under the field limit, fifty-odd of them over the row limit.
    HostileFeeds.Generated body =
        new HostileFeeds.Generated("reference,sex\n", "y".repeat(20 << 10) + ",", 10L << 20);

    FeedRefusedException e = refusal(body, CsvLimits.DEFAULTS);

    assertThat(e.reason()).isEqualTo("ROW_TOO_LONG");
    assertThat(e.getMessage())
        .isEqualTo(
            "Row 2 is longer than 1048576 bytes, the most this service reads in one row"
                + " (hub.ingest.csv.max-row-bytes).");
    assertThat(body.served()).isLessThan(CsvLimits.DEFAULTS.maxRowBytes() + 64 * 1024 + READ_AHEAD);
  }

  @Test
  void aMillionColumnHeaderIsRefusedAfterTheFiveHundredthColumn() {
    HostileFeeds.Generated body = HostileFeeds.wideHeader(1_000_000);

    FeedRefusedException e = refusal(body, CsvLimits.DEFAULTS);

    assertThat(e.reason()).isEqualTo("TOO_MANY_COLUMNS");
    assertThat(e.getMessage())
        .isEqualTo(
            "The header (row 1) has more than 500 fields, the most this service reads in a row"
                + " (hub.ingest.csv.max-columns).");
    assertThat(body.served()).isLessThan(READ_AHEAD + 1000);
  }

  @Test
  void aDataRowWithTooManyFieldsIsRefusedWithItsRow() {
    String csv = "reference,sex\nR1,M\nR2,F" + ",".repeat(600) + "\n";

    FeedRefusedException e = refusal(csv, CsvLimits.DEFAULTS);

    assertThat(e.reason()).isEqualTo("TOO_MANY_COLUMNS");
    assertThat(e.getMessage()).startsWith("Row 3 has more than 500 fields");
  }

  @Test
  void anUnterminatedQuoteAtTheStartOfTwoHundredMegabytesIsRefusedAtTheFieldLimit() {
    HostileFeeds.Generated body = HostileFeeds.openQuote("reference,sex,surname", 200L << 20);

    FeedRefusedException e = refusal(body, CsvLimits.DEFAULTS);

    assertThat(e.reason()).isEqualTo("FIELD_TOO_LONG");
    assertThat(e.getMessage())
        .isEqualTo(
            "Field 1 of row 2 is longer than 65536 bytes, the most this service reads in one field"
                + " (hub.ingest.csv.max-field-bytes). That field opens with a quote on line 2 that"
                + " is still not closed: is its closing quote missing?")
        .doesNotContain("Smith");
    assertThat(body.served()).isLessThan(CsvLimits.DEFAULTS.maxFieldBytes() + READ_AHEAD);
  }

  @Test
  void quotedLineBreaksCountTowardsTheirRowAndField() {
    CsvLimits small = new CsvLimits(2048, 1024, 10);
    String field = "\"" + "line\n".repeat(250) + "\"";

    assertThat(refusal("reference,sex,surname\nR1,M," + field + "\n", small).reason())
        .isEqualTo("FIELD_TOO_LONG");
    assertThat(read("reference,sex,surname\r\nR1,M,\"a\r\nb\"\r\nR2,F,c\r\n", small))
        .extracting(r -> r.values().get("surname"))
        .containsExactly("a\r\nb", "c");
  }

  @Test
  void aFieldOrRowExactlyAtItsLimitIsRead() {
    CsvLimits limits = new CsvLimits(40, 10, 4);
    // "reference,sex,surname" is 21 bytes; the data row "R1,M,\"12345678\"" is 15.
    assertThat(read("reference,sex,surname\nR1,M,\"12345678\"\n", limits)).hasSize(1);
    assertThat(refusal("reference,sex,surname\nR1,M,\"123456789\"\n", limits).reason())
        .isEqualTo("FIELD_TOO_LONG");
    CsvLimits rows = new CsvLimits(21, 10, 4);
    assertThat(read("reference,sex,surname\nR1,M,x\n", rows)).hasSize(1);
    assertThat(refusal("reference,sex,surname,a\nR1,M,x\n", rows).reason())
        .isEqualTo("ROW_TOO_LONG");
  }

  @Test
  void rowNumbersInARefusalAreTheReadersOwnEmptyLinesAndCrlfIncluded() {
    CsvLimits limits = new CsvLimits(1024, 16, 10);
    String csv = "reference,sex\r\n\r\nR1,M\r\n\r\n\r\nR2,\"M\"\r\nR3,MMMMMMMMMMMMMMMMM\r\n";

    assertThat(read("reference,sex\r\n\r\nR1,M\r\n\r\n\r\nR2,\"M\"\r\n", limits))
        .extracting(FeedReader.RawRow::row)
        .containsExactly(2L, 3L);
    assertThat(refusal(csv, limits).getMessage()).startsWith("Field 2 of row 4 is longer");
  }

  @Test
  void aStrayQuoteInsideAFieldIsTextAsTheParserReadsIt() {
    CsvLimits limits = new CsvLimits(64, 32, 10);

    assertThat(read("reference,sex,surname\nR1,M,O\"Neil\nR2,F,Smith\nR3,U,Jones\n", limits))
        .extracting(r -> r.values().get("surname"))
        .containsExactly("O\"Neil", "Smith", "Jones");
  }

  /**
   * Any table of fields, written as a CSV export would write it: the reader measures each field and
   * row as written (quotes included), so it reads the table when the limits are its largest field
   * and row, and refuses it with one byte less.
   */
  @Property(tries = 300)
  void limitsAreMeasuredAsTheFeedIsWritten(@ForAll("tables") List<List<String>> table) {
    List<String> header = new ArrayList<>(List.of("reference", "sex"));
    int width = table.stream().mapToInt(List::size).max().orElse(0);
    for (int i = 2; i < width; i++) {
      header.add("extra" + i);
    }
    StringBuilder csv = new StringBuilder(String.join(",", header)).append("\r\n");
    long maxRow = csv.length() - 2;
    long maxField = "reference".length();
    int maxColumns = header.size();
    for (int r = 0; r < table.size(); r++) {
      List<String> fields = new ArrayList<>();
      for (String value : table.get(r)) {
        String written = written(value);
        maxField = Math.max(maxField, bytes(written));
        fields.add(written);
      }
      String line = String.join(",", fields);
      maxRow = Math.max(maxRow, bytes(line));
      maxColumns = Math.max(maxColumns, fields.size());
      csv.append(line).append(r % 2 == 0 ? "\n" : "\r\n");
    }
    String text = csv.toString();

    assertThat(read(text, new CsvLimits(maxRow, maxField, maxColumns))).hasSize(table.size());
    if (maxRow > maxField) {
      assertThat(refusal(text, new CsvLimits(maxRow - 1, maxField, maxColumns)).reason())
          .isEqualTo("ROW_TOO_LONG");
    }
    if (maxField > 1) {
      assertThat(refusal(text, new CsvLimits(maxRow, maxField - 1, maxColumns)).reason())
          .isEqualTo("FIELD_TOO_LONG");
    }
    if (maxColumns > 1) {
      assertThat(refusal(text, new CsvLimits(maxRow, maxField, maxColumns - 1)).reason())
          .isEqualTo("TOO_MANY_COLUMNS");
    }
  }

  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> value =
        Arbitraries.strings().withChars("ab,\"\n\r é€").ofMinLength(0).ofMaxLength(12);
    Arbitrary<List<String>> row =
        Arbitraries.oneOf(
            Arbitraries.just(List.of("R1", "M")),
            value.list().ofMinSize(2).ofMaxSize(6).map(v -> withReference(v)));
    return row.list().ofMinSize(1).ofMaxSize(8);
  }

  /** Every row has a reference and a sex, so that rows are refused for their length only. */
  private static List<String> withReference(List<String> values) {
    List<String> out = new ArrayList<>(values);
    out.set(0, "R1");
    out.set(1, "M");
    return out;
  }

  private static String written(String value) {
    boolean quote =
        value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private static long bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
