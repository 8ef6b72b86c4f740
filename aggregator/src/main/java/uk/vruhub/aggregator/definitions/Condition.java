package uk.vruhub.aggregator.definitions;

import java.util.List;
import java.util.Set;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;

/**
 * A test an incident passes or fails; definitions are built from these. The conditions the
 * definitions file names are records, so that what one definition says can be compared with
 * another's ({@link Containment}), not only run.
 */
@FunctionalInterface
public interface Condition {

  boolean test(Incident incident);

  /** Every condition holds. */
  static Condition all(List<Condition> conditions) {
    return new All(List.copyOf(conditions));
  }

  /** At least one condition holds. */
  static Condition any(List<Condition> conditions) {
    return new Any(List.copyOf(conditions));
  }

  static Condition not(Condition condition) {
    return new Not(condition);
  }

  static Condition always() {
    return new Always();
  }

  static Condition source(Set<Incident.Source> sources) {
    return new Source(Set.copyOf(sources));
  }

  /** The Home Office offence code is one of these (police only). */
  static Condition offenceCodes(Set<String> codes) {
    return new OffenceCodes(Set.copyOf(codes));
  }

  /**
   * The force's local category is one of these (police only), compared case-insensitively: give
   * them in lower case.
   */
  static Condition localCategories(Set<String> categories) {
    return new LocalCategories(Set.copyOf(categories));
  }

  static Condition weapon(Set<Weapon> weapons) {
    return new WeaponUsed(Set.copyOf(weapons));
  }

  static Condition place(Set<PlaceType> places) {
    return new Place(Set.copyOf(places));
  }

  /** The injury is at least this severe (UNKNOWN never is). */
  static Condition injuryAtLeast(InjuryLevel level) {
    return new InjuryAtLeast(level);
  }

  /**
   * The domestic-abuse flag is this value. An incident whose agency does not record the flag (null)
   * counts as not flagged: the hub cannot exclude what it cannot see, and says so.
   */
  static Condition domesticAbuse(boolean flagged) {
    return new DomesticAbuse(flagged);
  }

  /** Anyone involved (victim, suspect or offender) is younger than this. */
  static Condition anyPersonUnder(int age) {
    return new AnyPersonUnder(age);
  }

  /** A victim is younger than this. */
  static Condition victimUnder(int age) {
    return new VictimUnder(age);
  }

  record All(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(Incident i) {
      return conditions.stream().allMatch(c -> c.test(i));
    }
  }

  record Any(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(Incident i) {
      return conditions.stream().anyMatch(c -> c.test(i));
    }
  }

  record Not(Condition condition) implements Condition {
    @Override
    public boolean test(Incident i) {
      return !condition.test(i);
    }
  }

  record Always() implements Condition {
    @Override
    public boolean test(Incident i) {
      return true;
    }
  }

  record Source(Set<Incident.Source> sources) implements Condition {
    @Override
    public boolean test(Incident i) {
      return sources.contains(i.source());
    }
  }

  record OffenceCodes(Set<String> codes) implements Condition {
    @Override
    public boolean test(Incident i) {
      return i.offenceCode() != null && codes.contains(i.offenceCode());
    }
  }

  record LocalCategories(Set<String> categories) implements Condition {
    @Override
    public boolean test(Incident i) {
      return i.localCategory() != null
          && categories.contains(i.localCategory().toLowerCase(java.util.Locale.ROOT));
    }
  }

  record WeaponUsed(Set<Weapon> weapons) implements Condition {
    @Override
    public boolean test(Incident i) {
      return weapons.contains(i.weapon());
    }
  }

  record Place(Set<PlaceType> places) implements Condition {
    @Override
    public boolean test(Incident i) {
      return places.contains(i.place());
    }
  }

  record InjuryAtLeast(InjuryLevel level) implements Condition {
    @Override
    public boolean test(Incident i) {
      return i.injury() != InjuryLevel.UNKNOWN && i.injury().ordinal() >= level.ordinal();
    }
  }

  record DomesticAbuse(boolean flagged) implements Condition {
    @Override
    public boolean test(Incident i) {
      return Boolean.TRUE.equals(i.domesticAbuse()) == flagged;
    }
  }

  record AnyPersonUnder(int age) implements Condition {
    @Override
    public boolean test(Incident i) {
      return i.people().stream().anyMatch(p -> p.age() != null && p.age() < age);
    }
  }

  record VictimUnder(int age) implements Condition {
    @Override
    public boolean test(Incident i) {
      return i.people().stream()
          .anyMatch(p -> p.role() == PersonRole.VICTIM && p.age() != null && p.age() < age);
    }
  }
}
