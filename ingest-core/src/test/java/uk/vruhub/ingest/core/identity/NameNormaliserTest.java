package uk.vruhub.ingest.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Names are normalised exactly as the decompose-and-pattern reading did (kept here as the
 * reference), whether the one-pass reading of ASCII text or the full one is taken.
 */
class NameNormaliserTest {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_LETTERS = Pattern.compile("[^A-Z]");

  static String referenceName(String raw) {
    String stripped = MARKS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFD)).replaceAll("");
    return NON_LETTERS.matcher(stripped.toUpperCase(Locale.ROOT)).replaceAll("");
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars("abzABZ '-.\t\n\u000B\f\r\u00A0éÖßıçñ")
            .ofMinLength(0)
            .ofMaxLength(20),
        Arbitraries.strings().ofMinLength(0).ofMaxLength(20));
  }

  @Property(tries = 5_000)
  void namesAreNormalisedAsBefore(@ForAll("names") String raw) {
    assertThat(NameNormaliser.name(raw)).isEqualTo(referenceName(raw));
  }

  @Property(tries = 5_000)
  void theFirstForenameIsTakenAsBefore(@ForAll("names") String raw) {
    String trimmed = raw.trim();
    String first = trimmed.isEmpty() ? "" : trimmed.split("[\\s]+")[0];
    String normal = referenceName(first);
    String expected = NameNormaliser.firstForename(normal.isEmpty() ? "" : normal);
    assertThat(NameNormaliser.firstForename(raw)).isEqualTo(expected);
  }
}
