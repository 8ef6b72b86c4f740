package uk.vruhub.aggregator.hotspot;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.policy.enforce.Enforced;

/**
 * Adds each delta to its cell and definition, and publishes a (definition × source) record only
 * when what the policy publishes of it changes: the count as shown after suppression, the rate, the
 * unlocated count, the flags. A change inside a suppressed range, or to another definition of the
 * cell, publishes nothing; {@code revisedAt} alone is never a change. The first delta of a cell
 * publishes it under every loaded definition (zeros where a definition has no event), so a reader
 * sees each definition's count of every cell that has any.
 *
 * <p>The enforcer, not this class, decides what is suppressed and what the record holds.
 */
final class HotspotOutputProcessor
    implements Processor<CellDefinition, Counts, Object, SpecificRecord> {

  private final AggregatorSettings settings;
  private final HotspotRecords records;
  private final Set<String> loaded;
  private KeyValueStore<CellDefinition, Counts> cells;
  private ProcessorContext<Object, SpecificRecord> context;

  HotspotOutputProcessor(AggregatorSettings settings) {
    this.settings = settings;
    this.records = new HotspotRecords(settings);
    this.loaded =
        settings.definitions().all().stream()
            .map(Definition::key)
            .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void init(ProcessorContext<Object, SpecificRecord> context) {
    this.context = context;
    this.cells = context.getStateStore(HotspotTopology.CELLS_STORE);
  }

  @Override
  public void process(Record<CellDefinition, Counts> delta) {
    if (delta.key() == null || delta.value() == null) {
      return;
    }
    CellDefinition key = delta.key();
    Counts before = cells.get(key);
    Counts after = before == null ? delta.value() : before.plus(delta.value());
    cells.put(key, after);
    Instant now = settings.clock().instant();
    publish(key, before, after, now, delta.timestamp());
    if (before == null) {
      for (Definition d : settings.definitions().all()) {
        CellDefinition other = key.cell().under(d.key());
        if (!other.equals(key) && cells.get(other) == null) {
          cells.put(other, Counts.ZERO);
          publish(other, null, Counts.ZERO, now, delta.timestamp());
        }
      }
    }
  }

  private void publish(
      CellDefinition key, Counts before, Counts after, Instant now, long timestamp) {
    if (!loaded.contains(key.definition())) {
      // Restored state of a definition no longer loaded: kept, but no longer published.
      return;
    }
    for (HotspotSource source : HotspotRecords.SOURCES) {
      if (before != null
          && HotspotRecords.events(before, source) == HotspotRecords.events(after, source)
          && HotspotRecords.unlocated(before, source) == HotspotRecords.unlocated(after, source)) {
        continue;
      }
      Enforced out = records.of(key, after, source, now);
      if (before != null && records.of(key, before, source, now).value().equals(out.value())) {
        continue;
      }
      Record<Object, SpecificRecord> published =
          new Record<>(out.key(), out.value(), timestamp, new RecordHeaders());
      settings.policy().stamp(published.headers());
      context.forward(published);
    }
  }
}
