package uk.vruhub.ingest.core.validate;

import java.util.Locale;
import java.util.regex.Pattern;

/** Formats and check digits of the identifiers agencies send. */
public final class Identifiers {

  private static final Pattern POSTCODE =
      Pattern.compile("^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$");
  private static final Pattern UPN = Pattern.compile("^[A-Z][0-9]{11}[0-9A-Z]$");
  private static final Pattern PNC = Pattern.compile("^([0-9]{2}|[0-9]{4})/([0-9]{1,7})([A-Z])$");
  private static final String UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

  private Identifiers() {}

  /** A postcode in its standard form ({@code XA1 2BC}), or null when it is not one. */
  public static String postcode(String raw) {
    String compact = raw.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    var m = POSTCODE.matcher(compact);
    return m.matches() ? m.group(1) + " " + m.group(2) : null;
  }

  /** The outward code (district) of a standard postcode, e.g. {@code XA1}. */
  public static String district(String standardPostcode) {
    return standardPostcode.substring(0, standardPostcode.indexOf(' '));
  }

  /** The ten digits of an NHS number (spaces and dashes removed), or null when malformed. */
  public static String nhsDigits(String raw) {
    String digits = raw.replaceAll("[\\s-]", "");
    return digits.matches("[0-9]{10}") ? digits : null;
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
    var m = PNC.matcher(raw.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    String year = m.group(1).length() == 4 ? m.group(1).substring(2) : m.group(1);
    return year + "/" + "0".repeat(7 - m.group(2).length()) + m.group(2) + m.group(3);
  }
}
