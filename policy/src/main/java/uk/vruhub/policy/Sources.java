package uk.vruhub.policy;

import java.util.List;
import java.util.Map;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The source values the aggregator hands the enforcer, by name: the vocabulary of the policy's
 * {@code source:} entries. A policy naming any other source is refused.
 */
public final class Sources {

  // Hotspot cells.
  /** Area code of the cell (any level; the policy generalises it). */
  public static final String CELL_AREA = "cell.area";

  /** {@code PeriodType} of the cell. */
  public static final String CELL_PERIOD_TYPE = "cell.period-type";

  /** First day of the cell's period ({@code LocalDate}). */
  public static final String CELL_PERIOD_START = "cell.period-start";

  /** Definition id and version, e.g. {@code hips-2023@1}. */
  public static final String CELL_DEFINITION = "cell.definition";

  /** {@code HotspotSource} of the cell. */
  public static final String CELL_SOURCE = "cell.source";

  /** Number of events in the cell ({@code Integer}). */
  public static final String CELL_EVENTS = "cell.events";

  /** Events in the cell without a known location ({@code Integer}). */
  public static final String CELL_UNLOCATED = "cell.unlocated";

  /** Residents of the cell's area ({@code Integer}), or null when unknown. */
  public static final String CELL_POPULATION = "cell.population";

  /** Number of people in a cohort summary cell ({@code Integer}). */
  public static final String CELL_PERSONS = "cell.persons";

  /** When the cell was computed ({@code Instant}). */
  public static final String CELL_REVISED_AT = "cell.revised-at";

  // People (cohort).
  /** The hub's internal linked-person id ({@code String}); only ever published pseudonymised. */
  public static final String PERSON_ID = "person.id";

  /** Age at the latest event ({@code Integer}, null when unknown), or an age band label. */
  public static final String PERSON_AGE = "person.age";

  /** {@code Sex}. */
  public static final String PERSON_SEX = "person.sex";

  /** Home area code (any level), or null. */
  public static final String PERSON_HOME_AREA = "person.home-area";

  /** {@code List<Agency>}. */
  public static final String PERSON_AGENCIES = "person.agencies";

  /** {@code List<RiskFlag>}. */
  public static final String PERSON_FLAGS = "person.flags";

  public static final String PERSON_POLICE_VICTIM_EVENTS = "person.police-victim-events";
  public static final String PERSON_POLICE_SUSPECT_OR_OFFENDER_EVENTS =
      "person.police-suspect-or-offender-events";
  public static final String PERSON_VIOLENCE_EVENTS = "person.violence-events";
  public static final String PERSON_ED_ASSAULT_ATTENDANCES = "person.ed-assault-attendances";
  public static final String PERSON_SCHOOL_SUSPENSIONS = "person.school-suspensions";
  public static final String PERSON_PERMANENT_EXCLUSIONS = "person.permanent-exclusions";
  public static final String PERSON_PERSISTENT_ABSENCE_TERMS = "person.persistent-absence-terms";

  /** Date of the first event in the look-back ({@code LocalDate}). */
  public static final String PERSON_FIRST_EVENT = "person.first-event";

  /** Date of the latest event ({@code LocalDate}). */
  public static final String PERSON_LAST_EVENT = "person.last-event";

  /** When the profile was computed ({@code Instant}). */
  public static final String PERSON_REVISED_AT = "person.revised-at";

  // The cohort run.
  /** Definition id and version the violence counts use. */
  public static final String COHORT_DEFINITION = "cohort.definition";

  /** Months the profiles look back ({@code Integer}). */
  public static final String COHORT_LOOKBACK_MONTHS = "cohort.lookback-months";

  private static final Map<String, List<String>> BY_TOPIC =
      Map.of(
          Ids.HOTSPOTS,
          List.of(
              CELL_AREA,
              CELL_PERIOD_TYPE,
              CELL_PERIOD_START,
              CELL_DEFINITION,
              CELL_SOURCE,
              CELL_EVENTS,
              CELL_UNLOCATED,
              CELL_POPULATION,
              CELL_REVISED_AT),
          Ids.COHORT_SUMMARY,
          List.of(
              PERSON_HOME_AREA,
              PERSON_AGE,
              PERSON_FLAGS,
              CELL_PERSONS,
              COHORT_LOOKBACK_MONTHS,
              CELL_REVISED_AT),
          Ids.COHORT_PROFILES,
          List.of(
              PERSON_ID,
              PERSON_AGE,
              PERSON_SEX,
              PERSON_HOME_AREA,
              PERSON_AGENCIES,
              PERSON_FLAGS,
              PERSON_POLICE_VICTIM_EVENTS,
              PERSON_POLICE_SUSPECT_OR_OFFENDER_EVENTS,
              PERSON_VIOLENCE_EVENTS,
              PERSON_ED_ASSAULT_ATTENDANCES,
              PERSON_SCHOOL_SUSPENSIONS,
              PERSON_PERMANENT_EXCLUSIONS,
              PERSON_PERSISTENT_ABSENCE_TERMS,
              PERSON_FIRST_EVENT,
              PERSON_LAST_EVENT,
              PERSON_REVISED_AT,
              COHORT_DEFINITION,
              COHORT_LOOKBACK_MONTHS));

  private Sources() {}

  /** The sources the aggregator supplies for a topic; empty for topics it does not build. */
  public static List<String> forTopic(String topicId) {
    return BY_TOPIC.getOrDefault(topicId, List.of());
  }

  /** Topics whose records the policy governs field by field. */
  public static List<String> governedTopics() {
    return List.of(Ids.HOTSPOTS, Ids.COHORT_SUMMARY, Ids.COHORT_PROFILES);
  }
}
