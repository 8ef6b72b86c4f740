package uk.vruhub.aggregator.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.aggregator.hotspot.Cell;
import uk.vruhub.aggregator.hotspot.CellCounts;
import uk.vruhub.aggregator.hotspot.HotspotTopology;
import uk.vruhub.aggregator.hotspot.NewestPeriod;
import uk.vruhub.aggregator.status.AggregatorStatus.DataAsOf;
import uk.vruhub.aggregator.status.AggregatorStatus.EventPeriod;
import uk.vruhub.aggregator.status.AggregatorStatus.Feed;
import uk.vruhub.aggregator.status.AggregatorStatus.PartitionLag;
import uk.vruhub.aggregator.status.AggregatorStatus.Task;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.schemas.registry.SchemaRegistry;
import uk.vruhub.schemas.topics.ConsumerGroupLag;

/**
 * Measures whether the aggregator has caught up, from its consumer group's offsets ({@link
 * ConsumerGroupLag}), and how fresh its outputs are.
 *
 * <p>One check reads, in this order: the end offsets of the feed-receipt topics; the group's
 * committed offsets; the end offsets of every source and repartition partition. When the streams
 * are RUNNING and no partition lags, everything committed to the inputs before the check began is
 * in the outputs, and so is every feed whose receipt lies below the receipt offsets read first (a
 * receipt is committed in one transaction with its feed's records). That instant and those feeds
 * are the {@linkplain DataAsOf data as of}, kept until the next check that finds the aggregator
 * caught up.
 *
 * <p>An answer is reused for {@code cacheFor}, so that polling the endpoint, the health check and
 * every analyst request do not each ask the broker; the Admin client and both consumers are made on
 * first use (an aggregator that never reports never connects them) and closed with the application.
 */
public final class StatusMonitor implements StatusSource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatusMonitor.class);

  private final Supplier<KafkaStreams> streams;
  private final String applicationId;
  private final Set<String> sourceTopics;
  private final Map<Integer, Set<String>> storesBySubtopology;
  private final RestoringStores restoring;
  private final List<String> receiptTopics;
  private final Map<String, Object> adminProperties;
  private final Map<String, Object> consumerProperties;
  private final PeriodType periodType;
  private final Duration cacheFor;
  private final Duration timeout;
  private final Clock clock;
  private final LatestFeeds latestFeeds;

  private Admin admin;
  private ConsumerGroupLag.Reader reader;
  private List<TopicPartition> receiptPartitions;
  private AggregatorStatus last;
  private DataAsOf asOf;
  private EventPeriod newestPeriod;
  private List<Long> newestPeriodAt;
  private boolean failing;

  /**
   * @param streams the running streams, or null before they are made
   * @param topology the topology they run: its source topics and state stores
   * @param applicationId the Streams application id: its consumer group and topic prefix
   * @param restoring the stores restoring now
   * @param receiptTopics the feed-receipt topics
   * @param adminProperties connection properties for the Admin client
   * @param consumerProperties connection properties for the consumers of gaps and receipts
   * @param registry the schema registry, to read receipts
   * @param periodType the period type of the newest event period reported
   * @param cacheFor how long one answer is reused
   * @param timeout longest wait for one answer of the cluster
   * @param clock the time of a check
   */
  public StatusMonitor(
      Supplier<KafkaStreams> streams,
      Topology topology,
      String applicationId,
      RestoringStores restoring,
      Collection<String> receiptTopics,
      Map<String, ?> adminProperties,
      Map<String, ?> consumerProperties,
      SchemaRegistry registry,
      PeriodType periodType,
      Duration cacheFor,
      Duration timeout,
      Clock clock) {
    this.streams = streams;
    this.applicationId = applicationId;
    TopologyDescription description = topology.describe();
    this.sourceTopics = sourceTopics(description);
    this.storesBySubtopology = stores(description);
    this.restoring = restoring;
    this.receiptTopics = List.copyOf(receiptTopics);
    this.adminProperties = new HashMap<>(adminProperties);
    this.consumerProperties = new HashMap<>(consumerProperties);
    this.periodType = periodType;
    this.cacheFor = cacheFor;
    this.timeout = timeout;
    this.clock = clock;
    this.latestFeeds = new LatestFeeds(consumerProperties, registry, timeout);
  }

  /**
   * The topology's source topics other than its repartition topics, which are named at run time and
   * found by {@link ConsumerGroupLag.Reader#streamsApplication}.
   */
  static Set<String> sourceTopics(TopologyDescription description) {
    Set<String> out = new LinkedHashSet<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          source.topicSet().stream().filter(t -> !t.endsWith("-repartition")).forEach(out::add);
        }
      }
    }
    return Set.copyOf(out);
  }

  private static Map<Integer, Set<String>> stores(TopologyDescription description) {
    Map<Integer, Set<String>> out = new HashMap<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      Set<String> stores = new LinkedHashSet<>();
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          stores.addAll(processor.stores());
        }
      }
      out.put(sub.id(), Set.copyOf(stores));
    }
    return Map.copyOf(out);
  }

  @Override
  public synchronized AggregatorStatus current() {
    Instant now = clock.instant();
    if (last == null || !now.isBefore(last.checkedAt().plus(cacheFor))) {
      last = check(now);
    }
    return last;
  }

  private AggregatorStatus check(Instant started) {
    KafkaStreams s = streams.get();
    String state = s == null ? "NOT_STARTED" : s.state().name();
    List<Task> tasks = tasks(s);
    Map<TopicPartition, Long> receiptEnds;
    ConsumerGroupLag lag;
    try {
      ConsumerGroupLag.Reader r = reader();
      receiptEnds = r.endOffsets(receiptPartitions(r));
      lag = r.streamsApplication(applicationId, sourceTopics);
      if (failing) {
        log.info("The aggregator's consumer group offsets can be read again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("The aggregator's consumer group offsets could not be read: {}", e.toString());
        failing = true;
      }
      return new AggregatorStatus(
          state,
          false,
          null,
          started,
          asOf,
          tasks,
          List.of(),
          "The consumer group's offsets could not be read from the cluster ("
              + e.getClass().getSimpleName()
              + "); the lag is unknown.");
    }
    boolean caughtUp = lag.caughtUp() && "RUNNING".equals(state);
    String problem = null;
    if (caughtUp) {
      List<Feed> feeds = null;
      try {
        feeds = latestFeeds.readTo(receiptEnds);
      } catch (RuntimeException e) {
        log.warn("The feed receipts could not be read: {}", e.toString());
        problem =
            "The feed receipts could not be read ("
                + e.getClass().getSimpleName()
                + "); the latest feeds are unknown.";
      }
      asOf = new DataAsOf(started, feeds, newestPeriod(s, lag));
    }
    return new AggregatorStatus(
        state, caughtUp, lag.total(), started, asOf, tasks, partitions(lag), problem);
  }

  private ConsumerGroupLag.Reader reader() {
    if (reader == null) {
      admin = Admin.create(adminProperties);
      reader = new ConsumerGroupLag.Reader(admin, consumerProperties, timeout);
    }
    return reader;
  }

  private List<TopicPartition> receiptPartitions(ConsumerGroupLag.Reader r) {
    if (receiptPartitions == null || receiptPartitions.isEmpty()) {
      receiptPartitions = r.partitionsOf(receiptTopics);
    }
    return receiptPartitions;
  }

  /** Scanned again only when the group has committed something new since the last scan. */
  private EventPeriod newestPeriod(KafkaStreams s, ConsumerGroupLag lag) {
    List<Long> committed =
        lag.partitions().stream().map(ConsumerGroupLag.Partition::committed).toList();
    if (committed.equals(newestPeriodAt)) {
      return newestPeriod;
    }
    try (KeyValueIterator<Cell, CellCounts> cells =
        s.store(
                StoreQueryParameters.fromNameAndType(
                    HotspotTopology.CELLS_STORE,
                    QueryableStoreTypes.<Cell, CellCounts>keyValueStore()))
            .all()) {
      newestPeriod =
          NewestPeriod.withEvents(cells, periodType)
              .map(start -> new EventPeriod(periodType.name(), start))
              .orElse(null);
      newestPeriodAt = committed;
    } catch (InvalidStateStoreException e) {
      log.debug("The hotspot cells could not be read for the status: {}", e.toString());
    }
    return newestPeriod;
  }

  private List<Task> tasks(KafkaStreams s) {
    if (s == null) {
      return List.of();
    }
    List<Task> out = new ArrayList<>();
    try {
      for (ThreadMetadata thread : s.metadataForLocalThreads()) {
        for (TaskMetadata task : thread.activeTasks()) {
          out.add(task(task, thread.threadName(), taskState(task, thread.threadState())));
        }
        for (TaskMetadata task : thread.standbyTasks()) {
          out.add(task(task, thread.threadName(), "STANDBY"));
        }
      }
    } catch (RuntimeException e) {
      // Streams that are not running have no threads to describe.
      log.debug("No task metadata: {}", e.toString());
    }
    out.sort(Comparator.comparing(Task::id));
    return out;
  }

  private String taskState(TaskMetadata task, String threadState) {
    int partition = task.taskId().partition();
    boolean restoringNow =
        storesBySubtopology.getOrDefault(task.taskId().subtopology(), Set.of()).stream()
            .anyMatch(store -> restoring.restoring(store, partition));
    return restoringNow ? "RESTORING" : threadState;
  }

  private static Task task(TaskMetadata task, String thread, String state) {
    return new Task(
        task.taskId().toString(),
        thread,
        state,
        task.topicPartitions().stream().map(TopicPartition::toString).sorted().toList());
  }

  private static List<PartitionLag> partitions(ConsumerGroupLag lag) {
    return lag.partitions().stream()
        .map(p -> new PartitionLag(p.topic(), p.partition(), p.committed(), p.end(), p.lag()))
        .toList();
  }

  @Override
  public synchronized void close() {
    latestFeeds.close();
    if (reader != null) {
      reader.close();
      admin.close(Duration.ofSeconds(5));
    }
  }
}
