package uk.vruhub.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The source values the aggregator hands the enforcer, by name: the vocabulary of the policy's
 * {@code source:} entries. A policy naming any other source is refused. Every source also says what
 * kind of value it is ({@link #kindOf}), so the validator's rules follow what a field holds rather
 * than what it is called.
 */
public final class Sources {

  /**
   * What a source value is. The disclosure rules of level 1 apply to every source that {@link
   * #isCount() counts events or people}, whatever the field made from it is called.
   */
  public enum ValueKind {
    /** How many events fall in a cell: a small one points at an incident. */
    EVENT_COUNT(true, "a count of events"),
    /** How many people fall in a cell: a small one points at a person. */
    PERSON_COUNT(true, "a count of people"),
    /** How many events one person has (a per-person tally, record level). */
    PERSON_EVENT_TALLY(true, "one person's count of events"),
    /**
     * Residents of an area from published population estimates: a denominator, not a count of the
     * data.
     */
    POPULATION(false, "a published population"),
    /** An area code. */
    AREA(false, "an area code"),
    /** A date. */
    DATE(false, "a date"),
    /** A moment in time. */
    INSTANT(false, "a time"),
    /** An age or age band. */
    AGE(false, "an age"),
    /** A category or a set of categories (enum symbols, definition ids). */
    CATEGORY(false, "a category"),
    /** The hub's internal linkage key of a person. */
    IDENTIFIER(false, "a linkage key"),
    /** A setting of the run (e.g. the look-back), the same for every record. */
    SETTING(false, "a setting of the run");

    private final boolean count;
    private final String label;

    ValueKind(boolean count, String label) {
      this.count = count;
      this.label = label;
    }

    /** True when the value counts events or people, so level 1 must suppress small values. */
    public boolean isCount() {
      return count;
    }

    /** The kind in words, e.g. {@code a count of events}. */
    public String label() {
      return label;
    }
  }

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

  private static final Map<String, ValueKind> KINDS =
      Map.ofEntries(
          Map.entry(CELL_AREA, ValueKind.AREA),
          Map.entry(CELL_PERIOD_TYPE, ValueKind.CATEGORY),
          Map.entry(CELL_PERIOD_START, ValueKind.DATE),
          Map.entry(CELL_DEFINITION, ValueKind.CATEGORY),
          Map.entry(CELL_SOURCE, ValueKind.CATEGORY),
          Map.entry(CELL_EVENTS, ValueKind.EVENT_COUNT),
          Map.entry(CELL_UNLOCATED, ValueKind.EVENT_COUNT),
          Map.entry(CELL_POPULATION, ValueKind.POPULATION),
          Map.entry(CELL_PERSONS, ValueKind.PERSON_COUNT),
          Map.entry(CELL_REVISED_AT, ValueKind.INSTANT),
          Map.entry(PERSON_ID, ValueKind.IDENTIFIER),
          Map.entry(PERSON_AGE, ValueKind.AGE),
          Map.entry(PERSON_SEX, ValueKind.CATEGORY),
          Map.entry(PERSON_HOME_AREA, ValueKind.AREA),
          Map.entry(PERSON_AGENCIES, ValueKind.CATEGORY),
          Map.entry(PERSON_FLAGS, ValueKind.CATEGORY),
          Map.entry(PERSON_POLICE_VICTIM_EVENTS, ValueKind.PERSON_EVENT_TALLY),
          Map.entry(PERSON_POLICE_SUSPECT_OR_OFFENDER_EVENTS, ValueKind.PERSON_EVENT_TALLY),
          Map.entry(PERSON_VIOLENCE_EVENTS, ValueKind.PERSON_EVENT_TALLY),
          Map.entry(PERSON_ED_ASSAULT_ATTENDANCES, ValueKind.PERSON_EVENT_TALLY),
          Map.entry(PERSON_SCHOOL_SUSPENSIONS, ValueKind.PERSON_EVENT_TALLY),
          Map.entry(PERSON_PERMANENT_EXCLUSIONS, ValueKind.PERSON_EVENT_TALLY),
          Map.entry(PERSON_PERSISTENT_ABSENCE_TERMS, ValueKind.PERSON_EVENT_TALLY),
          Map.entry(PERSON_FIRST_EVENT, ValueKind.DATE),
          Map.entry(PERSON_LAST_EVENT, ValueKind.DATE),
          Map.entry(PERSON_REVISED_AT, ValueKind.INSTANT),
          Map.entry(COHORT_DEFINITION, ValueKind.CATEGORY),
          Map.entry(COHORT_LOOKBACK_MONTHS, ValueKind.SETTING));

  private Sources() {}

  /**
   * What the named source is; empty for a name that is not a source. Every source of {@link
   * #forTopic} has a kind.
   */
  public static Optional<ValueKind> kindOf(String source) {
    return source == null ? Optional.empty() : Optional.ofNullable(KINDS.get(source));
  }

  /** True when the named source counts events or people. */
  public static boolean isCount(String source) {
    return kindOf(source).map(ValueKind::isCount).orElse(false);
  }

  /** The sources of a topic that count events or people, in the topic's order: for messages. */
  public static List<String> countSources(String topicId) {
    return forTopic(topicId).stream().filter(Sources::isCount).toList();
  }

  /** The sources the aggregator supplies for a topic; empty for topics it does not build. */
  public static List<String> forTopic(String topicId) {
    return BY_TOPIC.getOrDefault(topicId, List.of());
  }

  /** Topics whose records the policy governs field by field. */
  public static List<String> governedTopics() {
    return List.of(Ids.HOTSPOTS, Ids.COHORT_SUMMARY, Ids.COHORT_PROFILES);
  }
}
