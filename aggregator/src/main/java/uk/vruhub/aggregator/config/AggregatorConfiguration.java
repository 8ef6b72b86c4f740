package uk.vruhub.aggregator.config;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.aggregator.reference.Population;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.status.AggregatorStatus;
import uk.vruhub.aggregator.status.RestoringStores;
import uk.vruhub.aggregator.status.StatusMonitor;
import uk.vruhub.aggregator.status.StatusSource;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.aggregator.topology.TopologyTuning;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.enforce.PolicyEnforcer;
import uk.vruhub.policy.enforce.RecipientSecrets;
import uk.vruhub.policy.geo.AreaHierarchy;
import uk.vruhub.policy.validate.PolicyException;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.serde.AvroSerializer;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;

/** Wires the pure topology to its configuration, Kafka and the audit topic. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AggregatorProperties.class)
class AggregatorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AggregatorConfiguration.class);
  private static final String SAMPLE = "/uk/vruhub/aggregator/sample/";

  /**
   * Kafka Streams' state: up while running or rebalancing, down once it has failed or stopped. The
   * details are the status of {@code GET /api/v1/status} (lag, caught up, data as of); lag does not
   * make the aggregator unhealthy, since catching up is its ordinary work.
   */
  @Bean
  HealthIndicator streamsHealth(StreamsRunner runner, StatusSource status) {
    return () -> {
      KafkaStreams streams = runner.streams();
      if (streams == null) {
        return Health.unknown().withDetail("state", "NOT_STARTED").build();
      }
      KafkaStreams.State state = streams.state();
      Health.Builder health =
          switch (state) {
            case RUNNING, REBALANCING, CREATED -> Health.up();
            default -> Health.down();
          };
      health.withDetail("state", state.name());
      AggregatorStatus s = status.current();
      health.withDetail("caughtUp", s.caughtUp());
      Map<String, Object> optional = new LinkedHashMap<>();
      optional.put("totalLag", s.totalLag());
      optional.put("checkedAt", s.checkedAt());
      optional.put("dataAsOf", s.dataAsOf());
      optional.put("problem", s.problem());
      optional.forEach(
          (name, value) -> {
            if (value != null) {
              health.withDetail(name, value);
            }
          });
      return health.withDetail("tasks", s.tasks()).withDetail("partitions", s.partitions()).build();
    };
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  TopicCatalogue topicCatalogue(AggregatorProperties p) {
    if (p.topicSpecFile() == null || p.topicSpecFile().isBlank()) {
      return TopicCatalogue.load();
    }
    log.info("Topics as the spec {} names them", p.topicSpecFile());
    return TopicCatalogue.load(Path.of(p.topicSpecFile()));
  }

  @Bean
  AreaHierarchy areaHierarchy(AggregatorProperties p) {
    try (Reader reader = reference(p.areasFile(), "areas.csv", "hub.aggregator.areas-file")) {
      return AreaHierarchy.read(
          reader, p.areasFile() == null ? "the synthetic sample" : p.areasFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Bean
  Population population(AggregatorProperties p, AreaHierarchy areas) {
    try (Reader reader =
        reference(p.populationFile(), "population.csv", "hub.aggregator.population-file")) {
      return Population.read(
          reader, p.populationFile() == null ? "the synthetic sample" : p.populationFile(), areas);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reader reference(String file, String sample, String key) throws IOException {
    if (file != null && !file.isBlank()) {
      return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }
    log.warn("{} is not set: using the synthetic sample {} shipped for demos", key, sample);
    return new InputStreamReader(
        AggregatorConfiguration.class.getResourceAsStream(SAMPLE + sample), StandardCharsets.UTF_8);
  }

  @Bean
  Definitions definitions(AggregatorProperties p) {
    return p.definitionsFile() == null || p.definitionsFile().isBlank()
        ? Definitions.shipped()
        : Definitions.load(Path.of(p.definitionsFile()));
  }

  /**
   * The policy, checked: the aggregator does not start on a policy it may not enforce. On one that
   * breaks the rules it logs each violation, tries once to write a {@code POLICY_REFUSED} audit
   * event, and stops with exit code {@value PolicyRefusal#EXIT_CODE} ({@link PolicyRefusal}).
   */
  @Bean
  Policy policy(
      AggregatorProperties p,
      TopicCatalogue topics,
      KafkaProperties kafka,
      ObjectProvider<AvroSerdeConfig> serde,
      Clock clock) {
    Path file = Path.of(p.policyFile());
    Policy policy;
    try {
      policy = Policy.load(file, topics);
    } catch (PolicyException e) {
      throw PolicyRefusal.refuse(
          file,
          e,
          refusalWriter(kafka, serde, topics, p.refusalAuditTimeout()),
          p.refusalAuditTimeout(),
          clock);
    }
    log.info(
        "Enforcing policy {} version {} (sha256 {})",
        policy.identity().id(),
        policy.identity().version(),
        policy.identity().sha256());
    return policy;
  }

  /**
   * Writes the refusal with a producer of its own, every wait bounded by {@code timeout}. The
   * registry's settings are resolved here, on the refusing thread; a problem with them is the
   * write's failure, not another reason to stop.
   */
  private static PolicyRefusal.AuditWriter refusalWriter(
      KafkaProperties kafka,
      ObjectProvider<AvroSerdeConfig> serdeProvider,
      TopicCatalogue topics,
      Duration timeout) {
    AvroSerdeConfig serde;
    try {
      serde = serdeProvider.getObject();
    } catch (RuntimeException e) {
      return event -> {
        throw new IllegalStateException("the schema registry settings are unusable", e);
      };
    }
    Map<String, Object> props = new LinkedHashMap<>(kafka.buildProducerProperties());
    props.putAll(serde.asProperties());
    int millis = (int) Math.max(1, timeout.toMillis());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
    String topic = topics.byId(Ids.AUDIT).name();
    return event -> {
      try (KafkaProducer<String, AuditEvent> producer =
          new KafkaProducer<>(
              props,
              new StringSerializer(),
              new AvroSerializer<>(serde.client(), serde.autoRegister(), false))) {
        producer
            .send(new ProducerRecord<>(topic, event.getEventId(), event))
            .get(millis, TimeUnit.MILLISECONDS);
      }
    };
  }

  @Bean
  PolicyEnforcer policyEnforcer(
      Policy policy, TopicCatalogue topics, AreaHierarchy areas, AggregatorProperties p) {
    Path secrets =
        p.recipientSecretsDir() == null || p.recipientSecretsDir().isBlank()
            ? null
            : Path.of(p.recipientSecretsDir());
    return PolicyEnforcer.create(
        policy, topics, areas, RecipientSecrets.load(secrets, System.getenv()));
  }

  /**
   * The registry as the aggregator's user, over HTTPS trusting the configured CA; the password is
   * read from its file once, at start.
   */
  @Bean
  AvroSerdeConfig avroSerdeConfig(AggregatorProperties p) {
    AggregatorProperties.Registry r = p.registry();
    return AvroSerdeConfig.of(
        r.url(), r.autoRegister(), r.username(), r.passwordFile(), r.caFile());
  }

  @Bean
  AggregatorSettings aggregatorSettings(
      TopicCatalogue topics,
      AvroSerdeConfig serde,
      Definitions definitions,
      PolicyEnforcer enforcer,
      AreaHierarchy areas,
      Population population,
      AggregatorProperties p,
      Clock clock) {
    String vru = p.vruAreaCode();
    if (vru == null || vru.isBlank()) {
      List<AreaHierarchy.Area> all = areas.atLevel(AreaLevel.VRU_AREA);
      if (all.size() != 1) {
        throw new IllegalStateException(
            "The area lookup has "
                + all.size()
                + " VRU areas; set hub.aggregator.vru-area-code to the one unlocated events are"
                + " counted in");
      }
      vru = all.get(0).code();
    }
    Set<MatchKeyScheme> strong = EnumSet.noneOf(MatchKeyScheme.class);
    p.cohort().strongKeys().forEach(k -> strong.add(MatchKeyScheme.valueOf(k)));
    Set<MatchKeyScheme> unencoded = EnumSet.noneOf(MatchKeyScheme.class);
    p.cohort().unencodedKeys().forEach(k -> unencoded.add(MatchKeyScheme.valueOf(k)));
    String definition = definitions.get(p.cohort().definition()).key();
    CohortRules rules =
        new CohortRules(
            p.cohort().lookbackMonths(),
            p.cohort().minAge(),
            p.cohort().maxAge(),
            p.cohort().minAgencies(),
            p.cohort().minViolenceEvents(),
            Set.copyOf(strong),
            Set.copyOf(unencoded),
            definition,
            p.cohort().linkageRulesFile() == null || p.cohort().linkageRulesFile().isBlank()
                ? uk.vruhub.aggregator.cohort.LinkageRules.shipped()
                : uk.vruhub.aggregator.cohort.LinkageRules.load(
                    java.nio.file.Path.of(p.cohort().linkageRulesFile())));
    return new AggregatorSettings(
        topics,
        serde.client(),
        serde.autoRegister(),
        definitions,
        enforcer,
        areas,
        population,
        vru,
        rules,
        clock,
        p.stateStores());
  }

  @Bean
  Topology topology(AggregatorSettings settings, AggregatorProperties p) {
    Topology topology =
        HubTopology.build(
            settings, new TopologyTuning(p.hotspotFlushInterval(), p.auditInterval()));
    log.debug("Aggregator topology:\n{}", topology.describe());
    return topology;
  }

  @Bean
  RestoringStores restoringStores() {
    return new RestoringStores();
  }

  @Bean
  StreamsRunner streamsRunner(
      Topology topology, KafkaProperties kafka, AggregatorProperties p, RestoringStores restoring) {
    Properties props = new Properties();
    props.putAll(kafka.buildStreamsProperties());
    props.put(
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, p.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, p.streamThreads());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) p.commitInterval().toMillis());
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, p.cacheBytes());
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        p.stateDir() != null
            ? p.stateDir()
            : Path.of(System.getProperty("java.io.tmpdir"), p.applicationId()).toString());
    return new StreamsRunner(topology, props, p.runStreams(), restoring);
  }

  /** Lag and freshness, measured with the same connection settings as the streams. */
  @Bean(destroyMethod = "close")
  StatusMonitor statusMonitor(
      StreamsRunner runner,
      Topology topology,
      KafkaProperties kafka,
      AggregatorProperties p,
      RestoringStores restoring,
      TopicCatalogue topics,
      AvroSerdeConfig serde,
      PolicyEnforcer enforcer,
      Clock clock) {
    String bootstrap = String.join(",", kafka.getBootstrapServers());
    Map<String, Object> admin = new LinkedHashMap<>(kafka.buildAdminProperties());
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    Map<String, Object> consumer = new LinkedHashMap<>(kafka.buildConsumerProperties());
    consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    List<String> receipts =
        topics.all().stream()
            .filter(t -> t.valueClass() == FeedReceipt.class)
            .map(TopicSpec::name)
            .toList();
    // The finest period the policy publishes hotspots for says best how far the events reach.
    PeriodType finest =
        enforcer.topic(Ids.HOTSPOTS).periodTypes("periodType").stream()
            .min(java.util.Comparator.naturalOrder())
            .orElse(PeriodType.WEEK);
    return new StatusMonitor(
        runner::streams,
        topology,
        p.applicationId(),
        restoring,
        receipts,
        admin,
        consumer,
        serde.client(),
        finest,
        p.status().cacheFor(),
        p.status().timeout(),
        clock);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnBooleanProperty(name = "hub.aggregator.run-streams", matchIfMissing = true)
  AuditPublisher auditPublisher(
      KafkaProperties kafka,
      AvroSerdeConfig serde,
      TopicCatalogue topics,
      Policy policy,
      Clock clock,
      AggregatorProperties p,
      AggregatorSettings settings) {
    Map<String, Object> props = new LinkedHashMap<>(kafka.buildProducerProperties());
    props.putAll(serde.asProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    KafkaProducer<String, AuditEvent> producer =
        new KafkaProducer<>(
            props,
            new StringSerializer(),
            new AvroSerializer<>(serde.client(), serde.autoRegister(), false));
    AuditPublisher audit =
        new AuditPublisher(producer, topics.byId(Ids.AUDIT).name(), policy.identity(), clock);
    audit.policyLoaded(
        Map.of(
            "definitions",
            String.join(",", settings.definitions().all().stream().map(d -> d.key()).toList()),
            "cohortDefinition",
            settings.cohort().definition()));
    return audit;
  }
}
