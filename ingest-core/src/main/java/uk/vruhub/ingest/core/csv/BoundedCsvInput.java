package uk.vruhub.ingest.core.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * The bytes of a feed on their way to the CSV parser, measured row by row and field by field as
 * they pass: past a {@link CsvLimits} limit the feed is refused at once, so the parser never
 * buffers more than a limit's worth of one row.
 *
 * <p>It follows RFC 4180 the way the parser does: a quote opens a quoted field only as the field's
 * first character; inside one, commas and line breaks are content and a doubled quote is a quote;
 * outside, CR, LF or CRLF ends the row and an empty line is skipped. Only the structural characters
 * (comma, quote, CR, LF) are looked at, and in UTF-8 those bytes never occur inside a multi-byte
 * character, so bytes can be measured before they are decoded. Refusals say where (row, field,
 * line) and which limit, never what the bytes were.
 */
final class BoundedCsvInput extends FilterInputStream {

  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    QUOTE_IN_QUOTED
  }

  private final CsvLimits limits;
  private State state = State.FIELD_START;
  private boolean inRow;
  private long row;
  private long rowBytes;
  private int field;
  private long fieldBytes;
  private long line = 1;
  private long fieldLine;
  private boolean afterCr;

  BoundedCsvInput(InputStream in, CsvLimits limits) {
    super(in);
    this.limits = limits;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      accept((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      accept(buffer[offset + i]);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes would escape measurement; read them instead.
    long skipped = 0;
    byte[] buffer = new byte[8192];
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void accept(byte b) {
    boolean lineBreak = b == '\n' || b == '\r';
    if (lineBreak && !(b == '\n' && afterCr)) {
      line++;
    }
    afterCr = b == '\r';
    if (!inRow) {
      if (lineBreak) {
        return; // an empty line: the parser skips it, and so it is no row
      }
      inRow = true;
      row++;
      rowBytes = 0;
      field = 1;
      fieldBytes = 0;
      fieldLine = line;
      state = State.FIELD_START;
    }
    switch (state) {
      case FIELD_START, UNQUOTED, QUOTE_IN_QUOTED -> {
        if (b == ',') {
          nextField();
        } else if (lineBreak) {
          inRow = false;
        } else if (b == '"' && state == State.FIELD_START) {
          state = State.QUOTED;
          count();
        } else if (b == '"' && state == State.QUOTE_IN_QUOTED) {
          state = State.QUOTED; // a doubled quote inside a quoted field
          count();
        } else {
          // After a closing quote anything but a separator is broken quoting, which the parser
          // refuses; it is still counted here, as plain text.
          state = State.UNQUOTED;
          count();
        }
      }
      case QUOTED -> {
        if (b == '"') {
          state = State.QUOTE_IN_QUOTED;
        }
        count();
      }
    }
  }

  private void nextField() {
    rowBytes++;
    checkRow();
    field++;
    if (field > limits.maxColumns()) {
      throw new FeedRefusedException(
          "TOO_MANY_COLUMNS",
          (row == 1 ? "The header (row 1)" : "Row " + row)
              + " has more than "
              + limits.maxColumns()
              + " fields, the most this service reads in a row (hub.ingest.csv.max-columns)."
              + (row == 1 ? "" : " Is a field with commas in it missing its quotes?"));
    }
    fieldBytes = 0;
    fieldLine = line;
    state = State.FIELD_START;
  }

  private void count() {
    rowBytes++;
    fieldBytes++;
    if (fieldBytes > limits.maxFieldBytes()) {
      throw new FeedRefusedException(
          "FIELD_TOO_LONG",
          "Field "
              + field
              + " of "
              + rowName()
              + " is longer than "
              + limits.maxFieldBytes()
              + " bytes, the most this service reads in one field"
              + " (hub.ingest.csv.max-field-bytes)."
              + openQuoteHint());
    }
    checkRow();
  }

  private void checkRow() {
    if (rowBytes > limits.maxRowBytes()) {
      throw new FeedRefusedException(
          "ROW_TOO_LONG",
          capitalised(rowName())
              + " is longer than "
              + limits.maxRowBytes()
              + " bytes, the most this service reads in one row (hub.ingest.csv.max-row-bytes)."
              + openQuoteHint());
    }
  }

  private String rowName() {
    return row == 1 ? "the header (row 1)" : "row " + row;
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String openQuoteHint() {
    return state == State.QUOTED
        ? " That field opens with a quote on line "
            + fieldLine
            + " that is still not closed: is its closing quote missing?"
        : "";
  }
}
