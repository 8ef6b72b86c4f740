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
import net.jqwik.api.constraints.CharRange;
import org.junit.jupiter.api.Test;

/**
 * Names are transliterated by ICU, and wherever the old decompose-and-drop-marks reading (kept here
 * as the reference) was right, ICU's reading is the same, so match keys of ASCII names and of names
 * with accents that decompose do not change. Only letters that do not decompose (Ł, ø, đ, æ...),
 * which that reading dropped, and other scripts, which it dropped whole, now normalise to letters.
 */
class NameNormaliserTest {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_LETTERS = Pattern.compile("[^A-Z]");

  static String referenceName(String raw) {
    String stripped = MARKS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFD)).replaceAll("");
    return NON_LETTERS.matcher(stripped.toUpperCase(Locale.ROOT)).replaceAll("");
  }

  /** Text whose letters decompose into A-Z and marks, or are ß and ı: both readings agree. */
  @Provide
  Arbitrary<String> decomposable() {
    return Arbitraries.strings()
        .withChars("abzABZ '-.\t\n\u000B\f\r\u00A0éÖßıçñüÅŐőĞ\u0301\u0308")
        .ofMinLength(0)
        .ofMaxLength(20);
  }

  @Property(tries = 5_000)
  void decomposableNamesAreNormalisedAsBefore(@ForAll("decomposable") String raw) {
    assertThat(NameNormaliser.name(raw)).isEqualTo(referenceName(raw));
  }

  @Property(tries = 5_000)
  void asciiNamesAreNormalisedAsBefore(@ForAll @CharRange(from = 0, to = 0x7F) String raw) {
    assertThat(NameNormaliser.name(raw)).isEqualTo(referenceName(raw));
  }

  @Property(tries = 5_000)
  void anyTextNormalisesToCapitalLettersAndStaysPut(@ForAll String raw) {
    String normal = NameNormaliser.name(raw);
    assertThat(normal).matches("[A-Z]*");
    assertThat(NameNormaliser.name(normal)).isEqualTo(normal);
  }

  @Property(tries = 5_000)
  void theFirstForenameIsTakenAsBefore(@ForAll("decomposable") String raw) {
    String trimmed = raw.trim();
    String first = trimmed.isEmpty() ? "" : trimmed.split("[\\s]+")[0];
    String normal = referenceName(first);
    String expected = NameNormaliser.firstForename(normal.isEmpty() ? "" : normal);
    assertThat(NameNormaliser.firstForename(raw)).isEqualTo(expected);
  }

  @Test
  void lettersThatDoNotDecomposeAreTransliterated() {
    assertThat(NameNormaliser.name("Łukasz")).isEqualTo("LUKASZ");
    assertThat(NameNormaliser.name("łódź")).isEqualTo("LODZ");
    assertThat(NameNormaliser.name("Søren")).isEqualTo("SOREN");
    assertThat(NameNormaliser.name("Ørjan")).isEqualTo("ORJAN");
    assertThat(NameNormaliser.name("Đorđe")).isEqualTo("DORDE");
    assertThat(NameNormaliser.name("Straße")).isEqualTo("STRASSE");
    assertThat(NameNormaliser.name("Cæcilie")).isEqualTo("CAECILIE");
    assertThat(NameNormaliser.name("Æsa")).isEqualTo("AESA");
    assertThat(NameNormaliser.name("Œdipe")).isEqualTo("OEDIPE");
    assertThat(NameNormaliser.name("Őrs")).isEqualTo("ORS");
    assertThat(NameNormaliser.name("Þór")).isEqualTo("THOR");
    assertThat(NameNormaliser.name("Zoë")).isEqualTo("ZOE");
    assertThat(NameNormaliser.name("Müller")).isEqualTo("MULLER");
    assertThat(NameNormaliser.name("Ñúñez")).isEqualTo("NUNEZ");
    assertThat(NameNormaliser.name("Zoe\u0308")).isEqualTo("ZOE");
    assertThat(NameNormaliser.name("O\u2019Neil-Smith")).isEqualTo("ONEILSMITH");
    // Other scripts read in Latin, where the old reading left nothing.
    assertThat(NameNormaliser.name("Иван")).isEqualTo("IVAN");
    assertThat(NameNormaliser.name("Γιώργος")).isEqualTo("GIORGOS");
  }

  @Test
  void theExactKeysForenameCanonicalIsTheOldList() {
    assertThat(NameNormaliser.firstForename("Bill")).isEqualTo("WILLIAM");
    assertThat(NameNormaliser.firstForename("Jon Paul")).isEqualTo("JONATHAN");
    assertThat(NameNormaliser.firstForename("alex")).isEqualTo("ALEXANDER");
    assertThat(NameNormaliser.firstForename("Sam")).isEqualTo("SAMUEL");
    // Names the old list does not know are not canonicalised, even where the nickname list knows
    // them: the exact key of ALFIE stays ALFIE.
    assertThat(NameNormaliser.firstForename("Alfie")).isEqualTo("ALFIE");
    assertThat(NameNormaliser.firstForename("Łukasz")).isEqualTo("LUKASZ");
  }
}
