package uk.vruhub.aggregator.tracker;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each record received, and the key fields it had, under its agency and extract month. A
 * withdrawal (a tombstone) is not a record received and is not counted. The store is cached, so its
 * changelog gets one write per agency and month that changed in a commit, not one per record.
 */
final class CompletenessProcessor implements Processor<String, Received, Void, Void> {

  private KeyValueStore<MonthKey, FieldCounts> counts;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    counts = context.getStateStore(TrackerTopology.COMPLETENESS_STORE);
  }

  @Override
  public void process(Record<String, Received> record) {
    Received r = record.value();
    if (r == null) {
      return;
    }
    FieldCounts was = counts.get(r.key());
    counts.put(r.key(), (was == null ? FieldCounts.none() : was).plus(r.present()));
  }
}
