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
    String stripped = MARKS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFD)).replaceAll("");
    return NON_LETTERS.matcher(stripped.toUpperCase(Locale.ROOT)).replaceAll("");
  }

  /** The first forename, in normal form and canonical variant; empty when none. */
  public static String firstForename(String rawForenames) {
    if (rawForenames == null) {
      return "";
    }
    String trimmed = rawForenames.trim();
    String first = trimmed.isEmpty() ? "" : trimmed.split("[\\s]+")[0];
    String normal = name(first);
    return CANONICAL.getOrDefault(normal, normal);
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
