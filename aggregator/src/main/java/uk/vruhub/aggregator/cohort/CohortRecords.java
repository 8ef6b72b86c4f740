package uk.vruhub.aggregator.cohort;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.enforce.Enforced;
import uk.vruhub.policy.enforce.TopicEnforcer;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The cohort's output records, each built by the policy enforcer: used by the topology as profiles
 * and cells change and by the analyst API when it reads the stores, so both publish exactly the
 * same thing.
 */
public final class CohortRecords {

  /** The field every output record stamps with the clock; not part of what a record says. */
  static final String REVISED_AT = "revisedAt";

  private CohortRecords() {}

  /** The record of one cohort summary cell with its count. */
  public static Enforced summary(AggregatorSettings settings, SummaryCell cell, long persons) {
    Map<String, Object> s = new HashMap<>(8);
    s.put(Sources.PERSON_HOME_AREA, cell.area());
    s.put(Sources.PERSON_AGE, cell.ageBand());
    s.put(Sources.PERSON_FLAGS, cell.flags());
    s.put(Sources.CELL_PERSONS, (int) persons);
    s.put(Sources.COHORT_LOOKBACK_MONTHS, settings.cohort().lookbackMonths());
    s.put(Sources.CELL_REVISED_AT, settings.clock().instant());
    return settings.policy().topic(Ids.COHORT_SUMMARY).enforce(s);
  }

  /** The level 2 record of a profile. */
  public static Enforced profile(AggregatorSettings settings, Profile profile) {
    return settings.policy().topic(Ids.COHORT_PROFILES).enforce(sources(profile, settings));
  }

  /** The source values of a profile, as the policy names them. */
  static Map<String, Object> sources(Profile p, AggregatorSettings settings) {
    Map<String, Object> s = new HashMap<>(32);
    s.put(Sources.PERSON_ID, p.personId());
    s.put(Sources.PERSON_AGE, p.age());
    s.put(Sources.PERSON_SEX, p.sex());
    s.put(Sources.PERSON_HOME_AREA, homeArea(p, settings));
    s.put(Sources.PERSON_AGENCIES, p.agencies());
    s.put(Sources.PERSON_FLAGS, p.flags());
    s.put(Sources.PERSON_POLICE_VICTIM_EVENTS, p.policeVictimEvents());
    s.put(Sources.PERSON_POLICE_SUSPECT_OR_OFFENDER_EVENTS, p.policeSuspectOrOffenderEvents());
    s.put(Sources.PERSON_VIOLENCE_EVENTS, p.violenceEvents());
    s.put(Sources.PERSON_ED_ASSAULT_ATTENDANCES, p.edAssaultAttendances());
    s.put(Sources.PERSON_SCHOOL_SUSPENSIONS, p.schoolSuspensions());
    s.put(Sources.PERSON_PERMANENT_EXCLUSIONS, p.permanentExclusions());
    s.put(Sources.PERSON_PERSISTENT_ABSENCE_TERMS, p.persistentAbsenceTerms());
    s.put(Sources.PERSON_FIRST_EVENT, p.firstEvent());
    s.put(Sources.PERSON_LAST_EVENT, p.lastEvent());
    s.put(Sources.PERSON_REVISED_AT, settings.clock().instant());
    s.put(Sources.COHORT_DEFINITION, settings.cohort().definition());
    s.put(Sources.COHORT_LOOKBACK_MONTHS, settings.cohort().lookbackMonths());
    return s;
  }

  /** A home area the hierarchy knows, or null (a profile then has no home area). */
  static String homeArea(Profile p, AggregatorSettings settings) {
    return p.homeArea() != null && settings.areas().contains(p.homeArea()) ? p.homeArea() : null;
  }

  /**
   * The cohort summary cell a profile falls in: home area and age band generalised by the policy
   * before counting, and its flags. People with no known home area are counted at the VRU area.
   */
  public static SummaryCell summaryCell(Profile p, AggregatorSettings settings) {
    TopicEnforcer summary = settings.policy().topic(Ids.COHORT_SUMMARY);
    String home = homeArea(p, settings);
    String area = home == null ? settings.vruArea() : summary.generaliseArea("areaCode", home);
    return new SummaryCell(area, summary.ageBand("ageBand", p.age()), p.flags());
  }

  /**
   * Whether two output records publish the same thing: equal in every field but {@code revisedAt},
   * which only says when a record was built.
   */
  static boolean samePublished(SpecificRecord a, SpecificRecord b) {
    Schema schema = a.getSchema();
    if (!schema.equals(b.getSchema())) {
      return false;
    }
    for (Schema.Field f : schema.getFields()) {
      if (!f.name().equals(REVISED_AT)
          && SpecificData.get().compare(a.get(f.pos()), b.get(f.pos()), f.schema()) != 0) {
        return false;
      }
    }
    return true;
  }
}
