package uk.vruhub.aggregator.web;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.enforce.Periods;

/**
 * The query parameters of one analyst request, each read once and checked: a value the endpoint
 * cannot answer is a 400 whose detail names the parameter, says what kind of value came (empty, not
 * a number, too long...) and what would be accepted, without repeating the value itself.
 *
 * <p>Unknown parameters are refused too. A misspelt filter ({@code perod=MONTH}) would otherwise be
 * ignored and the default answered (every week), a wrong table in a Power BI report with nothing to
 * say so. No client of this API adds parameters of its own: Power BI's Web connector sends the URL
 * it is given.
 */
public final class QueryParameters {

  static final int MAX_CODE_LENGTH = 64;

  /**
   * Area codes (ONS codes such as {@code E01900004}), age bands ({@code 15-17}, {@code 25+}) and
   * definition ids ({@code hips-2023@1}) all fit this; anything else matches no cell.
   */
  private static final Pattern CODE =
      Pattern.compile("[A-Za-z0-9._@+-]{1," + MAX_CODE_LENGTH + "}");

  private static final String CODE_RULE =
      "1 to " + MAX_CODE_LENGTH + " letters, digits or the characters - _ . + @";

  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");

  /** Names of unknown parameters are repeated in the answer only when they look like names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");

  private static final Map<PeriodType, String> FIRST_DAYS =
      Map.of(
          PeriodType.DAY, "any day",
          PeriodType.WEEK, "a Monday",
          PeriodType.MONTH, "the 1st of a month",
          PeriodType.QUARTER, "1 January, April, July or October",
          PeriodType.FINANCIAL_YEAR, "1 April");

  private final MultiValueMap<String, String> values;

  private QueryParameters(MultiValueMap<String, String> values) {
    this.values = values;
  }

  /** The parameters, refused unless every one is among {@code accepted} and given once. */
  public static QueryParameters of(MultiValueMap<String, String> values, List<String> accepted) {
    for (var e : values.entrySet()) {
      String name = e.getKey();
      if (!accepted.contains(name)) {
        boolean printable = NAME.matcher(name).matches();
        throw ApiProblem.badParameter(
            printable ? name : null,
            (printable ? "Unknown parameter " + name : "A parameter with an unknown name")
                + ": this endpoint accepts "
                + (accepted.isEmpty() ? "none" : String.join(", ", accepted))
                + " (names are case-sensitive).");
      }
      if (e.getValue().size() > 1) {
        throw ApiProblem.badParameter(
            name, name + " is given " + e.getValue().size() + " times; give it once.");
      }
    }
    return new QueryParameters(values);
  }

  private String value(String name) {
    return values.getFirst(name);
  }

  /** One of an enum's constants, by name in any case; {@code otherwise} when absent. */
  public <E extends Enum<E>> E choice(String name, Class<E> type, E otherwise) {
    return choice(name, List.of(type.getEnumConstants()), otherwise);
  }

  /** One of {@code accepted}, by name in any case; {@code otherwise} when absent. */
  public <E extends Enum<E>> E choice(String name, List<E> accepted, E otherwise) {
    String v = value(name);
    if (v == null) {
      return otherwise;
    }
    for (E constant : accepted) {
      if (constant.name().equalsIgnoreCase(v)) {
        return constant;
      }
    }
    throw ApiProblem.badParameter(
        name,
        name
            + " must be one of "
            + accepted.stream().map(Enum::name).collect(Collectors.joining(", "))
            + " (in any case); got "
            + (v.isEmpty() ? "an empty value." : "another value."));
  }

  /**
   * An ISO-8601 instant ({@code 2026-03-01T00:00:00Z}) or date (its start, UTC); null when absent.
   */
  java.time.Instant instant(String name) {
    String v = value(name);
    if (v == null) {
      return null;
    }
    if (v.length() <= 40) {
      try {
        return java.time.Instant.parse(v);
      } catch (java.time.format.DateTimeParseException e) {
        try {
          return LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException notADate) {
          // refused below
        }
      }
    }
    throw ApiProblem.badParameter(
        name,
        name
            + " must be an ISO-8601 instant (2026-03-01T00:00:00Z) or date (2026-03-01); got "
            + (v.isEmpty() ? "an empty value." : "another value."));
  }

  /** Enum constants by name in any case, comma-separated; empty when absent. */
  <E extends Enum<E>> java.util.Set<E> choices(String name, Class<E> type) {
    String v = value(name);
    java.util.Set<E> out = java.util.EnumSet.noneOf(type);
    if (v == null || v.isBlank()) {
      return out;
    }
    if (v.length() > 1000) {
      throw ApiProblem.badParameter(name, name + " is too long.");
    }
    for (String part : v.split(",", -1)) {
      E found = null;
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(part.strip())) {
          found = constant;
        }
      }
      if (found == null) {
        throw ApiProblem.badParameter(
            name,
            name
                + " must be one or more of "
                + java.util.Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "))
                + ", separated by commas; got another value.");
      }
      out.add(found);
    }
    return out;
  }

  /** A whole number from {@code min} to {@code max}; {@code otherwise} when absent. */
  public int whole(String name, int min, int max, int otherwise) {
    String v = value(name);
    if (v == null) {
      return otherwise;
    }
    String got;
    if (v.isEmpty()) {
      got = "an empty value";
    } else if (!WHOLE.matcher(v).matches()) {
      got = "text that is not a whole number";
    } else {
      // At most 40 digits reach BigInteger, so a huge value costs nothing to refuse.
      BigInteger n = v.length() > 40 ? null : new BigInteger(v);
      boolean negative = n == null ? v.startsWith("-") : n.signum() < 0;
      boolean below = n == null ? negative : n.compareTo(BigInteger.valueOf(min)) < 0;
      boolean above = n == null ? !negative : n.compareTo(BigInteger.valueOf(max)) > 0;
      if (!below && !above) {
        return n.intValueExact();
      }
      got =
          negative
              ? "a negative number"
              : below ? "a number below " + min : "a number above " + max;
    }
    throw ApiProblem.badParameter(
        name, name + " must be a whole number from " + min + " to " + max + "; got " + got + ".");
  }

  /**
   * The first day of a period: an ISO date that starts a period of that type (a Monday for weeks,
   * the 1st for months), as the hotspot cells are keyed; null when absent. Any other day would
   * match no cell.
   */
  public LocalDate periodStart(String name, PeriodType period) {
    String v = value(name);
    if (v == null) {
      return null;
    }
    LocalDate date = null;
    if (v.length() == 10) {
      try {
        date = LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        date = null;
      }
    }
    if (date == null) {
      throw ApiProblem.badParameter(
          name,
          name
              + " must be an ISO date, yyyy-MM-dd (e.g. 2026-03-02); got "
              + (v.isEmpty() ? "an empty value." : "text that is not a date of that form."));
    }
    LocalDate first = Periods.start(date, period);
    if (!first.equals(date)) {
      throw ApiProblem.badParameter(
          name,
          name
              + " must be the first day of a "
              + period
              + " period ("
              + FIRST_DAYS.get(period)
              + "); the "
              + period
              + " period holding that date starts on "
              + first
              + ".");
    }
    return date;
  }

  /** A code to filter on (area, age band): see {@link #CODE}; null when absent. */
  public String code(String name) {
    String v = value(name);
    if (v == null || CODE.matcher(v).matches()) {
      return v;
    }
    String got;
    if (v.isEmpty()) {
      got = "an empty value";
    } else if (v.length() > MAX_CODE_LENGTH) {
      got = v.length() + " characters";
    } else if (v.indexOf(' ') >= 0) {
      // A + in a query string is a space once decoded: "ageBand=25+" arrives as "25 ".
      got = "a space (a + in a URL stands for a space: write + as %2B, e.g. ageBand=25%2B)";
    } else {
      got = "another character";
    }
    throw ApiProblem.badParameter(name, name + " must be " + CODE_RULE + "; got " + got + ".");
  }

  /**
   * A loaded definition, by id ({@code hips-2023}) or key ({@code hips-2023@1}); null when absent.
   */
  public String definition(String name, Definitions definitions) {
    String v = code(name);
    if (v == null) {
      return null;
    }
    for (Definition d : definitions.all()) {
      if (d.id().equals(v) || d.key().equals(v)) {
        return v;
      }
    }
    throw ApiProblem.badParameter(
        name,
        name
            + " must be a loaded serious-violence definition, by id or id@version: "
            + definitions.all().stream().map(Definition::key).collect(Collectors.joining(", "))
            + "; got another.");
  }

  /** JSON or CSV: {@code format} when given, else the Accept header. */
  public Representation representation(String accept) {
    String format = value("format");
    return format != null ? Representation.ofFormat(format) : Representation.ofAccept(accept);
  }
}
