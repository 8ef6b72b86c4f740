package uk.vruhub.aggregator.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.audit.PolicyAudit;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * Audits every publication cycle of an output stream: how many cells it published, how many of
 * those had their count hidden by small-number suppression, and how many it withdrew (tombstones),
 * under which policy and from when to when. The counts are a state store, and the audit event
 * ({@code PUBLICATION_CYCLE}), the store's reset and the input offsets commit in the task's
 * transaction: a task that fails and is replayed neither counts a cell twice nor loses one.
 *
 * <p>Use: after building an output stream (before or beside its {@code to(...)}), call
 *
 * <pre>
 * SuppressionAudit.count(builder, settings, interval, Ids.COHORT_SUMMARY, published,
 *     value -> Boolean.TRUE.equals(((CohortSummaryCell) value).getSuppressed()));
 * </pre>
 *
 * Each call adds a store ({@link #storeName}) and a sink on the audit topic. Every {@code interval}
 * of wall-clock time each task that wrote to the output topic since its last event writes one
 * event; a task that wrote nothing writes none, so idle intervals leave no record.
 *
 * <p>The counts are kept per policy hash, so cells counted before a restart on another policy and
 * not yet audited are audited under that policy's hash (its id and version are then absent: its
 * {@code POLICY_LOADED} event names them), never under the new one.
 */
public final class SuppressionAudit {

  /** The component audit events name. */
  public static final String COMPONENT = "aggregator";

  static final String PUBLISHED = "published";
  static final String SUPPRESSED = "suppressed";
  static final String WITHDRAWN = "withdrawn";
  static final String FROM = "from";

  private SuppressionAudit() {}

  /** The store holding the counts not yet audited, for the output topic with this id. */
  public static String storeName(String outputTopicId) {
    return "suppression-audit-" + outputTopicId;
  }

  /**
   * Audits the publication cycles of {@code published}, an output stream of the topic with id
   * {@code outputTopicId}; {@code suppressed} says which of its values have a suppressed count, and
   * a null value is a withdrawal.
   */
  public static <K, V> void count(
      StreamsBuilder builder,
      AggregatorSettings settings,
      Duration interval,
      String outputTopicId,
      KStream<K, V> published,
      Predicate<V> suppressed) {
    String store = storeName(outputTopicId);
    // Cached, so that the counts reach the changelog once per commit, not once per record.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                HubTopology.store(settings, store), Serdes.String(), Serdes.Long())
            .withCachingEnabled());
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

  /**
   * The store's key of one count: the policy's hash and what is counted ({@code published}, {@code
   * suppressed}, {@code withdrawn}, or {@code from}, the wall-clock millisecond of the first record
   * counted). A key without a separator is a suppressed-cell count left by a hub version before
   * publication cycles were audited.
   */
  static String key(String policyHash, String what) {
    return policyHash + "|" + what;
  }

  static final class Counter<K, V> implements Processor<K, V, String, AuditEvent> {

    private final String storeName;
    private final String topic;
    private final PolicyIdentity policy;
    private final AggregatorSettings settings;
    private final Duration interval;
    private final Predicate<V> suppressed;
    // The store keys of the policy in force, made once: process() runs for every output record.
    private final String fromKey;
    private final String publishedKey;
    private final String suppressedKey;
    private final String withdrawnKey;
    private KeyValueStore<String, Long> store;
    private ProcessorContext<String, AuditEvent> context;

    /**
     * The current policy's counts as the store holds them, read in {@link #init} (after any
     * restore, and again when a task is revived) so that a record costs writes, not reads.
     */
    private boolean started;

    private long published;
    private long suppressedCount;
    private long withdrawn;

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
      this.fromKey = key(policy.sha256(), FROM);
      this.publishedKey = key(policy.sha256(), PUBLISHED);
      this.suppressedKey = key(policy.sha256(), SUPPRESSED);
      this.withdrawnKey = key(policy.sha256(), WITHDRAWN);
    }

    @Override
    public void init(ProcessorContext<String, AuditEvent> context) {
      this.context = context;
      this.store = context.getStateStore(storeName);
      this.started = store.get(fromKey) != null;
      this.published = stored(publishedKey);
      this.suppressedCount = stored(suppressedKey);
      this.withdrawn = stored(withdrawnKey);
      context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::audit);
    }

    private long stored(String key) {
      Long n = store.get(key);
      return n == null ? 0 : n;
    }

    @Override
    public void process(Record<K, V> record) {
      if (!started) {
        store.put(fromKey, context.currentSystemTimeMs());
        started = true;
      }
      if (record.value() == null) {
        store.put(withdrawnKey, ++withdrawn);
        return;
      }
      store.put(publishedKey, ++published);
      if (suppressed.test(record.value())) {
        store.put(suppressedKey, ++suppressedCount);
      }
    }

    private void audit(long timestamp) {
      Map<String, Map<String, Long>> byPolicy = new TreeMap<>();
      List<String> read = new ArrayList<>();
      Long legacy = null;
      try (KeyValueIterator<String, Long> all = store.all()) {
        while (all.hasNext()) {
          KeyValue<String, Long> entry = all.next();
          read.add(entry.key);
          int bar = entry.key.indexOf('|');
          if (bar < 0) {
            legacy = entry.value;
            continue;
          }
          byPolicy
              .computeIfAbsent(entry.key.substring(0, bar), h -> new TreeMap<>())
              .put(entry.key.substring(bar + 1), entry.value);
        }
      }
      Instant at = settings.clock().instant();
      if (legacy != null && legacy > 0) {
        forward(
            PolicyAudit.cellsSuppressed(
                null,
                COMPONENT,
                topic,
                at,
                legacy,
                Map.of(
                    "period",
                    "counted by an earlier hub version and not audited before it stopped; the"
                        + " policy is the one its POLICY_LOADED event names")),
            timestamp);
      }
      byPolicy.forEach(
          (hash, counts) -> {
            long published = counts.getOrDefault(PUBLISHED, 0L);
            long withdrawn = counts.getOrDefault(WITHDRAWN, 0L);
            if (published + withdrawn == 0) {
              return;
            }
            Long from = counts.get(FROM);
            PolicyAudit.Cycle cycle =
                new PolicyAudit.Cycle(
                    from == null ? null : Instant.ofEpochMilli(Math.min(from, timestamp)),
                    Instant.ofEpochMilli(timestamp),
                    published,
                    Math.min(counts.getOrDefault(SUPPRESSED, 0L), published),
                    withdrawn);
            boolean current = hash.equals(policy.sha256());
            forward(
                PolicyAudit.publicationCycle(
                    current ? policy : new PolicyIdentity(null, null, hash),
                    COMPONENT,
                    topic,
                    at,
                    cycle,
                    current
                        ? Map.of("period", "since the previous audit event of this task")
                        : Map.of(
                            "period",
                            "counted before a restart on another policy, named by its hash (its"
                                + " POLICY_LOADED event gives its id and version)")),
                timestamp);
          });
      read.forEach(store::delete);
      started = false;
      published = 0;
      suppressedCount = 0;
      withdrawn = 0;
    }

    private void forward(AuditEvent event, long timestamp) {
      context.forward(new Record<>(event.getEventId(), event, timestamp));
    }
  }
}
