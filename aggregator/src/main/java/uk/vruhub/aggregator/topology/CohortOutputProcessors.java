package uk.vruhub.aggregator.topology;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import uk.vruhub.aggregator.state.Profile;
import uk.vruhub.avro.hub.RiskFlag;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.enforce.Enforced;
import uk.vruhub.policy.enforce.TopicEnforcer;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/** The cohort's two outputs, each record built by the policy enforcer. */
final class CohortOutputProcessors {

  private CohortOutputProcessors() {}

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
  static String summaryCell(Profile p, AggregatorSettings settings) {
    TopicEnforcer summary = settings.policy().topic(Ids.COHORT_SUMMARY);
    String home = homeArea(p, settings);
    String area = home == null ? settings.vruArea() : summary.generaliseArea("areaCode", home);
    StringBuilder flags = new StringBuilder();
    for (RiskFlag f : p.flags()) {
      flags.append(flags.length() == 0 ? "" : "+").append(f.name());
    }
    return area + "|" + summary.ageBand("ageBand", p.age()) + "|" + flags;
  }

  /**
   * Level 2: one profile per person, keyed by the recipient's pseudonym; withdrawn with a
   * tombstone.
   */
  static final class Profiles implements Processor<String, Profile, Object, SpecificRecord> {
    private final AggregatorSettings settings;
    private final TopicEnforcer profiles;
    private ProcessorContext<Object, SpecificRecord> context;

    Profiles(AggregatorSettings settings) {
      this.settings = settings;
      this.profiles = settings.policy().topic(Ids.COHORT_PROFILES);
    }

    @Override
    public void init(ProcessorContext<Object, SpecificRecord> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, Profile> record) {
      Record<Object, SpecificRecord> out;
      if (record.value() == null) {
        Object key = profiles.keyFor(Map.of(Sources.PERSON_ID, record.key()));
        out = new Record<>(key, null, record.timestamp(), new RecordHeaders());
      } else {
        Enforced enforced = OutputRecords.profile(settings, record.value());
        out =
            new Record<>(enforced.key(), enforced.value(), record.timestamp(), new RecordHeaders());
      }
      settings.policy().stamp(out.headers());
      context.forward(out);
    }
  }

  /** Level 1: how many people share a home area, age band and flag combination. */
  static final class Summary implements Processor<String, Long, Object, SpecificRecord> {
    private final AggregatorSettings settings;
    private final TopicEnforcer summary;
    private ProcessorContext<Object, SpecificRecord> context;

    Summary(AggregatorSettings settings) {
      this.settings = settings;
      this.summary = settings.policy().topic(Ids.COHORT_SUMMARY);
    }

    @Override
    public void init(ProcessorContext<Object, SpecificRecord> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, Long> record) {
      Enforced out =
          OutputRecords.summary(
              settings, record.key(), record.value() == null ? 0 : record.value());
      if (out.suppressed().contains("persons")) {
        settings.tally().count(summary.spec().name());
      }
      Record<Object, SpecificRecord> published =
          new Record<>(out.key(), out.value(), record.timestamp(), new RecordHeaders());
      settings.policy().stamp(published.headers());
      context.forward(published);
    }
  }
}
