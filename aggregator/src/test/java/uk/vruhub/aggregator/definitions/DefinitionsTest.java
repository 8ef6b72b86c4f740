package uk.vruhub.aggregator.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;

/**
 * The four shipped definitions side by side on incidents chosen where they disagree: domestic
 * abuse, public place, under 25, weapons (domain.md section 2).
 */
class DefinitionsTest {

  private final Definitions definitions = Definitions.shipped();

  private static Incident police(
      String code,
      String local,
      Weapon weapon,
      InjuryLevel injury,
      PlaceType place,
      boolean da,
      int... ages) {
    List<Incident.Person> people =
        java.util.Arrays.stream(ages)
            .mapToObj(a -> new Incident.Person(PersonRole.VICTIM, a))
            .toList();
    return new Incident(
        Incident.Source.POLICE,
        code,
        local,
        weapon,
        injury,
        place,
        da,
        people,
        LocalDate.of(2026, 3, 1),
        "E01900001");
  }

  private List<String> including(Incident incident) {
    return definitions.all().stream()
        .filter(d -> d.includes(incident))
        .map(Definition::id)
        .collect(Collectors.toList());
  }

  @Test
  void shipsTheFourPartnershipsDefinitions() {
    assertThat(definitions.all())
        .extracting(Definition::key)
        .containsExactly("sussex-2020@1", "hips-2023@1", "notts-2020@1", "northumbria-who@1");
    assertThat(definitions.get("hips-2023").key()).isEqualTo("hips-2023@1");
    assertThatThrownBy(() -> definitions.get("kent"))
        .hasMessageStartingWith("No serious-violence definition 'kent'");
  }

  @Test
  void domesticAbuseIsOutForHipsAndInForNottinghamshire() {
    Incident stabbingAtHome =
        police(
            "5A", "1a", Weapon.KNIFE_OR_BLADED, InjuryLevel.SERIOUS, PlaceType.DWELLING, true, 35);
    assertThat(including(stabbingAtHome))
        .as("HIPS excludes domestic abuse; Sussex a private place where all are 25 or over")
        .containsExactly("notts-2020", "northumbria-who");
    Incident youngerStabbingAtHome =
        police(
            "5A",
            "1a",
            Weapon.KNIFE_OR_BLADED,
            InjuryLevel.SERIOUS,
            PlaceType.DWELLING,
            true,
            35,
            17);
    assertThat(including(youngerStabbingAtHome))
        .containsExactly("sussex-2020", "notts-2020", "northumbria-who");
  }

  @Test
  void sussexNeedsAPublicPlaceOrSomeoneUnder25() {
    Incident adultsAtHome =
        police("5A", null, Weapon.NONE, InjuryLevel.SERIOUS, PlaceType.DWELLING, false, 30, 41);
    Incident youngAtHome =
        police("5A", null, Weapon.NONE, InjuryLevel.SERIOUS, PlaceType.DWELLING, false, 30, 19);
    assertThat(including(adultsAtHome)).doesNotContain("sussex-2020").contains("notts-2020");
    assertThat(including(youngAtHome)).contains("sussex-2020");
  }

  @Test
  void weaponsWithoutInjuryCountForSomeAndNotOthers() {
    Incident knifeNoInjury =
        police("10D", null, Weapon.KNIFE_OR_BLADED, InjuryLevel.NONE, PlaceType.PUBLIC, false, 16);
    assertThat(including(knifeNoInjury))
        .as("possession: Sussex and Nottinghamshire yes, HIPS only as local code 7")
        .containsExactly("sussex-2020", "notts-2020", "northumbria-who");
    Incident knifeNoInjuryCoded7 =
        police("10D", "7", Weapon.KNIFE_OR_BLADED, InjuryLevel.NONE, PlaceType.PUBLIC, false, 16);
    assertThat(including(knifeNoInjuryCoded7)).contains("hips-2023");
  }

  @Test
  void robberyAndDisorderCountForHipsByLocalCode() {
    Incident robbery =
        police("34B", "3b", Weapon.NONE, InjuryLevel.NONE, PlaceType.PUBLIC, false, 30);
    assertThat(including(robbery)).containsExactly("hips-2023", "northumbria-who");
  }

  @Test
  void emergencyDepartmentDataHasNoDomesticAbuseFlagSoIsNotExcludedForIt() {
    Incident glassing =
        new Incident(
            Incident.Source.HEALTH,
            null,
            null,
            Weapon.OTHER,
            InjuryLevel.MINOR,
            PlaceType.PUBLIC,
            null,
            List.of(new Incident.Person(PersonRole.VICTIM, 22)),
            LocalDate.of(2026, 3, 1),
            null);
    assertThat(including(glassing)).containsExactly("sussex-2020", "northumbria-who");
  }

  @Test
  void membershipIsABitPerDefinition() {
    Incident all =
        police(
            "5A", "1a", Weapon.KNIFE_OR_BLADED, InjuryLevel.SERIOUS, PlaceType.PUBLIC, false, 17);
    assertThat(definitions.membership(all)).isEqualTo(0b1111);
  }
}
