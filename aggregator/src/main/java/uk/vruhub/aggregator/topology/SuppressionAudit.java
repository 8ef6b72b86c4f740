package uk.vruhub.aggregator.topology;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.audit.PolicyAudit;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * Counts the records an output stream publishes with a count hidden by small-number suppression,
 * and writes that count to the audit topic every interval, from the topology itself: the count is a
 * state store, and the audit event, the store's reset and the input offsets commit in the task's
 * transaction. A task that fails and is replayed neither counts a cell twice nor loses one.
 *
 * <p>Use: after building an output stream (before or beside its {@code to(...)}), call
 *
 * <pre>
 * SuppressionAudit.count(builder, settings, interval, Ids.COHORT_SUMMARY, published,
 *     value -> Boolean.TRUE.equals(((CohortSummaryCell) value).getSuppressed()));
 * </pre>
 *
 * Each call adds a store ({@link #storeName}) and a sink on the audit topic; one audit event per
 * task and interval names the output topic and the number of suppressed records since the last.
 */
public final class SuppressionAudit {

  /** The component audit events name. */
  public static final String COMPONENT = "aggregator";

  private SuppressionAudit() {}

  /** The store holding the count not yet audited, for the output topic with this id. */
  public static String storeName(String outputTopicId) {
    return "suppression-audit-" + outputTopicId;
  }

  /**
   * Audits the suppressed records of {@code published}, an output stream of the topic with id
   * {@code outputTopicId}.
   */
  public static <K, V> void count(
      StreamsBuilder builder,
      AggregatorSettings settings,
      Duration interval,
      String outputTopicId,
      KStream<K, V> published,
      Predicate<V> suppressed) {
    String store = storeName(outputTopicId);
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            HubTopology.store(settings, store), Serdes.String(), Serdes.Long()));
    String topic = settings.topics().byId(outputTopicId).name();
    PolicyIdentity policy = settings.policy().policy().identity();
    published
        .process(
            () -> new Counter<K, V>(store, topic, policy, settings, interval, suppressed),
            Named.as(outputTopicId + "-suppression-audit"),
            store)
        .to(
            settings.topics().byId(Ids.AUDIT).name(),
            Produced.<String, AuditEvent>with(
                    Serdes.String(),
                    AvroSerdes.specific(
                        AuditEvent.class, settings.registry(), settings.autoRegister(), false))
                .withName(outputTopicId + "-audit"));
  }

  static final class Counter<K, V> implements Processor<K, V, String, AuditEvent> {

    private final String storeName;
    private final String topic;
    private final PolicyIdentity policy;
    private final AggregatorSettings settings;
    private final Duration interval;
    private final Predicate<V> suppressed;
    private KeyValueStore<String, Long> store;
    private ProcessorContext<String, AuditEvent> context;

    Counter(
        String storeName,
        String topic,
        PolicyIdentity policy,
        AggregatorSettings settings,
        Duration interval,
        Predicate<V> suppressed) {
      this.storeName = storeName;
      this.topic = topic;
      this.policy = policy;
      this.settings = settings;
      this.interval = interval;
      this.suppressed = suppressed;
    }

    @Override
    public void init(ProcessorContext<String, AuditEvent> context) {
      this.context = context;
      this.store = context.getStateStore(storeName);
      context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::audit);
    }

    @Override
    public void process(Record<K, V> record) {
      if (record.value() != null && suppressed.test(record.value())) {
        Long n = store.get(topic);
        store.put(topic, n == null ? 1 : n + 1);
      }
    }

    private void audit(long timestamp) {
      Long n = store.get(topic);
      if (n == null || n == 0) {
        return;
      }
      AuditEvent event =
          PolicyAudit.cellsSuppressed(
              policy,
              COMPONENT,
              topic,
              settings.clock().instant(),
              n,
              Map.of("period", "since the previous audit event of this task"));
      context.forward(new Record<>(event.getEventId(), event, timestamp));
      store.delete(topic);
    }
  }
}
