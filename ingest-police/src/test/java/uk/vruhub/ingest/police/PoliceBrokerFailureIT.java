package uk.vruhub.ingest.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.broker.HubBroker;
import uk.vruhub.ingest.core.intake.TokenCheck;
import uk.vruhub.ingest.core.it.IngestITSupport;
import uk.vruhub.policy.apply.ApplyResult;
import uk.vruhub.policy.apply.ClusterPolicy;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.topics.CommittedRecords;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.SecretFiles;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubIntegrationTest;
import uk.vruhub.testkit.LargeFeeds;

/**
 * The broker goes away in the middle of a feed. The feed is reported FAILED, saying nothing was
 * published and it may be sent again; read_committed consumers never see any of it; the log says so
 * once and holds no record's key; once the broker is back, sending the same file publishes every
 * row exactly once. Uses a broker of its own (the hub's secured one, with the shipped policy
 * applied), so the shared one stays up for the other tests.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PoliceBrokerFailureIT {

  /** A record pseudonym as it would appear in a log line: 43 characters of base64url. */
  private static final Pattern PSEUDONYM_LIKE = Pattern.compile("[A-Za-z0-9_-]{43}");

  static final int ROWS = 150_000;

  private static final String POLICE = HubPrincipals.ingest("police");
  private static final Duration BROKER_START = Duration.ofMinutes(2);

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aFeedInterruptedByTheBrokerIsNeverHalfPublishedAndCanBeSentAgain(
      HubEnvironment hub, @TempDir Path dir, CapturedOutput output) throws Exception {
    // The hub's own secured broker, on ports of its own: stopped and started again below.
    Path data = dir.resolve("broker");
    Path secrets = dir.resolve("secrets");
    int kafkaPort = freePort();
    int controllerPort = freePort();
    Path password = SecretFiles.ensure(secrets.resolve("kafka").resolve(POLICE));
    HubBroker[] broker = {HubBroker.start(data, secrets, kafkaPort, controllerPort, BROKER_START)};
    TopicCatalogue topics = TopicCatalogue.load();
    ApplyResult applied =
        ClusterPolicy.apply(
            broker[0].adminProperties(),
            hub.policy(),
            topics,
            new ClusterPolicy.Options((short) 1, true)
                .withKafkaUsers(Map.of(POLICE, SecretFiles.read(password))));
    assertThat(applied.refusals()).isEmpty();
    String eventsTopic = topics.byId(Ids.POLICE_CRIME_EVENTS).name();
    Path feed = LargeFeeds.write(dir.resolve("feed.csv"), ROWS, "F");
    Files.writeString(dir.resolve("secret"), IngestITSupport.LINKAGE_SECRET);
    ConfigurableApplicationContext app =
        start(broker[0].bootstrapServers(), password, hub, dir.resolve("secret"));
    try {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      String feedId =
          IngestITSupport.sendFile(port, feed, LocalDate.of(2026, 3, 31))
              .json()
              .path("feedId")
              .asString();
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> IngestITSupport.status(port, feedId).json().path("rowsRead").asLong() > 20_000);

      broker[0].close();
      JsonNode failed = IngestITSupport.awaitFinished(port, feedId, Duration.ofMinutes(2));

      assertThat(failed.path("state").asString()).isEqualTo("FAILED");
      assertThat(failed.path("message").asString())
          .contains("nothing was published; the same file can be sent again");
      assertThat(failed.path("recordsPublished").asLong()).isZero();

      broker[0] = HubBroker.start(data, secrets, kafkaPort, controllerPort, BROKER_START);
      assertThat(committedOf(broker[0], hub, eventsTopic, feedId, key -> {}))
          .as("nothing of the failed feed is visible")
          .isZero();
      String logOfFailure = output.getAll();

      IngestITSupport.Answer again =
          IngestITSupport.sendFile(port, feed, LocalDate.of(2026, 3, 31));
      assertThat(again.json().path("state").asString())
          .as("a failed feed is not a duplicate")
          .isNotEqualTo("DUPLICATE");
      JsonNode published = IngestITSupport.awaitFinished(port, feedId, Duration.ofMinutes(3));
      assertThat(published.path("state").asString()).isEqualTo("PUBLISHED");
      // Commit markers land just after the commit returns: wait until the whole feed is visible.
      java.util.concurrent.atomic.AtomicLong visible = new java.util.concurrent.atomic.AtomicLong();
      await()
          .atMost(Duration.ofMinutes(1))
          .until(
              () -> {
                visible.set(committedOf(broker[0], hub, eventsTopic, feedId, key -> {}));
                return visible.get() >= ROWS;
              });
      long onTopic = visible.get();
      System.out.printf(
          "Broker stopped mid-feed: sent %d rows, first attempt FAILED with 0 visible; resent: %d"
              + " on the topic, duplicates %d, lost %d%n",
          ROWS, onTopic, Math.max(0, onTopic - ROWS), Math.max(0, ROWS - onTopic));
      assertThat(onTopic).isEqualTo(ROWS);

      // The resent feed's records have the keys the failed attempt tried to send.
      Set<String> keys = new HashSet<>();
      committedOf(broker[0], hub, eventsTopic, feedId, keys::add);
      Matcher tokens = PSEUDONYM_LIKE.matcher(logOfFailure);
      long keysLogged = 0;
      while (tokens.find()) {
        keysLogged += keys.contains(tokens.group()) ? 1 : 0;
      }
      long failureLines =
          logOfFailure.lines().filter(l -> l.contains("Feed " + feedId + " failed")).count();
      System.out.printf(
          "Log of the failed attempt: %d lines, %d saying the feed failed, %d record keys%n",
          logOfFailure.lines().count(), failureLines, keysLogged);
      assertThat(keysLogged).as("record keys in the log of the failed attempt").isZero();
      assertThat(failureLines).as("the failure is logged once").isEqualTo(1);
    } finally {
      app.close();
      broker[0].close();
    }
  }

  private static ConfigurableApplicationContext start(
      String bootstrap, Path password, HubEnvironment hub, Path secret) {
    List<String> args = new ArrayList<>();
    hub.serverTlsProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
    hub.registryClientProperties("hub.ingest.registry", HubPrincipals.ingest("police"))
        .forEach((k, v) -> args.add("--" + k + "=" + v));
    args.addAll(
        List.of(
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + bootstrap,
            "--hub.kafka.security-protocol=SASL_PLAINTEXT",
            "--hub.kafka.password-file=" + password,
            "--spring.kafka.producer.properties.delivery.timeout.ms=10000",
            "--spring.kafka.producer.properties.request.timeout.ms=3000",
            "--spring.kafka.producer.properties.max.block.ms=5000",
            "--spring.kafka.producer.properties.transaction.timeout.ms=30000",
            "--hub.ingest.registry.auto-register=true",
            "--hub.ingest.linkage.secret-file=" + secret,
            "--hub.ingest.intake.token-sha256=" + TokenCheck.hash(IngestITSupport.TOKEN),
            "--spring.application.name=ingest-police-failure-test"));
    return new SpringApplicationBuilder(IngestPoliceApplication.class)
        .run(args.toArray(String[]::new));
  }

  /** Records of a feed that a read_committed consumer sees, reading the whole topic. */
  private static long committedOf(
      HubBroker broker, HubEnvironment hub, String topic, String feedId, Consumer<String> keys) {
    AtomicLong count = new AtomicLong();
    CommittedRecords.<String, PoliceCrimeEvent>forEach(
        broker.adminProperties(),
        topic,
        new StringDeserializer(),
        new AvroDeserializer<>(hub.serdeConfig().client(), PoliceCrimeEvent.class),
        Duration.ofMinutes(1),
        r -> {
          if (r.value() != null && r.value().getFeedId().equals(feedId)) {
            count.incrementAndGet();
            keys.accept(r.key());
          }
        });
    return count.get();
  }
}
