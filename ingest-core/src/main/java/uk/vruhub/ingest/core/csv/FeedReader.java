package uk.vruhub.ingest.core.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * Streams the rows of a CSV extract, one at a time, mapping columns by the header whatever their
 * order. Accepts UTF-8 with or without a byte-order mark, CRLF or LF line ends, and RFC 4180
 * quoting (commas, quotes and line breaks inside quoted fields). Structural faults refuse the feed
 * whole: no header, a required column missing, a column named twice, bytes that are not UTF-8,
 * broken quoting, no data rows, or a row, field or header beyond the {@link CsvLimits}.
 *
 * <p>Nothing a refusal says comes from the feed: a header name the contract does not know may be a
 * value (a data row sent without its header), so such columns are named by their position only, and
 * the parser's own messages, which quote what they read, are replaced by ours.
 */
public final class FeedReader implements Closeable, Iterable<FeedReader.RawRow> {

  /**
   * One data row: its number as a spreadsheet shows it (header = 1), its values by the contract's
   * column positions ({@link FeedContract#indexOf}; null where the row or the header has none), and
   * how many fields it had. An array shared with nothing rather than a map per row: a big feed has
   * millions of rows.
   */
  public static final class RawRow {
    private final long row;
    private final String[] fields;
    private final int fieldCount;
    private final FeedContract contract;
    private final int textLength;

    RawRow(long row, String[] fields, int fieldCount, FeedContract contract) {
      this.row = row;
      this.fields = fields;
      this.fieldCount = fieldCount;
      this.contract = contract;
      int length = 0;
      for (String f : fields) {
        length += f == null ? 0 : f.length();
      }
      this.textLength = length;
    }

    /** The row as a spreadsheet shows it, header = 1. */
    public long row() {
      return row;
    }

    /** Fields the row had, the contract's or not. */
    public int fieldCount() {
      return fieldCount;
    }

    /** The value of the contract's column at {@code index}, or null. */
    public String value(int index) {
      return fields[index];
    }

    /** Characters of the contract's values: what the row holds on the heap, roughly. */
    public int textLength() {
      return textLength;
    }

    /** The values by column name (a copy, for tests and diagnostics, not for the pipeline). */
    public Map<String, String> values() {
      Map<String, String> out = new HashMap<>();
      for (int i = 0; i < fields.length; i++) {
        if (fields[i] != null) {
          out.put(contract.column(i).name(), fields[i]);
        }
      }
      return out;
    }
  }

  private final CSVParser parser;
  private final FeedContract contract;

  /** For each of the contract's columns (by its index), its position in the header, or -1. */
  private final int[] headerPositions;

  private final int headerSize;
  private final List<Integer> ignoredColumns;
  private long rows;

  private FeedReader(CSVParser parser, FeedContract contract) {
    this.parser = parser;
    this.contract = contract;
    HeaderMapping header = HeaderMapping.of(parser.getHeaderNames(), contract);
    this.headerSize = header.headerSize();
    this.headerPositions = header.headerPositions();
    this.ignoredColumns = header.ignoredColumns();
  }

  /** Opens a feed with the default {@link CsvLimits}. */
  public static FeedReader open(InputStream bytes, FeedContract contract) {
    return open(bytes, contract, CsvLimits.DEFAULTS);
  }

  /**
   * Opens a feed; refuses it at once when the header is missing, too wide or too long, or lacks
   * required columns.
   */
  public static FeedReader open(InputStream bytes, FeedContract contract, CsvLimits limits) {
    try {
      Reader reader = utf8(bytes, limits);
      CSVFormat format =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .setIgnoreEmptyLines(true)
              .setAllowMissingColumnNames(true)
              .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
              .get();
      CSVParser parser = CSVParser.parse(reader, format);
      if (parser.getHeaderNames().isEmpty()) {
        parser.close();
        throw new FeedRefusedException("EMPTY_FILE", "The feed is empty: it has no header row.");
      }
      return new FeedReader(parser, contract);
    } catch (IOException | RuntimeException e) {
      throw structural(e, 1);
    }
  }

  private static Reader utf8(InputStream bytes, CsvLimits limits) throws IOException {
    BufferedInputStream in = new BufferedInputStream(bytes, 64 * 1024);
    in.mark(3);
    byte[] bom = in.readNBytes(3);
    if (!(bom.length == 3
        && (bom[0] & 0xff) == 0xEF
        && (bom[1] & 0xff) == 0xBB
        && (bom[2] & 0xff) == 0xBF)) {
      in.reset();
    }
    return new InputStreamReader(
        new BoundedCsvInput(in, limits),
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /**
   * Positions (first column = 1) of the header's columns that are not in the contract: they are
   * never read, and their names are never repeated, since they may be values.
   */
  public List<Integer> ignoredColumns() {
    return ignoredColumns;
  }

  /** Data rows read so far. */
  public long rowsRead() {
    return rows;
  }

  @Override
  public Iterator<RawRow> iterator() {
    Iterator<CSVRecord> records = parser.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          boolean more = records.hasNext();
          if (!more && rows == 0) {
            throw new FeedRefusedException(
                "HEADER_ONLY", "The feed has a header but no data rows.");
          }
          return more;
        } catch (RuntimeException e) {
          throw structural(e, rows + 2);
        }
      }

      @Override
      public RawRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CSVRecord record;
        try {
          record = records.next();
        } catch (RuntimeException e) {
          throw structural(e, rows + 2);
        }
        rows++;
        int size = record.size();
        String[] fields = new String[headerPositions.length];
        for (int i = 0; i < fields.length; i++) {
          int position = headerPositions[i];
          if (position >= 0 && position < size) {
            fields[i] = record.get(position);
          }
        }
        return new RawRow(record.getRecordNumber() + 1, fields, size, contract);
      }
    };
  }

  /** Fields the header declares, to spot rows with stray separators. */
  public int headerSize() {
    return headerSize;
  }

  /**
   * Our refusal for whatever the parser or the decoder threw: theirs may quote the feed's text, so
   * only its kind is kept.
   */
  static FeedRefusedException structural(Exception e, long row) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof FeedRefusedException refused) {
        return refused;
      }
      if (cause instanceof CharacterCodingException) {
        return new FeedRefusedException(
            "UNREADABLE_ENCODING",
            "The feed is not UTF-8 text: an invalid byte sequence near row "
                + row
                + ". Export it as UTF-8 (CSV UTF-8).");
      }
    }
    return new FeedRefusedException(
        "MALFORMED_CSV",
        "The feed is not well-formed CSV near row "
            + row
            + " (an unterminated quoted field or stray quote?).");
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
