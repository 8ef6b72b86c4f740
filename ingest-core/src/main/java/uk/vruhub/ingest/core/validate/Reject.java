package uk.vruhub.ingest.core.validate;

/**
 * Why one row was refused. Says where (row as a spreadsheet shows it, the header being row 1, and
 * column) and why, never the rejected value when it could identify someone.
 *
 * @param row row number, header = 1
 * @param column the column name, or null for a problem of the whole row
 * @param reason reason code, e.g. {@code NHS_NUMBER_CHECK_DIGIT}
 * @param message what is wrong and what would be accepted
 */
public record Reject(long row, String column, String reason, String message) {

  @Override
  public String toString() {
    return "row "
        + row
        + (column == null ? "" : ", column " + column)
        + ": "
        + reason
        + " - "
        + message;
  }
}
