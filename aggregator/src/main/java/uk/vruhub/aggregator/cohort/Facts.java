package uk.vruhub.aggregator.cohort;

import java.util.ArrayList;
import java.util.List;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.definitions.Incident;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.state.CrimeState;
import uk.vruhub.aggregator.topology.Incidents;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.MatchKey;
import uk.vruhub.avro.common.Sex;

/** Agency records as facts about their person, the linkage's input. */
final class Facts {

  private Facts() {}

  /**
   * A police row as a fact about its person. Violence is judged on the row alone, the person's own
   * age standing for "anyone involved": the cohort is about that person.
   */
  static PersonFact fact(PoliceCrimeEvent e, Definition cohortDefinition, CohortRules rules) {
    Encoding encoding = Encoding.of(e.getSimilarity());
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
            Incidents.day(e.getOccurredFrom()),
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
        keys(e.getMatchKeys(), rules, encoding == null),
        district(e.getHomeArea()),
        encoding);
  }

  static PersonFact fact(EdAssaultAttendance a, Definition cohortDefinition, CohortRules rules) {
    Encoding encoding = Encoding.of(a.getSimilarity());
    Incident incident = Incidents.fromAttendance(a);
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
        keys(a.getMatchKeys(), rules, encoding == null),
        district(a.getHomeArea()),
        encoding);
  }

  static PersonFact fact(SchoolEvent s, CohortRules rules) {
    Encoding encoding = Encoding.of(s.getSimilarity());
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
        keys(s.getMatchKeys(), rules, encoding == null),
        district(s.getHomeArea()),
        encoding);
  }

  private static String district(uk.vruhub.avro.common.Area home) {
    return home == null ? null : home.getLocalAuthority();
  }

  private static boolean armed(Weapon weapon) {
    return weapon == Weapon.KNIFE_OR_BLADED
        || weapon == Weapon.FIREARM
        || weapon == Weapon.CORROSIVE;
  }

  /**
   * The strong keys of a record: its agency identifiers, and when it has no similarity encoding (a
   * producer older than the fuzzy linkage) the exact keys that linked before it, marked so they
   * only ever meet each other.
   */
  private static List<String> keys(List<MatchKey> keys, CohortRules rules, boolean unencoded) {
    List<String> out = new ArrayList<>();
    for (MatchKey k : keys) {
      if (rules.strongKeys().contains(k.getScheme())) {
        out.add(k.getScheme().name() + "|" + k.getValue());
      } else if (unencoded && rules.unencodedKeys().contains(k.getScheme())) {
        out.add("UNENCODED_" + k.getScheme().name() + "|" + k.getValue());
      }
    }
    return out;
  }
}
