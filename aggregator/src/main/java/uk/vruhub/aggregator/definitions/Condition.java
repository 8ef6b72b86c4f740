package uk.vruhub.aggregator.definitions;

import java.util.List;
import java.util.Set;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;

/** A test an incident passes or fails; definitions are built from these. */
@FunctionalInterface
public interface Condition {

  boolean test(Incident incident);

  /** Every condition holds. */
  static Condition all(List<Condition> conditions) {
    return i -> conditions.stream().allMatch(c -> c.test(i));
  }

  /** At least one condition holds. */
  static Condition any(List<Condition> conditions) {
    return i -> conditions.stream().anyMatch(c -> c.test(i));
  }

  static Condition not(Condition condition) {
    return i -> !condition.test(i);
  }

  static Condition always() {
    return i -> true;
  }

  static Condition source(Set<Incident.Source> sources) {
    return i -> sources.contains(i.source());
  }

  /** The Home Office offence code is one of these (police only). */
  static Condition offenceCodes(Set<String> codes) {
    return i -> i.offenceCode() != null && codes.contains(i.offenceCode());
  }

  /** The force's local category is one of these (police only), compared case-insensitively. */
  static Condition localCategories(Set<String> categories) {
    return i ->
        i.localCategory() != null
            && categories.contains(i.localCategory().toLowerCase(java.util.Locale.ROOT));
  }

  static Condition weapon(Set<Weapon> weapons) {
    return i -> weapons.contains(i.weapon());
  }

  static Condition place(Set<PlaceType> places) {
    return i -> places.contains(i.place());
  }

  /** The injury is at least this severe (UNKNOWN never is). */
  static Condition injuryAtLeast(InjuryLevel level) {
    return i -> i.injury() != InjuryLevel.UNKNOWN && i.injury().ordinal() >= level.ordinal();
  }

  /**
   * The domestic-abuse flag is this value. An incident whose agency does not record the flag (null)
   * counts as not flagged: the hub cannot exclude what it cannot see, and says so.
   */
  static Condition domesticAbuse(boolean flagged) {
    return i -> Boolean.TRUE.equals(i.domesticAbuse()) == flagged;
  }

  /** Anyone involved (victim, suspect or offender) is younger than this. */
  static Condition anyPersonUnder(int age) {
    return i -> i.people().stream().anyMatch(p -> p.age() != null && p.age() < age);
  }

  /** A victim is younger than this. */
  static Condition victimUnder(int age) {
    return i ->
        i.people().stream()
            .anyMatch(p -> p.role() == PersonRole.VICTIM && p.age() != null && p.age() < age);
  }
}
