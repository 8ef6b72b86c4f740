package uk.vruhub.aggregator.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.definitions.Incident;
import uk.vruhub.aggregator.state.CrimeState;
import uk.vruhub.aggregator.state.PersonFact;
import uk.vruhub.avro.agency.AssaultLocationType;
import uk.vruhub.avro.agency.AssaultMethod;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.MatchKey;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.common.Sex;

/** Agency records in the forms the definitions, the hotspots and the cohort read. */
public final class Incidents {

  static final ZoneId UK = ZoneId.of("Europe/London");

  private Incidents() {}

  static LocalDate day(Instant instant) {
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

  /**
   * A police row as a fact about its person. Violence is judged on the row alone, the person's own
   * age standing for "anyone involved": the cohort is about that person.
   */
  static PersonFact fact(
      PoliceCrimeEvent e, Definition cohortDefinition, java.util.Set<MatchKeyScheme> strong) {
    Incident own =
        new Incident(
            Incident.Source.POLICE,
            e.getOffenceCode(),
            e.getLocalCategory(),
            e.getWeapon(),
            e.getInjury(),
            e.getPlaceType(),
            e.getDomesticAbuse(),
            List.of(new Incident.Person(e.getRole(), e.getAgeAtEvent())),
            day(e.getOccurredFrom()),
            null);
    PersonFact.Kind kind =
        switch (e.getRole()) {
          case VICTIM -> PersonFact.Kind.POLICE_VICTIM;
          case SUSPECT, OFFENDER -> PersonFact.Kind.POLICE_SUSPECT_OR_OFFENDER;
          case UNKNOWN -> PersonFact.Kind.POLICE_OTHER;
        };
    return new PersonFact(
        Agency.POLICE,
        kind,
        own.occurred(),
        e.getExtractDate(),
        e.getAgeAtEvent(),
        e.getSex(),
        CrimeState.finest(e.getHomeArea()),
        cohortDefinition.includes(own),
        armed(e.getWeapon()),
        keys(e.getMatchKeys(), strong));
  }

  static PersonFact fact(
      EdAssaultAttendance a, Definition cohortDefinition, java.util.Set<MatchKeyScheme> strong) {
    Incident incident = fromAttendance(a);
    return new PersonFact(
        Agency.HEALTH,
        PersonFact.Kind.ED_ASSAULT_ATTENDANCE,
        incident.occurred(),
        a.getExtractDate(),
        a.getAgeAtEvent(),
        a.getSex(),
        CrimeState.finest(a.getHomeArea()),
        cohortDefinition.includes(incident),
        armed(incident.weapon()),
        keys(a.getMatchKeys(), strong));
  }

  static PersonFact fact(SchoolEvent s, java.util.Set<MatchKeyScheme> strong) {
    PersonFact.Kind kind =
        switch (s.getEventType()) {
          case SUSPENSION -> PersonFact.Kind.SCHOOL_SUSPENSION;
          case PERMANENT_EXCLUSION -> PersonFact.Kind.PERMANENT_EXCLUSION;
          case PERSISTENT_ABSENCE -> PersonFact.Kind.PERSISTENT_ABSENCE;
        };
    boolean weapon = "OW".equals(s.getReasonCode());
    return new PersonFact(
        Agency.EDUCATION,
        kind,
        s.getStartDate(),
        s.getExtractDate(),
        s.getAgeAtEvent(),
        s.getSex() == null ? Sex.UNKNOWN : s.getSex(),
        CrimeState.finest(s.getHomeArea()),
        false,
        weapon,
        keys(s.getMatchKeys(), strong));
  }

  private static boolean armed(Weapon weapon) {
    return weapon == Weapon.KNIFE_OR_BLADED
        || weapon == Weapon.FIREARM
        || weapon == Weapon.CORROSIVE;
  }

  private static List<String> keys(List<MatchKey> keys, java.util.Set<MatchKeyScheme> strong) {
    List<String> out = new ArrayList<>();
    for (MatchKey k : keys) {
      if (strong.contains(k.getScheme())) {
        out.add(k.getScheme().name() + "|" + k.getValue());
      }
    }
    return out;
  }
}
