package uk.vruhub.aggregator.tracker;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.common.Agency;

/**
 * The fields whose completeness the tracker reports: the ones the hub's outputs depend on. An
 * attendance without an incident location cannot be mapped, a record without an age (the ingest
 * service derives it from the date of birth) cannot be banded or linked on date of birth, a record
 * without a home area cannot be placed in the cohort summary. Stored state names them by {@link
 * #name()}.
 */
public enum KeyField {
  /** Where the incident happened (an LSOA or finer). */
  INCIDENT_LOCATION("incident location"),
  /** Age at the event: the ingest service derives it from the date of birth. */
  DATE_OF_BIRTH("date of birth (age)"),
  /** The person's home area. */
  HOME_AREA("home area");

  private final String label;

  KeyField(String label) {
    this.label = label;
  }

  /** How the tracker names the field to people. */
  public String label() {
    return label;
  }

  /** The fields an agency's records carry, in the order the tracker shows them. */
  public static List<KeyField> of(Agency agency) {
    return switch (agency) {
      case POLICE, HEALTH -> List.of(INCIDENT_LOCATION, DATE_OF_BIRTH, HOME_AREA);
      case EDUCATION -> List.of(DATE_OF_BIRTH, HOME_AREA);
    };
  }

  static Set<KeyField> present(PoliceCrimeEvent e) {
    Set<KeyField> out = EnumSet.noneOf(KeyField.class);
    if (e.getIncidentArea() != null) {
      out.add(INCIDENT_LOCATION);
    }
    if (e.getAgeAtEvent() != null) {
      out.add(DATE_OF_BIRTH);
    }
    if (e.getHomeArea() != null) {
      out.add(HOME_AREA);
    }
    return out;
  }

  static Set<KeyField> present(EdAssaultAttendance a) {
    Set<KeyField> out = EnumSet.noneOf(KeyField.class);
    if (a.getIncidentArea() != null) {
      out.add(INCIDENT_LOCATION);
    }
    if (a.getAgeAtEvent() != null) {
      out.add(DATE_OF_BIRTH);
    }
    if (a.getHomeArea() != null) {
      out.add(HOME_AREA);
    }
    return out;
  }

  static Set<KeyField> present(SchoolEvent e) {
    Set<KeyField> out = EnumSet.noneOf(KeyField.class);
    if (e.getAgeAtEvent() != null) {
      out.add(DATE_OF_BIRTH);
    }
    if (e.getHomeArea() != null) {
      out.add(HOME_AREA);
    }
    return out;
  }
}
