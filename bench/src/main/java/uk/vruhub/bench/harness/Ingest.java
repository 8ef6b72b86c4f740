package uk.vruhub.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaTemplate;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.ingest.core.feed.AgencyFeed;
import uk.vruhub.ingest.core.feed.FeedJob;
import uk.vruhub.ingest.core.feed.FeedProcessor;
import uk.vruhub.ingest.core.feed.FeedStatus;
import uk.vruhub.ingest.core.feed.KafkaFeedTransactions;
import uk.vruhub.ingest.core.geo.PostcodeDirectory;
import uk.vruhub.ingest.core.identity.LinkageSecret;
import uk.vruhub.ingest.core.identity.Pseudonymiser;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.serde.AvroSerializer;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * One agency's ingest pipeline as the service runs it (the same FeedProcessor, a transactional
 * producer configured as the service configures it), without HTTP and spooling.
 */
final class Ingest implements AutoCloseable {

  static final byte[] LINKAGE_SECRET =
      "benchmark-linkage-secret-of-at-least-32-bytes"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final DefaultKafkaProducerFactory<String, byte[]> factory;
  private final FeedProcessor processor;
  private final String agency;

  Ingest(BenchHub hub, AgencyFeed<? extends SpecificRecord> feed, Path postcodes, String txId) {
    AvroSerdeConfig serde = hub.serde(true);
    // As the services do: values are encoded by the feed's workers, the producer sends bytes.
    factory =
        new DefaultKafkaProducerFactory<>(
            producerProperties(hub.kafka(), serde),
            new StringSerializer(),
            new ByteArraySerializer());
    factory.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(1));
    factory.setTransactionIdPrefix(txId + "-");
    KafkaTemplate<String, byte[]> template = KafkaFeedTransactions.template(factory);
    agency = feed.agency().name().toLowerCase(java.util.Locale.ROOT);
    processor =
        new FeedProcessor(
            feed,
            TopicCatalogue.load(),
            new KafkaFeedTransactions(template, new AvroSerializer<>(serde.client(), true, false)),
            new Pseudonymiser(new LinkageSecret(LINKAGE_SECRET, "bench")),
            postcodes == null
                ? PostcodeDirectory.syntheticSample()
                : PostcodeDirectory.load(postcodes),
            0.05,
            PolicyIdentity.read(uk.vruhub.bench.AggregatorBenchSettings.POLICY),
            Clock.systemUTC());
  }

  /** The producer settings the ingest services use (acks=all, idempotent, 5 ms linger, 128 KiB). */
  static Map<String, Object> producerProperties(Map<String, Object> kafka, AvroSerdeConfig serde) {
    Map<String, Object> props = new HashMap<>(serde == null ? Map.of() : serde.asProperties());
    props.putAll(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(15).toMillis());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    return props;
  }

  /** Processes one feed file; throws unless it is published. */
  FeedReceipt process(Path file, LocalDate extractDate) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      String sha = HexFormat.of().formatHex(digest.digest());
      String id = FeedJob.feedId(agency, extractDate, sha);
      FeedJob job =
          new FeedJob(id, extractDate, sha, Files.size(file), file, Instant.now(), "bench");
      FeedStatus status = new FeedStatus(id, extractDate, Instant.now(), "bench", 10);
      FeedReceipt receipt = processor.process(job, status);
      if (!status.state().name().equals("PUBLISHED")) {
        throw new IllegalStateException(
            "Feed "
                + file.getFileName()
                + " was "
                + status.state()
                + ": "
                + status.snapshot().message()
                + " "
                + status.snapshot().rejectsByReason());
      }
      return receipt;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    processor.close();
    factory.destroy();
  }
}
