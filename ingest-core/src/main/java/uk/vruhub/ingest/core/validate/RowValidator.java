package uk.vruhub.ingest.core.validate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import uk.vruhub.ingest.core.contract.Column;
import uk.vruhub.ingest.core.contract.ColumnType;
import uk.vruhub.ingest.core.contract.FeedContract;

/**
 * Checks one row against its contract and turns its text into typed values. Rejections say row,
 * column and reason, never the rejected value.
 */
public final class RowValidator {

  /** UK local time: the zone every feed's dates and times are in. */
  public static final ZoneId UK = ZoneId.of("Europe/London");

  private static final List<DateTimeFormatter> DATES =
      List.of(formatter("d/M/uuuu"), formatter("uuuu-MM-dd"));
  private static final List<DateTimeFormatter> DATE_TIMES =
      List.of(
          new DateTimeFormatterBuilder()
              .appendPattern("d/M/uuuu H:mm")
              .optionalStart()
              .appendPattern(":ss")
              .optionalEnd()
              .toFormatter(Locale.UK)
              .withResolverStyle(ResolverStyle.STRICT),
          new DateTimeFormatterBuilder()
              .appendPattern("uuuu-MM-dd H:mm")
              .optionalStart()
              .appendPattern(":ss")
              .optionalEnd()
              .toFormatter(Locale.UK)
              .withResolverStyle(ResolverStyle.STRICT),
          new DateTimeFormatterBuilder()
              .appendPattern("uuuu-MM-dd'T'H:mm")
              .optionalStart()
              .appendPattern(":ss")
              .optionalEnd()
              .optionalStart()
              .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
              .optionalEnd()
              .toFormatter(Locale.UK)
              .withResolverStyle(ResolverStyle.STRICT));

  /**
   * Small slack for clocks that disagree, so a record made "now" at the agency is not in the future
   * here.
   */
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(15);

  private final FeedContract contract;
  private final Clock clock;
  private final List<RowRule> rules;

  /** Each CODE and CODES column's code list as a set, by column index (null for the others). */
  private final List<Set<String>> codeSets;

  /**
   * A rule of the agency's contract that a column table cannot say (dates in order, cross-field
   * checks).
   */
  @FunctionalInterface
  public interface RowRule {
    void check(ValidRow row, List<Reject> rejects);
  }

  public RowValidator(FeedContract contract, Clock clock, List<RowRule> rules) {
    this.contract = contract;
    this.clock = clock;
    this.rules = List.copyOf(rules);
    List<Set<String>> sets = new ArrayList<>();
    for (int i = 0; i < contract.size(); i++) {
      Column column = contract.column(i);
      boolean coded = column.type() == ColumnType.CODE || column.type() == ColumnType.CODES;
      sets.add(coded ? Set.copyOf(column.codes()) : Set.of());
    }
    this.codeSets = List.copyOf(sets);
  }

  private static DateTimeFormatter formatter(String pattern) {
    return DateTimeFormatter.ofPattern(pattern, Locale.UK).withResolverStyle(ResolverStyle.STRICT);
  }

  /** The outcome for one row: typed values, or why it was refused. */
  public record Outcome(ValidRow row, List<Reject> rejects) {
    public boolean accepted() {
      return rejects.isEmpty();
    }
  }

  /**
   * Validates a row given as column name to raw text (absent or blank means no value).
   *
   * @param rowNumber the row as a spreadsheet shows it (header = 1)
   */
  public Outcome validate(long rowNumber, Map<String, String> raw) {
    return validate(rowNumber, index -> raw.get(contract.column(index).name()));
  }

  /**
   * Validates a row given as raw text by the contract's column positions ({@link
   * FeedContract#indexOf}), as the feed reader holds it: no map per row.
   *
   * @param rowNumber the row as a spreadsheet shows it (header = 1)
   */
  public Outcome validate(long rowNumber, IntFunction<String> raw) {
    List<Reject> rejects = new ArrayList<>(0);
    Object[] values = new Object[contract.size()];
    Instant now = clock.instant();
    for (int i = 0; i < values.length; i++) {
      Column column = contract.column(i);
      String text = raw.apply(i);
      if (text == null || text.isBlank()) {
        if (column.required()) {
          rejects.add(
              new Reject(
                  rowNumber,
                  column.name(),
                  "MISSING_REQUIRED",
                  "a value is required (" + column.description() + ")"));
        }
        continue;
      }
      values[i] = parse(rowNumber, i, column, text.trim(), now, rejects);
    }
    if (!rejects.isEmpty()) {
      return new Outcome(null, rejects);
    }
    ValidRow row = new ValidRow(rowNumber, values, contract);
    for (RowRule rule : rules) {
      rule.check(row, rejects);
    }
    return rejects.isEmpty() ? new Outcome(row, List.of()) : new Outcome(null, rejects);
  }

  private Object parse(
      long row, int index, Column column, String text, Instant now, List<Reject> rejects) {
    String name = column.name();
    switch (column.type()) {
      case TEXT -> {
        if (column.maxLength() > 0 && text.length() > column.maxLength()) {
          rejects.add(
              new Reject(
                  row,
                  name,
                  "TOO_LONG",
                  "at most " + column.maxLength() + " characters are accepted"));
          return null;
        }
        if (column.pattern() != null && !column.pattern().matcher(text).matches()) {
          rejects.add(
              new Reject(
                  row,
                  name,
                  "BAD_FORMAT",
                  "not in the expected form (" + column.description() + ")"));
          return null;
        }
        return text;
      }
      case CODE -> {
        String code = text.toUpperCase(Locale.ROOT);
        if (!codeSets.get(index).contains(code)) {
          rejects.add(
              new Reject(
                  row, name, "NOT_IN_CODE_LIST", quoted(text) + "is not one of " + column.codes()));
          return null;
        }
        return code;
      }
      case CODES -> {
        List<String> codes = new ArrayList<>();
        for (String part : text.split(";")) {
          String code = part.trim().toUpperCase(Locale.ROOT);
          if (code.isEmpty()) {
            continue;
          }
          if (!codeSets.get(index).contains(code)) {
            rejects.add(
                new Reject(
                    row,
                    name,
                    "NOT_IN_CODE_LIST",
                    quoted(code) + "is not one of " + column.codes()));
            return null;
          }
          codes.add(code);
        }
        return List.copyOf(codes);
      }
      case DATE -> {
        LocalDate date = date(text);
        if (date == null) {
          rejects.add(
              new Reject(
                  row, name, "BAD_DATE", "not a date; dd/MM/yyyy or yyyy-MM-dd is accepted"));
          return null;
        }
        if (date.isAfter(LocalDate.ofInstant(now, UK))) {
          rejects.add(new Reject(row, name, "DATE_IN_FUTURE", "the date is after today"));
          return null;
        }
        return date;
      }
      case DATETIME -> {
        LocalDateTime local = dateTime(text);
        if (local == null) {
          rejects.add(
              new Reject(
                  row,
                  name,
                  "BAD_DATE_TIME",
                  "not a date and time; dd/MM/yyyy HH:mm, yyyy-MM-dd HH:mm or yyyy-MM-ddTHH:mm (UK"
                      + " time) is accepted"));
          return null;
        }
        Instant instant = local.atZone(UK).toInstant();
        if (instant.isAfter(now.plus(FUTURE_TOLERANCE))) {
          rejects.add(new Reject(row, name, "DATE_IN_FUTURE", "the time is in the future"));
          return null;
        }
        return instant;
      }
      case INTEGER -> {
        int n;
        try {
          n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
          rejects.add(new Reject(row, name, "BAD_NUMBER", "not a whole number"));
          return null;
        }
        if ((column.min() != null && n < column.min())
            || (column.max() != null && n > column.max())) {
          rejects.add(
              new Reject(
                  row,
                  name,
                  "OUT_OF_RANGE",
                  "must be between " + column.min() + " and " + column.max()));
          return null;
        }
        return n;
      }
      case FLAG -> {
        String flag = text.toUpperCase(Locale.ROOT);
        if (!flag.equals("Y") && !flag.equals("N")) {
          rejects.add(new Reject(row, name, "NOT_IN_CODE_LIST", "must be Y or N"));
          return null;
        }
        return flag.equals("Y");
      }
      case POSTCODE -> {
        String postcode = Identifiers.postcode(text);
        if (postcode == null) {
          rejects.add(new Reject(row, name, "BAD_POSTCODE", "not a UK postcode"));
        }
        return postcode;
      }
      case NHS_NUMBER -> {
        String digits = Identifiers.nhsDigits(text);
        if (digits == null) {
          rejects.add(new Reject(row, name, "BAD_FORMAT", "an NHS number has 10 digits"));
          return null;
        }
        if (!Identifiers.nhsCheckDigitValid(digits)) {
          rejects.add(
              new Reject(
                  row,
                  name,
                  "NHS_NUMBER_CHECK_DIGIT",
                  "the last digit is not the Modulus 11 check digit of the first nine"));
          return null;
        }
        return digits;
      }
      case UPN -> {
        String upn = Identifiers.upn(text);
        if (upn == null) {
          rejects.add(
              new Reject(
                  row,
                  name,
                  "BAD_FORMAT",
                  "a UPN is a check letter followed by 12 characters (11 digits and a digit or"
                      + " letter)"));
          return null;
        }
        if (!Identifiers.upnCheckLetterValid(upn)) {
          rejects.add(
              new Reject(
                  row,
                  name,
                  "UPN_CHECK_LETTER",
                  "the first letter is not the DfE check letter of the rest"));
          return null;
        }
        return upn;
      }
      case PNC_ID -> {
        String pnc = Identifiers.pnc(text);
        if (pnc == null) {
          rejects.add(
              new Reject(row, name, "BAD_FORMAT", "a PNC id is YY/NNNNNNNL or YYYY/NNNNNNNL"));
        }
        return pnc;
      }
    }
    throw new IllegalStateException("unhandled column type " + column.type());
  }

  /**
   * How a value that is not in the code list is named: never by itself. Even a short, code-shaped
   * value may be another column's (a row shifted by a missing comma puts a surname where a code
   * should be), so the sender is told its length, which with the row and column is enough to find a
   * typo in their own extract.
   */
  private static String quoted(String value) {
    return "a value of " + value.length() + (value.length() == 1 ? " character " : " characters ");
  }

  /**
   * A date in one of the accepted forms, or null. The common forms are read by a fixed-format
   * parser ({@link FixedFormats}); anything else goes to the formatter, chosen from the text (a
   * slash means dd/MM/yyyy) so each value is parsed once: failed parses throw, which costs far more
   * than a row.
   */
  public static LocalDate date(String text) {
    LocalDate fixed = FixedFormats.date(text);
    if (fixed != null) {
      return fixed == FixedFormats.NO_SUCH_DATE ? null : fixed;
    }
    try {
      return LocalDate.parse(text, text.indexOf('/') > 0 ? DATES.get(0) : DATES.get(1));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A local date-time in one of the accepted forms, or null; the form is chosen from the text. */
  public static LocalDateTime dateTime(String text) {
    LocalDateTime fixed = FixedFormats.dateTime(text);
    if (fixed != null) {
      return fixed == FixedFormats.NO_SUCH_DATE_TIME ? null : fixed;
    }
    DateTimeFormatter f =
        text.indexOf('/') > 0
            ? DATE_TIMES.get(0)
            : text.indexOf('T') > 0 ? DATE_TIMES.get(2) : DATE_TIMES.get(1);
    try {
      return LocalDateTime.parse(text, f);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
