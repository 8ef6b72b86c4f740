package uk.vruhub.aggregator.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import uk.vruhub.aggregator.definitions.Incident;
import uk.vruhub.aggregator.state.CrimeState;
import uk.vruhub.avro.agency.AssaultLocationType;
import uk.vruhub.avro.agency.AssaultMethod;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;

/** Agency records in the forms the definitions, the hotspots and the cohort read. */
public final class Incidents {

  static final ZoneId UK = ZoneId.of("Europe/London");

  private Incidents() {}

  public static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, UK);
  }

  /** A crime with all its people. */
  public static Incident fromCrime(CrimeState crime) {
    List<Incident.Person> people = new ArrayList<>(crime.people().size());
    crime.people().values().forEach(p -> people.add(new Incident.Person(p.role(), p.age())));
    return new Incident(
        Incident.Source.POLICE,
        crime.offenceCode(),
        crime.localCategory(),
        crime.weapon(),
        crime.injury(),
        crime.place(),
        crime.domesticAbuse(),
        people,
        day(Instant.ofEpochMilli(crime.occurredFrom())),
        crime.area());
  }

  /**
   * An emergency department attendance: the assault method read as a weapon, the location type as a
   * place, at least a minor injury, no offence code, no domestic-abuse flag.
   */
  public static Incident fromAttendance(EdAssaultAttendance a) {
    return new Incident(
        Incident.Source.HEALTH,
        null,
        null,
        weapon(a.getAssaultMethod()),
        InjuryLevel.MINOR,
        place(a.getAssaultLocationType()),
        null,
        List.of(new Incident.Person(PersonRole.VICTIM, a.getAgeAtEvent())),
        day(a.getAssaultAt() != null ? a.getAssaultAt() : a.getArrivedAt()),
        CrimeState.finest(a.getIncidentArea()));
  }

  static Weapon weapon(AssaultMethod method) {
    return switch (method) {
      case KNIFE_OR_BLADED -> Weapon.KNIFE_OR_BLADED;
      case FIREARM -> Weapon.FIREARM;
      case BLUNT_OBJECT, GLASS_OR_BOTTLE, OTHER -> Weapon.OTHER;
      case BODY_PART -> Weapon.NONE;
      case UNKNOWN -> Weapon.UNKNOWN;
    };
  }

  static PlaceType place(AssaultLocationType type) {
    return switch (type) {
      case HOME -> PlaceType.DWELLING;
      case STREET_OR_PUBLIC, LICENSED_PREMISES, PUBLIC_TRANSPORT -> PlaceType.PUBLIC;
      case SCHOOL_OR_WORKPLACE, OTHER -> PlaceType.OTHER;
      case UNKNOWN -> PlaceType.UNKNOWN;
    };
  }
}
