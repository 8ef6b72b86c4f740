package uk.vruhub.aggregator.hotspot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.policy.enforce.Enforced;

/**
 * Adds each delta to its cell, and publishes a (definition × source) record only when what the
 * policy publishes of it changes: the count as shown after suppression, the rate, the unlocated
 * count, the flags. A change inside a suppressed range, or to another definition of the cell,
 * publishes nothing; {@code revisedAt} alone is never a change. The first delta of a cell publishes
 * it under every loaded definition (zeros where a definition has no event), so a reader sees each
 * definition's count of every cell that has any.
 *
 * <p>The enforcer, not this class, decides what is suppressed and what the record holds.
 */
final class HotspotOutputProcessor implements Processor<Cell, CellCounts, Object, SpecificRecord> {

  private final AggregatorSettings settings;
  private final HotspotRecords records;
  private final List<String> loaded;
  private final Set<String> loadedSet;
  private static final Logger log = LoggerFactory.getLogger(HotspotOutputProcessor.class);

  private boolean warnedOfNewDefinition;
  private KeyValueStore<Cell, CellCounts> cells;
  private ProcessorContext<Object, SpecificRecord> context;

  HotspotOutputProcessor(AggregatorSettings settings) {
    this.settings = settings;
    this.records = new HotspotRecords(settings);
    this.loaded = settings.definitions().all().stream().map(Definition::key).toList();
    this.loadedSet = Set.copyOf(loaded);
  }

  @Override
  public void init(ProcessorContext<Object, SpecificRecord> context) {
    this.context = context;
    this.cells = context.getStateStore(HotspotTopology.CELLS_STORE);
  }

  @Override
  public void process(Record<Cell, CellCounts> delta) {
    if (delta.key() == null || delta.value() == null) {
      return;
    }
    Cell cell = delta.key();
    CellCounts before = cells.get(cell);
    CellCounts after;
    if (before == null) {
      // First appearance: every loaded definition gets the cell, at zero where it has no event.
      Map<String, Counts> zeros = new TreeMap<>();
      loaded.forEach(d -> zeros.put(d, Counts.ZERO));
      after = new CellCounts(new TreeMap<>(zeros)).plus(delta.value());
    } else {
      after = before.plus(delta.value());
      if (!warnedOfNewDefinition && !before.byDefinition().keySet().containsAll(loaded)) {
        warnedOfNewDefinition = true;
        log.warn(
            "The hotspot state was built without some of the loaded definitions ({}): they count"
                + " only events from now on. Recompute from the input topics (aggregator/README.md,"
                + " 'Adding a definition') to count their history.",
            loaded.stream().filter(d -> !before.byDefinition().containsKey(d)).toList());
      }
    }
    cells.put(cell, after);
    Instant now = settings.clock().instant();
    Set<String> changed =
        before == null ? after.byDefinition().keySet() : delta.value().byDefinition().keySet();
    for (String definition : changed) {
      if (!loadedSet.contains(definition)) {
        // Restored state of a definition no longer loaded: kept, but no longer published.
        continue;
      }
      publish(
          cell.under(definition),
          before == null ? null : before.get(definition),
          after.get(definition),
          now,
          delta.timestamp());
    }
  }

  private void publish(
      CellDefinition key, Counts before, Counts after, Instant now, long timestamp) {
    HotspotRecords.Built was = before == null ? null : records.new Built(key, before, now);
    HotspotRecords.Built is = records.new Built(key, after, now);
    for (HotspotSource source : HotspotRecords.SOURCES) {
      // COMBINED depends on whether its parts are hidden, so it is always compared in full.
      if (before != null
          && source != HotspotSource.COMBINED
          && records.sameCounts(key.cell(), before, after, source)) {
        continue;
      }
      Enforced out = is.of(source);
      if (was != null && was.of(source).value().equals(out.value())) {
        continue;
      }
      Record<Object, SpecificRecord> published =
          new Record<>(out.key(), out.value(), timestamp, new RecordHeaders());
      settings.policy().stamp(published.headers());
      context.forward(published);
    }
  }
}
