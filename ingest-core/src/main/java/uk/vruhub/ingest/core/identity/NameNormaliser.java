package uk.vruhub.ingest.core.identity;

import com.ibm.icu.text.Transliterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Puts names into one form before match keys and similarity encodings are made, so the same person
 * gives the same key in every agency's records: transliterated to ASCII by ICU's {@value
 * #TRANSLITERATION} ("Zoë" becomes ZOE, "Łukasz" LUKASZ, "Søren" SOREN, "Đorđe" DORDE, "Müller"
 * MULLER, "Straße" STRASSE, "Æsa" AESA, and other scripts their Latin reading, "Иван" IVAN), upper
 * case, spaces, hyphens, apostrophes and other non-letters removed ("O'Neil-Smith" becomes
 * ONEILSMITH), and for the first forename, common variants and nicknames mapped to one canonical
 * form (BILL and WILL become WILLIAM) from {@code forename-variants.csv}.
 *
 * <p>ASCII text, most names, takes a one-pass path without ICU; other text is transliterated by a
 * {@link Transliterator} kept per thread, as one is not thread-safe.
 */
public final class NameNormaliser {

  /** The ICU transform of non-ASCII names: any script to Latin, then Latin to ASCII. */
  public static final String TRANSLITERATION = "Any-Latin; Latin-ASCII";

  private static final ThreadLocal<Transliterator> TO_ASCII =
      ThreadLocal.withInitial(() -> Transliterator.getInstance(TRANSLITERATION));
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
    return letters(transliterated(raw));
  }

  /**
   * The text with everything but its separators transliterated to ASCII: the text itself when it is
   * ASCII already, else ICU's {@value #TRANSLITERATION} of it (which keeps spaces and hyphens).
   */
  static String latinAscii(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) > 0x7F) {
        return transliterated(raw);
      }
    }
    return raw;
  }

  private static String transliterated(String raw) {
    return TO_ASCII.get().transliterate(raw);
  }

  /** Upper case, letters A-Z only; anything ICU left outside ASCII is dropped. */
  private static String letters(String text) {
    String ascii = asciiName(text);
    if (ascii != null) {
      return ascii;
    }
    String upper = text.toUpperCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(upper.length());
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        out.append(c);
      }
    }
    return out.toString();
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
   * The normal form of ASCII text, one pass and no regex: transliteration leaves it as it is, so
   * upper-casing and keeping A-Z is all there is to do. Null for other text.
   */
  static String asciiName(String raw) {
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
