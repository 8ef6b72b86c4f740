package uk.vruhub.aggregator.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import uk.vruhub.policy.enforce.Enforced;
import uk.vruhub.policy.enforce.TopicEnforcer;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * Publishes a revised hotspot cell as one record per definition and source (police, health, both),
 * each built by the policy enforcer from the cell's counts: the enforcer, not this class, decides
 * what is suppressed and what the record holds.
 */
final class HotspotOutputProcessor implements Processor<String, int[], Object, SpecificRecord> {

  private final AggregatorSettings settings;
  private final TopicEnforcer hotspots;
  private ProcessorContext<Object, SpecificRecord> context;

  HotspotOutputProcessor(AggregatorSettings settings) {
    this.settings = settings;
    this.hotspots = settings.policy().topic(Ids.HOTSPOTS);
  }

  @Override
  public void init(ProcessorContext<Object, SpecificRecord> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, int[]> record) {
    if (record.value() == null) {
      return;
    }
    for (Enforced out : OutputRecords.hotspots(settings, record.key(), record.value())) {
      if (out.suppressed().contains("count")) {
        settings.tally().count(hotspots.spec().name());
      }
      Record<Object, SpecificRecord> published =
          new Record<>(out.key(), out.value(), record.timestamp(), new RecordHeaders());
      settings.policy().stamp(published.headers());
      context.forward(published);
    }
  }
}
