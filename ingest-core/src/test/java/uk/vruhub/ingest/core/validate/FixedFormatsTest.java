package uk.vruhub.ingest.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fixed-format readers of dates, times and identifiers answer exactly as the formatters and
 * patterns they replace on the hot path: each is compared with the earlier reading (kept here as
 * the reference) on text drawn from the characters those shapes are made of, near-misses included,
 * and on any text at all.
 */
class FixedFormatsTest {

  // --- references: the readings used before the fixed-format ones -----------------------------

  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern, Locale.UK).withResolverStyle(ResolverStyle.STRICT);
  }

  private static DateTimeFormatter strictTime(String pattern, boolean fraction) {
    DateTimeFormatterBuilder b =
        new DateTimeFormatterBuilder()
            .appendPattern(pattern)
            .optionalStart()
            .appendPattern(":ss")
            .optionalEnd();
    if (fraction) {
      b.optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd();
    }
    return b.toFormatter(Locale.UK).withResolverStyle(ResolverStyle.STRICT);
  }

  private static final DateTimeFormatter SLASH_DATE = strict("d/M/uuuu");
  private static final DateTimeFormatter ISO_DATE = strict("uuuu-MM-dd");
  private static final DateTimeFormatter SLASH_TIME = strictTime("d/M/uuuu H:mm", false);
  private static final DateTimeFormatter ISO_SPACE_TIME = strictTime("uuuu-MM-dd H:mm", false);
  private static final DateTimeFormatter ISO_T_TIME = strictTime("uuuu-MM-dd'T'H:mm", true);

  static LocalDate referenceDate(String text) {
    try {
      return LocalDate.parse(text, text.indexOf('/') > 0 ? SLASH_DATE : ISO_DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static LocalDateTime referenceDateTime(String text) {
    DateTimeFormatter f =
        text.indexOf('/') > 0 ? SLASH_TIME : text.indexOf('T') > 0 ? ISO_T_TIME : ISO_SPACE_TIME;
    try {
      return LocalDateTime.parse(text, f);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static final Pattern POSTCODE =
      Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$");
  private static final Pattern UPN = Pattern.compile("^[A-Z][0-9]{11}[0-9A-Z]$");
  private static final Pattern PNC = Pattern.compile("^([0-9]{2}|[0-9]{4})/([0-9]{1,7})([A-Z])$");

  static String referencePostcode(String raw) {
    String compact = raw.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    var m = POSTCODE.matcher(compact);
    return m.matches() ? m.group(1) + " " + m.group(2) : null;
  }

  static String referenceNhsDigits(String raw) {
    String digits = raw.replaceAll("[\\s-]", "");
    return digits.matches("[0-9]{10}") ? digits : null;
  }

  static String referenceUpn(String raw) {
    String upn = raw.trim().toUpperCase(Locale.ROOT);
    return UPN.matcher(upn).matches() ? upn : null;
  }

  static String referencePnc(String raw) {
    var m = PNC.matcher(raw.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    String year = m.group(1).length() == 4 ? m.group(1).substring(2) : m.group(1);
    return year + "/" + "0".repeat(7 - m.group(2).length()) + m.group(2) + m.group(3);
  }

  // --- text to try ------------------------------------------------------------------------------

  /** Date-and-time-shaped text: digits and the separators, so near-misses are common. */
  @Provide
  Arbitrary<String> dateLike() {
    Arbitrary<String> random =
        Arbitraries.strings().withChars("0123456789/-: T.+").ofMinLength(0).ofMaxLength(24);
    Arbitrary<String> date =
        Combinators.combine(
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 32),
                Arbitraries.integers().between(0, 3))
            .as(
                (y, m, d, form) ->
                    switch (form) {
                      case 0 -> d + "/" + m + "/" + pad(y, 4);
                      case 1 -> pad(d, 2) + "/" + pad(m, 2) + "/" + pad(y, 4);
                      case 2 -> pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2);
                      default -> pad(y, 4) + "-" + m + "-" + d;
                    });
    Arbitrary<String> shaped =
        Combinators.combine(
                date,
                Arbitraries.integers().between(0, 25),
                Arbitraries.integers().between(0, 61),
                Arbitraries.integers().between(0, 7))
            .as(
                (d, h, m, form) ->
                    switch (form) {
                      case 0 -> d;
                      case 1 -> d + " " + h + ":" + pad(m, 2);
                      case 2 -> d + "T" + pad(h, 2) + ":" + pad(m, 2);
                      case 3 -> d + " " + pad(h, 2) + ":" + pad(m, 2) + ":" + pad(m, 2);
                      case 4 -> d + "T" + h + ":" + pad(m, 2) + ":" + pad(m, 2) + ".5";
                      case 5 -> d + " " + h + ":" + m;
                      case 6 -> d + "  " + h + ":" + pad(m, 2);
                      default -> d + " " + h + ":" + pad(m, 2) + ":";
                    });
    return Arbitraries.oneOf(random, shaped, shaped);
  }

  private static String pad(int n, int width) {
    String s = Integer.toString(n);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }

  /** Identifier-shaped text: letters of both cases, digits, white space, slashes and dashes. */
  @Provide
  Arbitrary<String> identifierLike() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars("ABCXYZabcxyz0123456789 /-\t\u00A0ıſ")
            .ofMinLength(0)
            .ofMaxLength(16),
        Arbitraries.strings().ofMinLength(0).ofMaxLength(16));
  }

  // --- properties ---------------------------------------------------------------------------

  @Property(tries = 10_000)
  void datesAreReadAsTheFormatterReadsThem(@ForAll("dateLike") String text) {
    assertThat(RowValidator.date(text)).isEqualTo(referenceDate(text));
  }

  @Property(tries = 3_000)
  void dateTimesAreReadAsTheFormatterReadsThem(@ForAll("dateLike") String text) {
    assertThat(RowValidator.dateTime(text)).isEqualTo(referenceDateTime(text));
  }

  @Property(tries = 1_000)
  void anyTextAtAllIsReadAsTheFormatterReadsIt(@ForAll String text) {
    assertThat(RowValidator.date(text)).isEqualTo(referenceDate(text));
    assertThat(RowValidator.dateTime(text)).isEqualTo(referenceDateTime(text));
  }

  @Property(tries = 3_000)
  void identifiersAreReadAsThePatternsReadThem(@ForAll("identifierLike") String text) {
    assertThat(Identifiers.postcode(text)).isEqualTo(referencePostcode(text));
    assertThat(Identifiers.nhsDigits(text)).isEqualTo(referenceNhsDigits(text));
    assertThat(Identifiers.upn(text)).isEqualTo(referenceUpn(text));
    assertThat(Identifiers.pnc(text)).isEqualTo(referencePnc(text));
  }

  @Property(tries = 2_000)
  void postcodeShapedTextIsReadAsThePatternReadsIt(@ForAll("postcodeLike") String text) {
    assertThat(Identifiers.postcode(text)).isEqualTo(referencePostcode(text));
  }

  @Provide
  Arbitrary<String> postcodeLike() {
    Arbitrary<String> part =
        Arbitraries.strings().withChars("AXZ019 a").ofMinLength(1).ofMaxLength(4);
    return part.flatMap(a -> part.map(b -> a + " " + b));
  }

  @Example
  void theCommonShapesAreRead() {
    assertThat(RowValidator.date("1/2/2026")).isEqualTo(LocalDate.of(2026, 2, 1));
    assertThat(RowValidator.date("2026-02-29")).isNull();
    assertThat(RowValidator.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(RowValidator.dateTime("2026-03-10 9:05"))
        .isEqualTo(LocalDateTime.of(2026, 3, 10, 9, 5));
    assertThat(RowValidator.dateTime("10/03/2026 24:00")).isNull();
    assertThat(RowValidator.dateTime("2026-03-10T09:05:07.25"))
        .isEqualTo(LocalDateTime.of(2026, 3, 10, 9, 5, 7, 250_000_000));
    assertThat(Identifiers.postcode(" xa1 2bg ")).isEqualTo("XA1 2BG");
    assertThat(Identifiers.postcode("\u0131A1 2BG")).isEqualTo(referencePostcode("\u0131A1 2BG"));
    assertThat(Identifiers.pnc("2026/123a")).isEqualTo("26/0000123A");
  }
}
