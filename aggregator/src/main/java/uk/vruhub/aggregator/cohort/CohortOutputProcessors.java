package uk.vruhub.aggregator.cohort;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.enforce.Enforced;
import uk.vruhub.policy.enforce.TopicEnforcer;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The cohort's two outputs, each record built by the policy enforcer. Each publishes only when what
 * it publishes changes: the record built from the value before is compared with the one built from
 * the value after, all but {@code revisedAt}, so a change the policy hides (an age within its band,
 * a count still suppressed, a top-coded count going higher) writes nothing.
 */
final class CohortOutputProcessors {

  private CohortOutputProcessors() {}

  /**
   * Level 2: one profile per person, keyed by the recipient's pseudonym; withdrawn with a
   * tombstone.
   */
  static final class Profiles implements Processor<Object, CohortChange, Object, SpecificRecord> {
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
    public void process(Record<Object, CohortChange> record) {
      CohortChange.OfProfile change = (CohortChange.OfProfile) record.value();
      Record<Object, SpecificRecord> out;
      if (change.after() == null) {
        if (change.before() == null) {
          return;
        }
        Object key = profiles.keyFor(Map.of(Sources.PERSON_ID, change.personId()));
        out = new Record<>(key, null, record.timestamp(), new RecordHeaders());
      } else {
        Enforced now = CohortRecords.profile(settings, change.after());
        if (change.before() != null
            && CohortRecords.samePublished(
                CohortRecords.profile(settings, change.before()).value(), now.value())) {
          return;
        }
        out = new Record<>(now.key(), now.value(), record.timestamp(), new RecordHeaders());
      }
      settings.policy().stamp(out.headers());
      context.forward(out);
    }
  }

  /** Level 1: how many people share a home area, age band and flag combination. */
  static final class Summary implements Processor<Object, CohortChange, Object, SpecificRecord> {
    private final AggregatorSettings settings;
    private ProcessorContext<Object, SpecificRecord> context;

    Summary(AggregatorSettings settings) {
      this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<Object, SpecificRecord> context) {
      this.context = context;
    }

    @Override
    public void process(Record<Object, CohortChange> record) {
      CohortChange.OfCell change = (CohortChange.OfCell) record.value();
      Enforced out = CohortRecords.summary(settings, change.cell(), change.after());
      if (change.before() != null
          && CohortRecords.samePublished(
              CohortRecords.summary(settings, change.cell(), change.before()).value(),
              out.value())) {
        return;
      }
      Record<Object, SpecificRecord> published =
          new Record<>(out.key(), out.value(), record.timestamp(), new RecordHeaders());
      settings.policy().stamp(published.headers());
      context.forward(published);
    }
  }
}
