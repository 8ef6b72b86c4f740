package uk.vruhub.aggregator.hotspot;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import uk.vruhub.aggregator.definitions.Definition;
import uk.vruhub.aggregator.definitions.Incident;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.enforce.Periods;
import uk.vruhub.policy.enforce.TopicEnforcer;
import uk.vruhub.policy.geo.AreaHierarchy;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * Turns each version of an incident into count changes for the hotspot cells it falls in, per
 * definition it meets: it remembers what the incident's previous version added (by definition key)
 * and takes exactly that back before adding the new version's share. A withdrawn incident only
 * takes back. Cells are its area at the policy's level and the whole VRU area, for each period the
 * policy publishes; an incident with no known location is counted in the VRU area only, as
 * unlocated.
 *
 * <p>The changes are netted per cell and definition in a store of pending deltas, and forwarded
 * every {@code flushInterval} of wall-clock time (by default the commit interval), so a busy cell
 * sends one delta per interval rather than one per incident. The pending store is changelogged, and
 * its deltas, the forwarded records and the input offsets commit in one transaction: a delta is
 * neither lost nor sent twice.
 */
final class ContributionProcessor implements Processor<String, Incident, Cell, CellCounts> {

  private final AggregatorSettings settings;
  private final TopicEnforcer hotspots;
  private final AreaHierarchy areas;
  private final Duration flushInterval;
  private final List<PeriodType> periods;
  private KeyValueStore<String, Contribution> contributions;
  private KeyValueStore<Cell, CellCounts> pending;
  private ProcessorContext<Cell, CellCounts> context;

  ContributionProcessor(AggregatorSettings settings, Duration flushInterval) {
    this.settings = settings;
    this.hotspots = settings.policy().topic(Ids.HOTSPOTS);
    this.areas = settings.areas();
    this.flushInterval = flushInterval;
    this.periods = List.copyOf(hotspots.periodTypes("periodType"));
  }

  @Override
  public void init(ProcessorContext<Cell, CellCounts> context) {
    this.context = context;
    this.contributions = context.getStateStore(HotspotTopology.CONTRIBUTIONS_STORE);
    this.pending = context.getStateStore(HotspotTopology.PENDING_STORE);
    context.schedule(
        flushInterval != null ? flushInterval : commitInterval(context),
        PunctuationType.WALL_CLOCK_TIME,
        this::flush);
  }

  private static Duration commitInterval(ProcessorContext<?, ?> context) {
    Object ms = context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    return Duration.ofMillis(
        ms instanceof Number n ? n.longValue() : Long.parseLong(ms.toString()));
  }

  @Override
  public void process(Record<String, Incident> record) {
    Contribution before = contributions.get(record.key());
    Contribution now = record.value() == null ? null : contributionOf(record.value());
    if (Objects.equals(before, now)) {
      return;
    }
    Map<Cell, CellCounts> net = new HashMap<>();
    if (before != null) {
      add(net, before, -1);
    }
    if (now != null) {
      add(net, now, +1);
      contributions.put(record.key(), now);
    } else {
      contributions.delete(record.key());
    }
    net.forEach(
        (cell, delta) -> {
          CellCounts waiting = pending.get(cell);
          CellCounts sum = (waiting == null ? delta : waiting.plus(delta)).withoutZeros();
          if (!sum.byDefinition().isEmpty()) {
            pending.put(cell, sum);
          } else if (waiting != null) {
            pending.delete(cell);
          }
        });
  }

  /** Forwards every pending delta and clears it. */
  void flush(long timestamp) {
    List<KeyValue<Cell, CellCounts>> due = new ArrayList<>();
    try (KeyValueIterator<Cell, CellCounts> it = pending.all()) {
      it.forEachRemaining(due::add);
    }
    for (KeyValue<Cell, CellCounts> kv : due) {
      context.forward(new Record<>(kv.key, kv.value, timestamp));
      pending.delete(kv.key);
    }
  }

  private Contribution contributionOf(Incident incident) {
    List<String> met = new ArrayList<>(4);
    for (Definition d : settings.definitions().all()) {
      if (d.includes(incident)) {
        met.add(d.key());
      }
    }
    if (met.isEmpty()) {
      return null;
    }
    met.sort(null);
    String code = incident.area();
    String area = null;
    String vru = settings.vruArea();
    if (code != null && areas.contains(code)) {
      area = hotspots.generaliseArea("areaCode", code);
      String ofArea = areas.area(code).ancestors().get(AreaLevel.VRU_AREA);
      vru = ofArea != null ? ofArea : vru;
    }
    return new Contribution(met, incident.source(), area, incident.occurred(), vru);
  }

  private void add(Map<Cell, CellCounts> net, Contribution c, int sign) {
    Counts one = Counts.of(c.source(), c.area() == null, sign);
    java.util.TreeMap<String, Counts> share = new java.util.TreeMap<>();
    c.definitions().forEach(d -> share.put(d, one));
    CellCounts delta = new CellCounts(share);
    for (PeriodType period : periods) {
      LocalDate start = Periods.start(c.day(), period);
      if (c.area() != null) {
        net.merge(new Cell(c.area(), period, start), delta, CellCounts::plus);
      }
      net.merge(new Cell(c.vruArea(), period, start), delta, CellCounts::plus);
    }
  }
}
