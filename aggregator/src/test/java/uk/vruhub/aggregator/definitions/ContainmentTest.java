package uk.vruhub.aggregator.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;

/**
 * Which definitions are nested in which: proved from the conditions' form, never claimed where an
 * incident exists that one admits and the other does not.
 */
class ContainmentTest {

  @Test
  void theWhoDefinitionHoldsEveryOtherShippedOneAndNoneHoldsIt() {
    Map<String, Set<String>> nested = Definitions.shipped().nestedIn();

    assertThat(nested)
        .containsOnlyKeys("sussex-2020@1", "hips-2023@1", "notts-2020@1", "northumbria-who@1");
    assertThat(nested.get("sussex-2020@1")).containsExactly("northumbria-who@1");
    assertThat(nested.get("hips-2023@1")).containsExactly("northumbria-who@1");
    assertThat(nested.get("notts-2020@1")).containsExactly("northumbria-who@1");
    assertThat(nested.get("northumbria-who@1")).isEmpty();
  }

  @Test
  void provesNestingThroughConjunctionsDisjunctionsAndStricterLeaves() {
    Condition knifeSerious =
        Condition.all(
            List.of(
                Condition.weapon(EnumSet.of(Weapon.KNIFE_OR_BLADED)),
                Condition.injuryAtLeast(InjuryLevel.SERIOUS)));
    Condition weaponOrModerate =
        Condition.any(
            List.of(
                Condition.weapon(EnumSet.of(Weapon.KNIFE_OR_BLADED, Weapon.FIREARM)),
                Condition.injuryAtLeast(InjuryLevel.MODERATE)));

    assertThat(Containment.implies(knifeSerious, weaponOrModerate)).isTrue();
    assertThat(Containment.implies(weaponOrModerate, knifeSerious)).isFalse();
    assertThat(Containment.implies(Condition.victimUnder(18), Condition.anyPersonUnder(25)))
        .isTrue();
    assertThat(Containment.implies(Condition.anyPersonUnder(18), Condition.victimUnder(25)))
        .isFalse();
    assertThat(
            Containment.implies(
                Condition.not(Condition.place(EnumSet.of(PlaceType.PUBLIC, PlaceType.OTHER))),
                Condition.not(Condition.place(EnumSet.of(PlaceType.PUBLIC)))))
        .isTrue();
    assertThat(
            Containment.implies(
                Condition.localCategories(Set.of("1a")), Condition.offenceCodes(Set.of("1A"))))
        .as("a local category says nothing of the Home Office code")
        .isFalse();
    assertThat(Containment.implies(Condition.not(Condition.always()), knifeSerious)).isTrue();
  }

  /**
   * Random pairs of conditions, many built so that one holds the other: every nesting proved holds
   * on every incident of a grid over the attributes the conditions read.
   */
  @Test
  void aProvedNestingHoldsOnEveryIncident() {
    List<Incident> grid = grid();
    Random random = new Random(20261206);
    int proved = 0;
    for (int pair = 0; pair < 600; pair++) {
      Condition a = random(random, 3);
      Condition b =
          switch (random.nextInt(4)) {
            case 0 -> random(random, 3);
            case 1 -> Condition.any(List.of(random(random, 2), widened(a, random)));
            case 2 -> widened(a, random);
            default -> a;
          };
      if (random.nextBoolean()) {
        a = Condition.all(List.of(a, random(random, 2)));
      }
      if (!Containment.implies(a, b)) {
        continue;
      }
      proved++;
      for (Incident i : grid) {
        if (a.test(i) && !b.test(i)) {
          throw new AssertionError(a + " was proved inside " + b + " but admits " + i);
        }
      }
    }
    assertThat(proved).as("pairs proved nested and checked").isGreaterThan(250);
  }

  /** The same condition with its leaves' sets widened and its limits loosened. */
  private static Condition widened(Condition c, Random r) {
    if (c instanceof Condition.All all) {
      return Condition.all(all.conditions().stream().map(x -> widened(x, r)).toList());
    }
    if (c instanceof Condition.Any any) {
      List<Condition> parts = new ArrayList<>(any.conditions());
      parts.replaceAll(x -> widened(x, r));
      parts.add(random(r, 1));
      return Condition.any(parts);
    }
    if (c instanceof Condition.WeaponUsed w) {
      EnumSet<Weapon> more = EnumSet.noneOf(Weapon.class);
      more.addAll(w.weapons());
      more.add(Weapon.values()[r.nextInt(Weapon.values().length)]);
      return Condition.weapon(more);
    }
    if (c instanceof Condition.InjuryAtLeast i && i.level().ordinal() > 0) {
      return Condition.injuryAtLeast(InjuryLevel.values()[i.level().ordinal() - 1]);
    }
    if (c instanceof Condition.VictimUnder v) {
      return r.nextBoolean()
          ? Condition.anyPersonUnder(v.age() + 5)
          : Condition.victimUnder(v.age() + 1);
    }
    return c;
  }

  private static Condition random(Random r, int depth) {
    int kind = r.nextInt(depth > 0 ? 12 : 9);
    return switch (kind) {
      case 0 -> Condition.source(EnumSet.of(pick(r, Incident.Source.values())));
      case 1 -> Condition.offenceCodes(Set.of(pick(r, CODES)));
      case 2 -> Condition.localCategories(Set.of(pick(r, CATEGORIES)));
      case 3 -> Condition.weapon(EnumSet.of(pick(r, Weapon.values()), pick(r, Weapon.values())));
      case 4 -> Condition.place(EnumSet.of(pick(r, PlaceType.values())));
      case 5 -> Condition.injuryAtLeast(pick(r, InjuryLevel.values()));
      case 6 -> Condition.domesticAbuse(r.nextBoolean());
      case 7 -> Condition.anyPersonUnder(15 + r.nextInt(15));
      case 8 -> Condition.victimUnder(15 + r.nextInt(15));
      case 9 -> Condition.all(List.of(random(r, depth - 1), random(r, depth - 1)));
      case 10 -> Condition.any(List.of(random(r, depth - 1), random(r, depth - 1)));
      default -> Condition.not(random(r, depth - 1));
    };
  }

  private static final String[] CODES = {"19C", "10A", "8N"};
  private static final String[] CATEGORIES = {"1a", "3a", "7"};

  private static <T> T pick(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  private static List<Incident> grid() {
    List<List<Incident.Person>> people =
        List.of(
            List.of(),
            List.of(new Incident.Person(PersonRole.VICTIM, 16)),
            List.of(new Incident.Person(PersonRole.SUSPECT, 21)),
            List.of(
                new Incident.Person(PersonRole.VICTIM, 28),
                new Incident.Person(PersonRole.OFFENDER, 19)),
            List.of(new Incident.Person(PersonRole.VICTIM, null)));
    List<Incident> out = new ArrayList<>();
    for (Incident.Source source : Incident.Source.values()) {
      for (String code : new String[] {null, "19C", "10A"}) {
        for (String category : new String[] {null, "1A", "3a"}) {
          for (Weapon weapon : Weapon.values()) {
            for (InjuryLevel injury : InjuryLevel.values()) {
              for (PlaceType place : PlaceType.values()) {
                for (Boolean da : new Boolean[] {null, true, false}) {
                  for (List<Incident.Person> p : people) {
                    out.add(
                        new Incident(
                            source,
                            code,
                            category,
                            weapon,
                            injury,
                            place,
                            da,
                            p,
                            LocalDate.of(2026, 3, 1),
                            "E01900001"));
                  }
                }
              }
            }
          }
        }
      }
    }
    return out;
  }
}
