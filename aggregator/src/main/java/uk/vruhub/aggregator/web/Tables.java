package uk.vruhub.aggregator.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Published records as rows: maps for JSON, and CSV with a header, as Power BI loads it.
 *
 * <p>CSV follows RFC 4180 (commons-csv quotes a cell with a comma, a double quote or a line break,
 * and doubles its quotes) and the OWASP advice on CSV injection: a text cell that a spreadsheet
 * would read as a formula gets a leading {@code '} and is always quoted, so that Excel, Calc and
 * Sheets show it as text. Numbers and booleans are written as they are: they come from typed fields
 * of the schema, never from text, so a negative count or rate is a number and not a formula, and
 * prefixing it would turn it into text in Power BI.
 */
public final class Tables {

  /**
   * First characters that make a spreadsheet read a cell as a formula: OWASP's {@code = + - @}, tab
   * and carriage return, ASVS's NUL, and the fullwidth forms of the four signs, which a spreadsheet
   * that folds character widths (East Asian input set-ups do) reads as the ASCII ones. No value the
   * hub serves starts with any of them for a good reason: only a pseudonym (base64url, so one in 64
   * starts with {@code -}) or a hostile reference file would.
   */
  private static final String FORMULA_STARTS = "=+-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20";

  /** Quotes a cell only when RFC 4180 needs it, as the CSV of this API always has. */
  private static final CSVFormat PLAIN = CSVFormat.DEFAULT;

  /** For neutralised cells, which OWASP advises to quote whatever they hold. */
  private static final CSVFormat QUOTED =
      CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).get();

  private Tables() {}

  public static Map<String, Object> row(SpecificRecord record) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      out.put(field.name(), plain(record.get(field.pos())));
    }
    return out;
  }

  private static Object plain(Object value) {
    if (value == null
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof String) {
      return value;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    return value.toString();
  }

  public static String csv(List<? extends SpecificRecord> records, Schema schema) {
    StringBuilder out = new StringBuilder();
    try {
      PLAIN.printRecord(out, schema.getFields().stream().map(Schema.Field::name).toArray());
      for (SpecificRecord r : records) {
        boolean first = true;
        for (Object v : row(r).values()) {
          cell(v, out, first);
          first = false;
        }
        PLAIN.println(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * One cell: commons-csv prints and escapes it; the choice of format per cell is what lets a
   * neutralised cell be quoted while the rest keep the minimal quoting existing readers parse.
   */
  private static void cell(Object value, Appendable out, boolean newRecord) throws IOException {
    Object v =
        value instanceof List<?> l
            ? String.join("+", l.stream().map(Object::toString).toList())
            : value;
    if (v instanceof String s && readAsFormula(s)) {
      QUOTED.print("'" + s, out, newRecord);
    } else {
      PLAIN.print(v, out, newRecord);
    }
  }

  static boolean readAsFormula(String text) {
    return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0;
  }
}
