package uk.vruhub.ingest.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.common.MatchKey;
import uk.vruhub.avro.common.MatchKeyScheme;

class PseudonymiserTest {

  static final LinkageSecret SECRET =
      new LinkageSecret(
          "test-linkage-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8), "lk-test");
  private final Pseudonymiser pseudonymiser = new Pseudonymiser(SECRET);

  private static Identity person(String forenames, String surname, String dob, String postcode) {
    return new Identity(
        surname,
        forenames,
        dob == null ? null : LocalDate.parse(dob),
        "M",
        postcode,
        null,
        null,
        null,
        null);
  }

  private String key(Identity identity, MatchKeyScheme scheme) {
    return pseudonymiser.matchKeys(identity).stream()
        .filter(k -> k.getScheme() == scheme)
        .map(MatchKey::getValue)
        .findFirst()
        .orElse(null);
  }

  @Test
  void namesAreNormalisedBeforeHashing() {
    assertThat(NameNormaliser.name(" O'Neil-Smith ")).isEqualTo("ONEILSMITH");
    assertThat(NameNormaliser.name("Zoë")).isEqualTo("ZOE");
    assertThat(NameNormaliser.firstForename("bill  james")).isEqualTo("WILLIAM");
    assertThat(NameNormaliser.firstForename("Kate")).isEqualTo("CATHERINE");
    assertThat(NameNormaliser.firstForename(null)).isEmpty();
  }

  @Test
  void theSamePersonWrittenDifferentlyGivesTheSameKeys() {
    Identity a = person("William James", "O'Neil-Smith", "2009-03-05", "XA1 2BC");
    Identity b = person("BILL", "oneil smith", "2009-03-05", "XA1 9ZZ");

    assertThat(key(a, MatchKeyScheme.FULLNAME_DOB_SEX))
        .isNotNull()
        .isEqualTo(key(b, MatchKeyScheme.FULLNAME_DOB_SEX));
    assertThat(key(a, MatchKeyScheme.FORENAME_DOB_DISTRICT))
        .isEqualTo(key(b, MatchKeyScheme.FORENAME_DOB_DISTRICT));
  }

  @Test
  void differentPeopleGiveDifferentKeys() {
    Identity a = person("William", "Smith", "2009-03-05", "XA1 2BC");
    Identity b = person("William", "Smith", "2009-03-06", "XA1 2BC");
    Identity c = person("Walter", "Smith", "2009-03-05", "XA1 2BC");

    assertThat(key(a, MatchKeyScheme.FULLNAME_DOB_SEX))
        .isNotEqualTo(key(b, MatchKeyScheme.FULLNAME_DOB_SEX))
        .isNotEqualTo(key(c, MatchKeyScheme.FULLNAME_DOB_SEX));
    assertThat(key(a, MatchKeyScheme.INITIAL_SURNAME_DOB))
        .as("same initial, surname and date of birth")
        .isEqualTo(key(c, MatchKeyScheme.INITIAL_SURNAME_DOB));
  }

  @Test
  void keysNeedTheirItemsAndNativeIdsAreSeparateKeys() {
    Identity noDob =
        new Identity("Smith", "Ann", null, "F", null, "9990000018", null, "12/0123456A", null);
    assertThat(pseudonymiser.matchKeys(noDob))
        .extracting(MatchKey::getScheme)
        .containsExactly(MatchKeyScheme.NHS_NUMBER, MatchKeyScheme.PNC_ID);
  }

  @Test
  void aForceNominalIsItsOwnKeyWrittenOneWayWhateverTheCaseAndSpaces() {
    Identity a = new Identity("Smith", "Ann", null, "F", null, null, null, null, "N1000042");
    Identity b = new Identity("Smyth", "Anne", null, "F", null, null, null, null, " n1000042 ");
    Identity c = new Identity("Smith", "Ann", null, "F", null, null, null, null, "N1000043");
    assertThat(pseudonymiser.matchKeys(a))
        .extracting(MatchKey::getScheme)
        .containsExactly(MatchKeyScheme.POLICE_NOMINAL);
    assertThat(key(a, MatchKeyScheme.POLICE_NOMINAL))
        .isEqualTo(key(b, MatchKeyScheme.POLICE_NOMINAL))
        .isNotEqualTo(key(c, MatchKeyScheme.POLICE_NOMINAL))
        .doesNotContain("1000042");
    assertThat(
            pseudonymiser.matchKeys(
                new Identity("Smith", "Ann", null, "F", null, null, null, null, "  ")))
        .as("a blank nominal is none")
        .isEmpty();
  }

  @Test
  void keysDependOnTheSecretAndNeverShowTheirInput() {
    Identity a = person("Ann", "Smith", "2001-01-01", null);
    Pseudonymiser other =
        new Pseudonymiser(
            new LinkageSecret(
                "another-secret-of-at-least-thirty-two-b".getBytes(StandardCharsets.UTF_8), "lk2"));
    List<MatchKey> mine = pseudonymiser.matchKeys(a);
    assertThat(mine)
        .extracting(MatchKey::getValue)
        .doesNotContainAnyElementsOf(other.matchKeys(a).stream().map(MatchKey::getValue).toList());
    assertThat(mine)
        .allSatisfy(
            k ->
                assertThat(k.getValue())
                    .hasSize(43)
                    .doesNotContainIgnoringCase("SMITH")
                    .doesNotContain("2001"));
  }

  @Test
  void recordPseudonymsAreSeparatedFromMatchKeys() {
    assertThat(pseudonymiser.recordPseudonym("POLICE", "44/1/26", "N1"))
        .isEqualTo(pseudonymiser.recordPseudonym("POLICE", "44/1/26 ", "n1"))
        .isNotEqualTo(pseudonymiser.recordPseudonym("HEALTH", "44/1/26", "N1"));
  }

  @Test
  void aMissingOrShortSecretRefusesToStart() {
    assertThatThrownBy(() -> LinkageSecret.load(null, Map.of(), "lk1"))
        .hasMessageStartingWith("No linkage secret: set HUB_LINKAGE_SECRET_FILE");
    assertThatThrownBy(() -> LinkageSecret.load(null, Map.of("HUB_LINKAGE_SECRET", "short"), "lk1"))
        .hasMessageContaining("at least 32 bytes");
    assertThat(
            LinkageSecret.load(null, Map.of("HUB_LINKAGE_SECRET", "x".repeat(40)), "lk9")
                .toString())
        .isEqualTo("LinkageSecret[keyId=lk9]");
    assertThat(new Identity("Smith", "Ann", null, "F", null, null, null, null, null).toString())
        .doesNotContain("Smith");
  }
}
