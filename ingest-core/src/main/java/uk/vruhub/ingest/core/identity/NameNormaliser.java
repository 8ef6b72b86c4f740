package uk.vruhub.ingest.core.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts names into one form before match keys are made, so the same person gives the same key in
 * every agency's records: upper case, accents removed ("Zoë" becomes ZOE), spaces, hyphens,
 * apostrophes and other non-letters removed ("O'Neil-Smith" becomes ONEILSMITH), and for the first
 * forename, common variants and nicknames mapped to one canonical form (BILL and WILL become
 * WILLIAM) from {@code forename-variants.csv}.
 */
public final class NameNormaliser {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_LETTERS = Pattern.compile("[^A-Z]");
  private static final Map<String, String> CANONICAL = loadVariants();

  private NameNormaliser() {}

  /** A surname (or any name) in normal form; empty when nothing of it is left. */
  public static String name(String raw) {
    if (raw == null) {
      return "";
    }
    String ascii = asciiName(raw);
    if (ascii != null) {
      return ascii;
    }
    String stripped = MARKS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFD)).replaceAll("");
    return NON_LETTERS.matcher(stripped.toUpperCase(Locale.ROOT)).replaceAll("");
  }

  /** The first forename, in normal form and canonical variant; empty when none. */
  public static String firstForename(String rawForenames) {
    if (rawForenames == null) {
      return "";
    }
    String trimmed = rawForenames.trim();
    int end = 0;
    while (end < trimmed.length() && !isSpace(trimmed.charAt(end))) {
      end++;
    }
    String first = trimmed.substring(0, end);
    String normal = name(first);
    return CANONICAL.getOrDefault(normal, normal);
  }

  /**
   * The normal form of ASCII text, one pass and no regex: decomposing and dropping marks leaves it
   * as it is, so upper-casing and keeping A-Z is all there is to do. Null for other text.
   */
  private static String asciiName(String raw) {
    char[] out = new char[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c > 0x7F) {
        return null;
      }
      if (c >= 'a' && c <= 'z') {
        out[n++] = (char) (c - 32);
      } else if (c >= 'A' && c <= 'Z') {
        out[n++] = c;
      }
    }
    return new String(out, 0, n);
  }

  /** What the pattern {@code \s} matches: ASCII white space. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static Map<String, String> loadVariants() {
    Map<String, String> out = new HashMap<>();
    try (InputStream in =
        NameNormaliser.class.getResourceAsStream("/uk/vruhub/ingest/core/forename-variants.csv")) {
      if (in == null) {
        throw new IllegalStateException("forename-variants.csv is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] names = line.split(",");
        String canonical = names[0].trim();
        for (String n : names) {
          out.putIfAbsent(n.trim(), canonical);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(out);
  }
}
