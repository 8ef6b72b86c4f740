package uk.vruhub.ingest.core.contract;

/** The kinds of value a feed column can hold; each has its own parsing and checks. */
public enum ColumnType {
  /** Free text up to a length, optionally matching a pattern. */
  TEXT,
  /** One value from the column's code list (case-insensitive). */
  CODE,
  /** Zero or more values from the code list, separated by semicolons. */
  CODES,
  /** A date: dd/MM/yyyy or yyyy-MM-dd. */
  DATE,
  /**
   * A UK local date and time: dd/MM/yyyy HH:mm[:ss], yyyy-MM-dd HH:mm[:ss] or
   * yyyy-MM-ddTHH:mm[:ss].
   */
  DATETIME,
  /** A whole number within the column's bounds. */
  INTEGER,
  /** Y or N. */
  FLAG,
  /** A UK postcode. */
  POSTCODE,
  /** A 10-digit NHS number with a valid Modulus 11 check digit. */
  NHS_NUMBER,
  /** A 13-character unique pupil number with a valid DfE check letter. */
  UPN,
  /** A Police National Computer id, YY/NNNNNNNL or YYYY/NNNNNNNL. */
  PNC_ID
}
