package uk.vruhub.ingest.core.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/** Formats and check digits of the identifiers agencies send. */
public final class Identifiers {

  private static final Pattern POSTCODE =
      Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$");
  private static final Pattern UPN = Pattern.compile("^[A-Z][0-9]{11}[0-9A-Z]$");
  private static final Pattern PNC = Pattern.compile("^([0-9]{2}|[0-9]{4})/([0-9]{1,7})([A-Z])$");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

  private Identifiers() {}

  /**
   * A postcode in its standard form ({@code XA1 2BC}), or null when it is not one. ASCII text (all
   * but hostile or broken feeds) is read a character at a time; other text by the pattern, as
   * upper-casing it may change its letters ({@code ı} becomes {@code I}).
   */
  public static String postcode(String raw) {
    if (ascii(raw)) {
      return asciiPostcode(raw);
    }
    String compact = SPACES.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
    var m = POSTCODE.matcher(compact);
    return m.matches() ? m.group(1) + " " + m.group(2) : null;
  }

  private static String asciiPostcode(String raw) {
    char[] c = new char[7];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      if (isSpace(ch)) {
        continue;
      }
      if (n == c.length) {
        return null;
      }
      c[n++] = ch >= 'a' && ch <= 'z' ? (char) (ch - 32) : ch;
    }
    // Inward code: the last three, a digit and two letters; outward: [A-Z]{1,2}[0-9][A-Z0-9]?.
    int outward = n - 3;
    if (outward < 2 || !digit(c[outward]) || !letter(c[outward + 1]) || !letter(c[outward + 2])) {
      return null;
    }
    if (!letter(c[0])) {
      return null;
    }
    int letters = letter(c[1]) ? 2 : 1;
    if (letters >= outward || !digit(c[letters])) {
      return null;
    }
    int rest = outward - letters - 1;
    if (rest > 1 || (rest == 1 && !letter(c[outward - 1]) && !digit(c[outward - 1]))) {
      return null;
    }
    return new String(c, 0, outward) + " " + new String(c, outward, 3);
  }

  /** What the patterns' {@code \s} matches. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean letter(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** An ASCII string trimmed and upper-cased, as {@code trim().toUpperCase(ROOT)} would. */
  private static String upperTrimmed(String raw) {
    String t = raw.trim();
    char[] c = new char[t.length()];
    for (int i = 0; i < c.length; i++) {
      char ch = t.charAt(i);
      c[i] = ch >= 'a' && ch <= 'z' ? (char) (ch - 32) : ch;
    }
    return new String(c);
  }

  /** The outward code (district) of a standard postcode, e.g. {@code XA1}. */
  public static String district(String standardPostcode) {
    return standardPostcode.substring(0, standardPostcode.indexOf(' '));
  }

  /** The ten digits of an NHS number (spaces and dashes removed), or null when malformed. */
  public static String nhsDigits(String raw) {
    // Exactly what removing [\\s-] and matching [0-9]{10} accepts: both are ASCII only.
    char[] d = new char[10];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      if (isSpace(ch) || ch == '-') {
        continue;
      }
      if (!digit(ch) || n == d.length) {
        return null;
      }
      d[n++] = ch;
    }
    return n == d.length ? new String(d) : null;
  }

  /**
   * Whether ten digits carry a valid NHS Modulus 11 check digit: weights 10 to 2 on the first nine
   * digits, 11 minus the remainder of the sum by 11 (11 becomes 0; 10 is never valid).
   */
  public static boolean nhsCheckDigitValid(String digits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - (sum % 11);
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == digits.charAt(9) - '0';
  }

  /** The NHS check digit for nine digits, or -1 when no valid check digit exists. */
  public static int nhsCheckDigit(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nineDigits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - (sum % 11);
    return check == 11 ? 0 : check == 10 ? -1 : check;
  }

  /** An upper-cased UPN when its form is right, else null. */
  public static String upn(String raw) {
    if (ascii(raw)) {
      String upn = upperTrimmed(raw);
      if (upn.length() != 13
          || !letter(upn.charAt(0))
          || !letter(upn.charAt(12)) && !digit(upn.charAt(12))) {
        return null;
      }
      for (int i = 1; i < 12; i++) {
        if (!digit(upn.charAt(i))) {
          return null;
        }
      }
      return upn;
    }
    String upn = raw.trim().toUpperCase(Locale.ROOT);
    return UPN.matcher(upn).matches() ? upn : null;
  }

  /**
   * Whether a UPN's first character is its DfE check letter: characters 2 to 13 weighted 2 to 13 (a
   * letter in position 13, as in temporary UPNs, counts as its place in the check alphabet),
   * summed, modulo 23, as a letter of A-Z without I, O and S.
   */
  public static boolean upnCheckLetterValid(String upn) {
    return upn.charAt(0) == upnCheckLetter(upn.substring(1));
  }

  /** The check letter of the twelve characters after it. */
  public static char upnCheckLetter(String twelve) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      char c = twelve.charAt(i);
      int value = Character.isDigit(c) ? c - '0' : UPN_LETTERS.indexOf(c);
      sum += value * (i + 2);
    }
    return UPN_LETTERS.charAt(sum % 23);
  }

  /**
   * A PNC id in a standard form ({@code YY/NNNNNNNL}, number zero-padded), or null when malformed.
   * The check character is not verified.
   */
  public static String pnc(String raw) {
    if (ascii(raw)) {
      String t = upperTrimmed(raw);
      int slash = t.indexOf('/');
      if (slash != 2 && slash != 4) {
        return null;
      }
      for (int i = 0; i < slash; i++) {
        if (!digit(t.charAt(i))) {
          return null;
        }
      }
      int number = t.length() - slash - 2;
      if (number < 1 || number > 7 || !letter(t.charAt(t.length() - 1))) {
        return null;
      }
      for (int i = slash + 1; i < t.length() - 1; i++) {
        if (!digit(t.charAt(i))) {
          return null;
        }
      }
      return t.substring(slash - 2, slash) + "/" + "0".repeat(7 - number) + t.substring(slash + 1);
    }
    var m = PNC.matcher(raw.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    String year = m.group(1).length() == 4 ? m.group(1).substring(2) : m.group(1);
    return year + "/" + "0".repeat(7 - m.group(2).length()) + m.group(2) + m.group(3);
  }
}
