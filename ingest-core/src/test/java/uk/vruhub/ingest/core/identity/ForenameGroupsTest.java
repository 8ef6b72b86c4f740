package uk.vruhub.ingest.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForenameGroupsTest {

  private final ForenameGroups groups = ForenameGroups.standard();

  @Test
  void aNameIsInEveryGroupThatHoldsIt() {
    assertThat(groups.groupsOf("ALEX")).contains("ALEX", "ALEXANDER", "ALEXANDRA");
    assertThat(groups.groupsOf("JON")).contains("JOHN", "JON", "JONATHAN");
    assertThat(groups.groupsOf("JOHN")).contains("JOHN", "JON").doesNotHaveDuplicates();
  }

  @Test
  void britishFormsFromTheLocalAdditions() {
    assertThat(groups.groupsOf("ALFIE")).contains("ALFRED");
    assertThat(groups.groupsOf("FREDDIE")).contains("FREDERICK");
    assertThat(groups.groupsOf("ELLIE")).contains("ELEANOR", "ELLEN", "ELIZABETH");
    assertThat(groups.groupsOf("OLLIE")).contains("OLIVER");
    assertThat(groups.groupsOf("HARRY")).contains("HENRY", "HAROLD");
    assertThat(groups.groupsOf("ARCHIE")).contains("ARCHIBALD");
    assertThat(groups.groupsOf("EVIE")).contains("EVELYN");
    assertThat(groups.groupsOf("MO")).contains("MOHAMMED", "MUHAMMAD");
  }

  @Test
  void theExactKeysListIsInTheGroupsToo() {
    // forename-variants.csv: KIERAN,KIERON,CIARAN,CIARON and MOHAMMED,...,MOHAMEDALI.
    assertThat(groups.groupsOf("CIARON")).contains("KIERAN");
    assertThat(groups.groupsOf("MOHAMMEDALI")).contains("MOHAMMED");
    assertThat(groups.groupsOf("KATE")).contains("CATHERINE");
  }

  @Test
  void aNameInNoGroupIsItsOwnAndTheRankingIsOneForAll() {
    assertThat(groups.groupsOf("ZEBEDEE")).containsExactly("ZEBEDEE");
    assertThat(groups.groupsOf("")).isEmpty();
    assertThat(groups.names()).isGreaterThan(2000);
    // JOHN and JON list the groups they share in one order.
    var john = groups.groupsOf("JOHN").stream().filter(groups.groupsOf("JON")::contains).toList();
    var jon = groups.groupsOf("JON").stream().filter(groups.groupsOf("JOHN")::contains).toList();
    assertThat(john).isEqualTo(jon).isNotEmpty();
  }

  @Test
  void aGroupsHeadIsAFormOfEveryNameInItAndInformalFormsOfOneNameOfEachOther() {
    assertThat(variants("JOHN", "JON")).isTrue();
    assertThat(variants("JOHN", "JACK")).isTrue();
    assertThat(variants("AMELIA", "AMY")).isTrue();
    assertThat(variants("AMELIA", "EMILY")).isTrue(); // EMILY heads a group and is in AMELIA's
    assertThat(variants("BILL", "WILL")).isTrue(); // both only forms of WILLIAM
    assertThat(variants("OLLIE", "OLIVER")).isTrue();
    assertThat(variants("ALFIE", "ALFRED")).isTrue();
    assertThat(variants("ZEBEDEE", "ZEBEDEE")).isTrue();
    assertThat(groups.variantsOf("ZEBEDEE")).containsExactly("ZEBEDEE");
    assertThat(groups.variantsOf("")).isEmpty();
  }

  @Test
  void twoNamesOnlyListedAsFormsOfAThirdAreTwoNamesWhenOneIsAGivenNameInItsOwnRight() {
    // Both share AMELIA's group, so they are compared (groupsOf), but EMILY is a name of its own:
    // twins Emily and Amy are two people.
    assertThat(groups.groupsOf("EMILY")).contains("AMELIA");
    assertThat(groups.groupsOf("AMY")).contains("AMELIA");
    assertThat(variants("EMILY", "AMY")).isFalse();
    assertThat(variants("JACK", "IAN")).isFalse();
    assertThat(variants("JOHN", "MARY")).isFalse();
  }

  @Test
  void everyNameOfALineOfTheExactKeysListStaysAFormOfEveryOther() {
    // forename-variants.csv gives a line one exact key, so the fuzzy matcher must not call its
    // names different: ALEX and SANDY are both formal names of ALEXANDER's line.
    assertThat(variants("ALEX", "SANDY")).isTrue();
    assertThat(variants("KATHRYN", "KITTY")).isTrue();
    assertThat(variants("KIERAN", "CIARON")).isTrue();
  }

  private boolean variants(String a, String b) {
    return groups.variantsOf(a).stream().anyMatch(groups.variantsOf(b)::contains);
  }
}
