package uk.vruhub.ingest.core.csv;

import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * The byte-level reading of a feed's CSV structure that both the limits ({@link CsvLimits}) and the
 * cutting of a feed into rows ({@link FeedSplitter}) rest on, byte by byte.
 *
 * <p>It follows RFC 4180 the way the parser does: a quote opens a quoted field only as the field's
 * first character; inside one, commas and line breaks are content and a doubled quote is a quote;
 * outside, CR, LF or CRLF ends the row and an empty line is skipped. Only the structural characters
 * (comma, quote, CR, LF) are looked at, and in UTF-8 those bytes never occur inside a multi-byte
 * character, so bytes can be measured before they are decoded. Refusals say where (row, field,
 * line) and which limit, never what the bytes were.
 */
final class CsvScanner {

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

  CsvScanner(CsvLimits limits) {
    this.limits = limits;
  }

  /** The byte is part of a row (a field's content, a separator, a quote). */
  static final int CONTENT = 0;

  /** The byte is a line break that ends a row; it belongs to no row. */
  static final int ROW_END = 1;

  /** The byte is a line break outside any row (an empty line, or the LF of a CRLF): skipped. */
  static final int SKIPPED = 2;

  /** Rows begun so far, header included: the current row's number, header = 1. */
  long row() {
    return row;
  }

  /** Whether a row has begun and not ended. */
  boolean inRow() {
    return inRow;
  }

  /** Takes the next byte of the feed; says what it is, or refuses the feed past a limit. */
  int accept(byte b) {
    boolean lineBreak = b == '\n' || b == '\r';
    if (lineBreak && !(b == '\n' && afterCr)) {
      line++;
    }
    afterCr = b == '\r';
    if (!inRow) {
      if (lineBreak) {
        return SKIPPED; // an empty line: the parser skips it, and so it is no row
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
          return ROW_END;
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
    return CONTENT;
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
