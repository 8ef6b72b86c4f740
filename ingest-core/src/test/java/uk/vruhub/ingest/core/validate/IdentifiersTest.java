package uk.vruhub.ingest.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void nhsNumbersCarryAModulus11CheckDigit() {
    assertThat(Identifiers.nhsCheckDigitValid("9434765919")).isTrue();
    assertThat(Identifiers.nhsCheckDigitValid("9990000018")).isTrue();
    assertThat(Identifiers.nhsCheckDigitValid("9990000019")).isFalse();
    assertThat(Identifiers.nhsCheckDigit("999000001")).isEqualTo(8);
    assertThat(Identifiers.nhsDigits("999 000 0018")).isEqualTo("9990000018");
    assertThat(Identifiers.nhsDigits("999-000-001")).isNull();
  }

  @Test
  void upnsCarryADfECheckLetter() {
    assertThat(Identifiers.upnCheckLetterValid("N999123426001")).isTrue();
    assertThat(Identifiers.upnCheckLetterValid("C999123426002")).isTrue();
    assertThat(Identifiers.upnCheckLetterValid("E93912342600A"))
        .as("temporary UPN ending in a letter")
        .isTrue();
    assertThat(Identifiers.upnCheckLetterValid("A999123426001")).isFalse();
    assertThat(Identifiers.upn(" n999123426001 ")).isEqualTo("N999123426001");
    assertThat(Identifiers.upn("N99912342600")).isNull();
  }

  @Test
  void postcodesAreNormalisedAndTheirDistrictKnown() {
    assertThat(Identifiers.postcode("xa12bc")).isEqualTo("XA1 2BC");
    assertThat(Identifiers.postcode(" XA10  2BC ")).isEqualTo("XA10 2BC");
    assertThat(Identifiers.postcode("XAB1 2BC")).isNull();
    assertThat(Identifiers.postcode("12345")).isNull();
    assertThat(Identifiers.district("XA10 2BC")).isEqualTo("XA10");
  }

  @Test
  void pncIdsAreNormalisedToTwoDigitYears() {
    assertThat(Identifiers.pnc("2012/123456A")).isEqualTo("12/0123456A");
    assertThat(Identifiers.pnc("12/0123456a")).isEqualTo("12/0123456A");
    assertThat(Identifiers.pnc("2012-123456A")).isNull();
  }
}
