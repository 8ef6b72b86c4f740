package uk.vruhub.aggregator.definitions;

import java.time.LocalDate;
import java.util.List;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;

/**
 * One violent incident as the definitions see it, whichever agency recorded it: a police crime
 * (with all its people) or an emergency department attendance, its attributes put into one form.
 *
 * @param source which agency recorded it
 * @param offenceCode Home Office offence code, or null for health
 * @param localCategory the force's local grouping, or null
 * @param weapon weapon (for health: from the assault method)
 * @param injury most serious injury (for health: at least MINOR, since the person attended)
 * @param place kind of place (for health: from the assault location type)
 * @param domesticAbuse the domestic-abuse flag, or null when the agency does not record it
 * @param people the people involved, with their roles and ages
 * @param occurred the day it happened (UK time)
 * @param area the finest area code known for where it happened, or null when unknown
 */
public record Incident(
    Source source,
    String offenceCode,
    String localCategory,
    Weapon weapon,
    InjuryLevel injury,
    PlaceType place,
    Boolean domesticAbuse,
    List<Person> people,
    LocalDate occurred,
    String area) {

  /** Which agency's records an incident comes from. */
  public enum Source {
    POLICE,
    HEALTH
  }

  /**
   * A person in an incident.
   *
   * @param role victim, suspect or offender (health patients are victims)
   * @param age age at the incident, or null when unknown
   */
  public record Person(PersonRole role, Integer age) {}
}
