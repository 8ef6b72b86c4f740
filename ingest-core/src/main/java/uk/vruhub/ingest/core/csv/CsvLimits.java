package uk.vruhub.ingest.core.csv;

/**
 * How much of a feed the reader holds at once. Commons CSV builds a whole row (and each field) in
 * memory before handing it over, so without these limits one long line, or a quote left open at the
 * start of a file, is read whole into the heap. They are checked on the bytes as they are read,
 * before the parser buffers them.
 *
 * <p>A row is a CSV record, not a physical line: a quoted field may hold line breaks, and they
 * count towards its row (and field). That is what the parser holds in memory, and it is what stops
 * an unterminated quote, which turns the rest of the file into one field of one row.
 *
 * @param maxRowBytes the longest row, header included, in bytes of UTF-8 (line break excluded)
 * @param maxFieldBytes the longest single field, in bytes (a quoted field's quotes included)
 * @param maxColumns the most fields in the header or in any row
 */
public record CsvLimits(long maxRowBytes, long maxFieldBytes, int maxColumns) {

  /**
   * 1 MiB rows, 64 KiB fields, 500 columns. The widest contract has 24 columns and its longest
   * field (a name) is limited to 100 characters, so a real row is well under 2 KiB: these leave
   * ample room for columns a contract does not read, while one row can never hold more than a few
   * megabytes of heap.
   */
  public static final CsvLimits DEFAULTS = new CsvLimits(1 << 20, 64 << 10, 500);

  public CsvLimits {
    if (maxRowBytes < 1 || maxFieldBytes < 1 || maxColumns < 1) {
      throw new IllegalArgumentException("CSV limits must be positive");
    }
    if (maxFieldBytes > maxRowBytes) {
      throw new IllegalArgumentException(
          "the longest field (" + maxFieldBytes + ") cannot exceed the longest row");
    }
  }
}
