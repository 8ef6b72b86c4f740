package uk.vruhub.ingest.core.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaTemplate;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.ingest.core.feed.AgencyFeed;
import uk.vruhub.ingest.core.feed.FeedLedger;
import uk.vruhub.ingest.core.feed.FeedProcessor;
import uk.vruhub.ingest.core.feed.FeedService;
import uk.vruhub.ingest.core.feed.FeedSink;
import uk.vruhub.ingest.core.feed.KafkaFeedTransactions;
import uk.vruhub.ingest.core.geo.PostcodeDirectory;
import uk.vruhub.ingest.core.identity.LinkageSecret;
import uk.vruhub.ingest.core.identity.Pseudonymiser;
import uk.vruhub.ingest.core.intake.DropFolder;
import uk.vruhub.ingest.core.intake.IntakeWeb;
import uk.vruhub.ingest.core.intake.TokenCheck;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.serde.AvroSerializer;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * Everything an agency's ingest service shares, wired around the one {@link AgencyFeed} bean the
 * service defines: intake (HTTP and drop folder), validation, pseudonymisation, geography, the feed
 * ledger and one Kafka transaction per feed.
 */
@AutoConfiguration
@ConditionalOnBean(AgencyFeed.class)
@EnableConfigurationProperties(IngestProperties.class)
@Import(IntakeWeb.class)
// Defaults of the services' Swagger UI, here rather than in each application.yaml because the
// local hub starts the services without those files. Added last, so any other source overrides.
@PropertySource("classpath:uk/vruhub/ingest/core/swagger-ui.properties")
public class IngestAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(IngestAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  TopicCatalogue topicCatalogue() {
    return TopicCatalogue.load();
  }

  @Bean
  Pseudonymiser pseudonymiser(IngestProperties properties) {
    String file = properties.linkage().secretFile();
    return new Pseudonymiser(
        LinkageSecret.load(
            file == null || file.isBlank() ? null : Path.of(file),
            System.getenv(),
            properties.linkage().keyId()));
  }

  @Bean
  PostcodeDirectory postcodeDirectory(IngestProperties properties) {
    String configured = properties.geography().postcodeDirectory();
    if (configured != null && !configured.isBlank()) {
      Path file = Path.of(configured);
      PostcodeDirectory directory = PostcodeDirectory.load(file);
      log.info("Postcode directory {}: {} postcodes", file, directory.size());
      return directory;
    }
    log.warn(
        "hub.ingest.geography.postcode-directory is not set: using the small synthetic sample,"
            + " which places no real postcode. Point it at the ONS Postcode Directory for real"
            + " feeds.");
    return PostcodeDirectory.syntheticSample();
  }

  /**
   * The registry as this service's user, over HTTPS trusting the configured CA; the password is
   * read from its file once, at start.
   */
  @Bean
  AvroSerdeConfig avroSerdeConfig(IngestProperties properties) {
    IngestProperties.Registry r = properties.registry();
    return AvroSerdeConfig.of(
        r.url(), r.autoRegister(), r.username(), r.passwordFile(), r.caFile());
  }

  @Bean
  DefaultKafkaProducerFactory<String, byte[]> feedProducerFactory(
      KafkaProperties kafka, AvroSerdeConfig serde, AgencyFeed<?> feed) {
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    // A feed is one transaction: idempotent, fully acknowledged, and long enough for a big feed.
    props.putAll(serde.asProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(15).toMillis());
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    // Values arrive encoded: the feed's workers write the Avro (see feedTransactions).
    DefaultKafkaProducerFactory<String, byte[]> factory =
        new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new ByteArraySerializer());
    // One transactional id per instance, reused by every producer it creates: a producer that
    // replaces one lost with the broker fences it, which aborts its open transaction at once
    // instead of leaving read_committed consumers waiting for the transaction timeout.
    factory.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(1));
    String prefix = kafka.getProducer().getTransactionIdPrefix();
    factory.setTransactionIdPrefix(
        prefix != null
            ? prefix
            : "ingest-"
                + feed.agency().name().toLowerCase(java.util.Locale.ROOT)
                + "-"
                + hostName()
                + "-");
    return factory;
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? "local" : host;
  }

  @Bean
  KafkaTemplate<String, byte[]> feedTemplate(
      @Qualifier("feedProducerFactory") DefaultKafkaProducerFactory<String, byte[]> factory) {
    return KafkaFeedTransactions.template(factory);
  }

  @Bean
  FeedSink.Transactions feedTransactions(
      KafkaTemplate<String, byte[]> feedTemplate, AvroSerdeConfig serde) {
    return new KafkaFeedTransactions(
        feedTemplate, new AvroSerializer<>(serde.client(), serde.autoRegister(), false));
  }

  /**
   * Opens (and commits) an empty transaction at start-up: initialising the producer fences the
   * previous run of this instance, aborting any feed it left half-sent when it stopped.
   */
  @Bean
  SmartInitializingSingleton fenceEarlierTransactions(FeedSink.Transactions transactions) {
    return () -> transactions.inTransaction(sink -> null);
  }

  @Bean(destroyMethod = "close")
  FeedLedger feedLedger(
      KafkaProperties kafka, AvroSerdeConfig serde, AgencyFeed<?> feed, TopicCatalogue topics) {
    FeedLedger ledger =
        new FeedLedger(
            kafka.buildConsumerProperties(),
            topics.byId(feed.receiptsTopicId()).name(),
            new AvroDeserializer<FeedReceipt>(serde.client(), FeedReceipt.class));
    ledger.start(Duration.ofSeconds(60));
    return ledger;
  }

  @Bean
  FeedProcessor feedProcessor(
      AgencyFeed<? extends SpecificRecord> feed,
      TopicCatalogue topics,
      FeedSink.Transactions transactions,
      Pseudonymiser pseudonymiser,
      PostcodeDirectory geography,
      IngestProperties properties,
      Clock clock) {
    PolicyIdentity policy =
        properties.policyFile() == null || properties.policyFile().isBlank()
            ? null
            : PolicyIdentity.read(Path.of(properties.policyFile()));
    return new FeedProcessor(
        feed,
        topics,
        transactions,
        pseudonymiser,
        geography,
        properties.maxRejectRate(),
        policy,
        clock,
        properties.csv().limits(),
        properties.pipeline().settings());
  }

  @Bean(destroyMethod = "close")
  FeedService feedService(
      AgencyFeed<?> feed,
      FeedProcessor processor,
      FeedLedger ledger,
      IngestProperties properties,
      Clock clock,
      MeterRegistry meters) {
    Path spool =
        properties.intake().spoolDir() != null
            ? Path.of(properties.intake().spoolDir())
            : Path.of(
                System.getProperty("java.io.tmpdir"),
                "vru-hub-" + feed.agency().name().toLowerCase(java.util.Locale.ROOT));
    return new FeedService(
        feed.agency(),
        processor,
        ledger,
        spool,
        new FeedService.IntakeLimits(
            properties.intake().maxFeedBytes(),
            properties.intake().maxSpoolBytes(),
            properties.intake().minFreeDiskBytes(),
            properties.intake().maxExtractAge()),
        properties.rejectDetails(),
        properties.statusRetention(),
        clock,
        meters);
  }

  @Bean
  TokenCheck tokenCheck(IngestProperties properties) {
    return new TokenCheck(properties.intake().tokenSha256());
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty("hub.ingest.drop-folder.path")
  DropFolder dropFolder(
      AgencyFeed<?> feed, FeedService feeds, IngestProperties properties, Clock clock)
      throws IOException {
    IngestProperties.DropFolder d = properties.dropFolder();
    return new DropFolder(
        feed.agency().name(),
        feeds,
        Path.of(d.path()),
        d.pollInterval(),
        d.settleTime(),
        d.keepExtracts(),
        clock);
  }

  @Bean
  HealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
    return IngestHealth.kafka(kafka.buildAdminProperties());
  }

  @Bean
  HealthIndicator schemaRegistryHealthIndicator(AvroSerdeConfig serde) {
    return IngestHealth.registry(serde.client());
  }

  @Bean
  OpenAPI feedApi(AgencyFeed<?> feed) {
    return new OpenAPI()
        .info(
            new Info()
                .title(
                    "VRU hub - "
                        + feed.agency().name().toLowerCase(java.util.Locale.ROOT)
                        + " feed intake")
                .version("v1")
                .description(
                    "Send "
                        + feed.contract().id()
                        + " extracts (CSV, UTF-8) and follow their processing. Direct identifiers"
                        + " never leave this service."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "agency-token",
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
  }
}
