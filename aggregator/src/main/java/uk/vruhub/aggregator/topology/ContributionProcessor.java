package uk.vruhub.aggregator.topology;

import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import uk.vruhub.aggregator.definitions.Incident;
import uk.vruhub.aggregator.state.Contribution;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.enforce.Periods;
import uk.vruhub.policy.enforce.TopicEnforcer;
import uk.vruhub.policy.geo.AreaHierarchy;

/**
 * Turns each version of an incident into count changes for the hotspot cells it falls in: it
 * remembers what the incident's previous version added and takes exactly that back before adding
 * the new version's share (adder and subtractor, per incident). A withdrawn incident only takes
 * back. Cells are its area at the policy's level and the whole VRU area, for each period the policy
 * publishes; an incident with no known location is counted in the VRU area only, as unlocated.
 */
final class ContributionProcessor implements Processor<String, Incident, String, int[]> {

  private final AggregatorSettings settings;
  private final TopicEnforcer hotspots;
  private final AreaHierarchy areas;
  private final int size;
  private KeyValueStore<String, Contribution> store;
  private ProcessorContext<String, int[]> context;

  ContributionProcessor(AggregatorSettings settings) {
    this.settings = settings;
    this.hotspots = settings.policy().topic(uk.vruhub.schemas.topics.TopicCatalogue.Ids.HOTSPOTS);
    this.areas = settings.areas();
    this.size = Cells.size(settings.definitions().all().size());
  }

  @Override
  public void init(ProcessorContext<String, int[]> context) {
    this.context = context;
    this.store = context.getStateStore(HubTopology.CONTRIBUTIONS_STORE);
  }

  @Override
  public void process(Record<String, Incident> record) {
    Contribution before = store.get(record.key());
    Contribution now = record.value() == null ? null : contributionOf(record.value());
    if (Objects.equals(before, now)) {
      return;
    }
    if (before != null) {
      emit(record, before, -1);
    }
    if (now != null) {
      emit(record, now, +1);
      store.put(record.key(), now);
    } else {
      store.delete(record.key());
    }
  }

  private Contribution contributionOf(Incident incident) {
    int membership = settings.definitions().membership(incident);
    if (membership == 0) {
      return null;
    }
    String code = incident.area();
    String area = null;
    String vru = settings.vruArea();
    if (code != null && areas.contains(code)) {
      area = hotspots.generaliseArea("areaCode", code);
      String ofArea = areas.area(code).ancestors().get(AreaLevel.VRU_AREA);
      vru = ofArea != null ? ofArea : vru;
    }
    return new Contribution(
        membership,
        incident.source() == Incident.Source.POLICE ? Cells.POLICE : Cells.HEALTH,
        area,
        incident.occurred(),
        vru);
  }

  private void emit(Record<String, Incident> record, Contribution c, int sign) {
    int[] delta = new int[size];
    for (int d = 0; d < 31; d++) {
      if ((c.membership() & (1 << d)) != 0) {
        delta[Cells.slot(d, c.source(), c.area() == null)] = sign;
      }
    }
    for (PeriodType period : hotspots.periodTypes("periodType")) {
      java.time.LocalDate start = Periods.start(c.day(), period);
      if (c.area() != null) {
        context.forward(record.withKey(Cells.key(c.area(), period, start)).withValue(delta));
      }
      context.forward(record.withKey(Cells.key(c.vruArea(), period, start)).withValue(delta));
    }
  }
}
