package uk.vruhub.ingest.core.validate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;

/**
 * Fixed-format readers of the date and time shapes feeds use nearly always: {@code d/M/yyyy} and
 * {@code yyyy-MM-dd}, each optionally followed by {@code H:mm} or {@code H:mm:ss} after a space (or
 * after a {@code T} for the ISO form), read a character at a time. A {@code DateTimeFormatter}
 * costs about a microsecond per value, more than the rest of a row's checks. A reader answers only
 * when the whole text has its shape, and then exactly as the strict formatter of {@link
 * RowValidator} would; for any other text (wider fields, fractions of seconds, signs) it answers
 * null and the caller asks the formatter.
 */
final class FixedFormats {

  /** The answer for text of a fixed shape that names no such date (31/02/2026). */
  static final LocalDate NO_SUCH_DATE = LocalDate.MIN;

  /** The answer for text of a fixed shape that names no such date and time (24:00). */
  static final LocalDateTime NO_SUCH_DATE_TIME = LocalDateTime.MIN;

  private FixedFormats() {}

  /** The date, {@link #NO_SUCH_DATE}, or null when the text is not wholly of a fixed shape. */
  static LocalDate date(String text) {
    DatePart d = datePart(text);
    if (d == null || d.end != text.length()) {
      return null;
    }
    return valid(d.year, d.month, d.day) ? LocalDate.of(d.year, d.month, d.day) : NO_SUCH_DATE;
  }

  /**
   * The date and time, {@link #NO_SUCH_DATE_TIME}, or null when the text is not wholly of a fixed
   * shape.
   */
  static LocalDateTime dateTime(String text) {
    DatePart d = datePart(text);
    if (d == null || d.end >= text.length()) {
      return null;
    }
    char separator = text.charAt(d.end);
    // RowValidator picks d/M/yyyy H:mm for text with a slash: a space only. The ISO forms take a
    // space or a T.
    if (!(separator == ' ' || (separator == 'T' && !d.slashes))) {
      return null;
    }
    int i = d.end + 1;
    int hour = 0;
    int hourDigits = 0;
    while (hourDigits < 2 && i < text.length() && isDigit(text.charAt(i))) {
      hour = hour * 10 + (text.charAt(i++) - '0');
      hourDigits++;
    }
    if (hourDigits == 0 || i >= text.length() || text.charAt(i) != ':') {
      return null;
    }
    int minute = twoDigits(text, i + 1);
    if (minute < 0) {
      return null;
    }
    i += 3;
    int second = 0;
    if (i < text.length()) {
      if (i + 3 != text.length() || text.charAt(i) != ':') {
        return null;
      }
      second = twoDigits(text, i + 1);
      if (second < 0) {
        return null;
      }
    }
    if (!valid(d.year, d.month, d.day) || hour > 23 || minute > 59 || second > 59) {
      return NO_SUCH_DATE_TIME;
    }
    return LocalDateTime.of(d.year, d.month, d.day, hour, minute, second);
  }

  /** A date's fields as read, and where its text ended. */
  private record DatePart(int year, int month, int day, int end, boolean slashes) {}

  /** {@code d/M/yyyy} or {@code yyyy-MM-dd} at the start of the text, or null. */
  private static DatePart datePart(String text) {
    int n = text.length();
    if (n >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
      int year = fourDigits(text, 0);
      int month = twoDigits(text, 5);
      int day = twoDigits(text, 8);
      return year < 0 || month < 0 || day < 0 ? null : new DatePart(year, month, day, 10, false);
    }
    int i = 0;
    int day = 0;
    int count = 0;
    while (count < 2 && i < n && isDigit(text.charAt(i))) {
      day = day * 10 + (text.charAt(i++) - '0');
      count++;
    }
    if (count == 0 || i >= n || text.charAt(i++) != '/') {
      return null;
    }
    int month = 0;
    count = 0;
    while (count < 2 && i < n && isDigit(text.charAt(i))) {
      month = month * 10 + (text.charAt(i++) - '0');
      count++;
    }
    if (count == 0 || i >= n || text.charAt(i++) != '/') {
      return null;
    }
    int year = fourDigits(text, i);
    if (year < 0) {
      return null;
    }
    // A fifth digit would be read by the formatter as part of the year.
    int end = i + 4;
    if (end < n && isDigit(text.charAt(end))) {
      return null;
    }
    return new DatePart(year, month, day, end, true);
  }

  private static int twoDigits(String text, int i) {
    if (i + 2 > text.length() || !isDigit(text.charAt(i)) || !isDigit(text.charAt(i + 1))) {
      return -1;
    }
    return (text.charAt(i) - '0') * 10 + (text.charAt(i + 1) - '0');
  }

  private static int fourDigits(String text, int i) {
    int high = twoDigits(text, i);
    int low = twoDigits(text, i + 2);
    return high < 0 || low < 0 ? -1 : high * 100 + low;
  }

  /** ASCII digits only, as the formatter's standard decimal style reads. */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean valid(int year, int month, int day) {
    return month >= 1
        && month <= 12
        && day >= 1
        && day <= Month.of(month).length(Year.isLeap(year));
  }
}
