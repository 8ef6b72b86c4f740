package uk.vruhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.security.HubPrincipals;

/**
 * Confluent's own clients against the hub's registry and broker: Debian's {@code
 * python3-confluent-kafka} (with {@code python3-avro}) produces and consumes through the broker,
 * and npm's {@code @kafkajs/confluent-schema-registry} encodes and decodes, each reading what the
 * hub's serde wrote and the other way round, over HTTPS with a registry user's credentials as
 * Confluent's clients give them ({@code basic.auth.user.info}, {@code ssl.ca.location}, an HTTPS
 * agent trusting the hub's CA). The Python client logs in to the broker with SCRAM-SHA-512; where
 * this machine's librdkafka is too old for Kafka 4 (before 2.6.1), it runs from Debian 13's package
 * in a local image (README). Skipped where those clients are not available, unless {@code
 * -Dhub.it.interop.required=true} (CI), which provides them.
 */
@HubIntegrationTest
class ConfluentClientsInteropIT {

  private static final Path INTEROP = Paths.get("src/test/interop");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** interop.py's exit status when the broker refuses its login. */
  private static final int AUTHENTICATION_REFUSED = 3;

  private static final boolean REQUIRED = Boolean.getBoolean("hub.it.interop.required");

  private static final List<HotspotCell> CELLS =
      List.of(
          cell("E01900001", 12, false, 3.4),
          cell("E01900002", null, true, null),
          cell("E01900003", 0, false, 0.0));

  @Test
  void confluentsPythonClientReadsAndWritesTheHubsRecordsThroughTheBroker(HubEnvironment hub)
      throws Exception {
    List<String> python = pythonClient();
    Serde<HotspotCell> serde =
        AvroSerdes.valueSerde(hub.topics().byId("hotspots"), hub.serdeConfig());

    String toPython = "interop.java-to-python.v1";
    createTopic(hub, toPython);
    try (KafkaProducer<String, HotspotCell> producer =
        new KafkaProducer<>(hub.producerProperties(), new StringSerializer(), serde.serializer())) {
      for (HotspotCell cell : CELLS) {
        // No key: the legacy AvroConsumer decodes keys as Avro too, and this topic's keys don't
        // matter.
        producer.send(new ProducerRecord<>(toPython, null, cell));
      }
    }
    List<String> read =
        runPython(hub, python, "consume", hub.bootstrapServers(), hub.registryUrl(), toPython, "3");
    List<JsonNode> decoded = new ArrayList<>();
    for (String line : read) {
      decoded.add(JSON.readTree(line));
    }
    assertThat(decoded)
        .extracting(n -> n.path("areaCode").asText())
        .containsExactly("E01900001", "E01900002", "E01900003");
    assertThat(decoded.get(0).path("count").asInt()).isEqualTo(12);
    assertThat(decoded.get(1).path("count").isNull()).isTrue();
    assertThat(decoded.get(1).path("suppressed").asBoolean()).isTrue();
    assertThat(decoded.get(0).path("periodStart").asText()).isEqualTo("2026-03-02");
    assertThat(decoded.get(0).path("ratePer10k").asDouble()).isEqualTo(3.4);

    String fromPython = "interop.python-to-java.v1";
    createTopic(hub, fromPython);
    Path schema =
        Files.writeString(
            Files.createTempFile("hotspot", ".avsc"), HotspotCell.getClassSchema().toString());
    Path lines = Files.createTempFile("cells", ".jsonl");
    List<String> jsonLines = new ArrayList<>();
    for (HotspotCell cell : CELLS) {
      jsonLines.add(
          JSON.createObjectNode()
              .put("areaCode", cell.getAreaCode())
              .put("areaLevel", cell.getAreaLevel().name())
              .put("periodType", cell.getPeriodType().name())
              .put("periodStart", cell.getPeriodStart().toString())
              .put("definitionId", cell.getDefinitionId())
              .put("source", cell.getSource().name())
              .put("count", cell.getCount())
              .put("suppressed", cell.getSuppressed())
              .put("ratePer10k", cell.getRatePer10k())
              .put("unlocatedIncluded", cell.getUnlocatedIncluded())
              .put("revisedAt", cell.getRevisedAt().toEpochMilli())
              .toString());
    }
    Files.write(lines, jsonLines, StandardCharsets.UTF_8);
    runPython(
        hub,
        python,
        "produce",
        hub.bootstrapServers(),
        hub.registryUrl(),
        fromPython,
        schema.toString(),
        lines.toString());

    List<HotspotCell> back = new ArrayList<>();
    try (KafkaConsumer<String, HotspotCell> consumer =
        new KafkaConsumer<>(
            hub.consumerProperties(), new StringDeserializer(), serde.deserializer())) {
      consumer.subscribe(List.of(fromPython));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (back.size() < CELLS.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, HotspotCell> record : consumer.poll(Duration.ofMillis(200))) {
          back.add(record.value());
        }
      }
    }
    assertThat(back).containsExactlyElementsOf(CELLS);
  }

  @Test
  void confluentsNodeClientEncodesAndDecodesInTheSameWireFormat(HubEnvironment hub)
      throws Exception {
    available("Node.js and npm", "npm", "--version");
    Path work = Paths.get("target/interop-node");
    copyTree(INTEROP.resolve("node"), work);
    if (!Files.isDirectory(work.resolve("node_modules/@kafkajs/confluent-schema-registry"))) {
      run("npm", "ci", "--prefix", work.toString(), "--no-audit", "--no-fund", "--silent");
    }
    Serde<HotspotCell> serde =
        AvroSerdes.valueSerde(hub.topics().byId("hotspots"), hub.serdeConfig());
    HotspotCell cell = CELLS.get(0);

    byte[] fromJava = serde.serializer().serialize("interop.node.v1", cell);
    JsonNode decodedByNode =
        JSON.readTree(
            runAgainst(
                    hub,
                    "node",
                    work.resolve("interop.js").toString(),
                    "decode",
                    hub.registryUrl(),
                    HexFormat.of().formatHex(fromJava))
                .get(0));
    assertThat(decodedByNode.path("areaCode").asText()).isEqualTo("E01900001");
    assertThat(
            exitCode(
                Map.of(
                    "REGISTRY_CA_FILE",
                    hub.caFile().toString(),
                    "REGISTRY_USER_INFO",
                    TestSecrets.TESTKIT + ":wrong-password"),
                "node",
                work.resolve("interop.js").toString(),
                "decode",
                hub.registryUrl(),
                HexFormat.of().formatHex(fromJava)))
        .as("Confluent's client with a wrong password is refused by the registry")
        .isNotZero();
    assertThat(decodedByNode.path("count").asInt()).isEqualTo(12);
    assertThat(decodedByNode.path("periodStart").asInt())
        .isEqualTo((int) cell.getPeriodStart().toEpochDay());

    Path schema =
        Files.writeString(
            Files.createTempFile("hotspot", ".avsc"), HotspotCell.getClassSchema().toString());
    Path payload =
        Files.writeString(
            Files.createTempFile("cell", ".json"),
            JSON.createObjectNode()
                .put("areaCode", "E01900009")
                .put("areaLevel", "LSOA")
                .put("periodType", "MONTH")
                .put("periodStart", (int) LocalDate.of(2026, 4, 1).toEpochDay())
                .put("definitionId", "hips-2023")
                .put("source", "HEALTH")
                .put("count", 7)
                .put("suppressed", false)
                .putNull("ratePer10k")
                .put("unlocatedIncluded", 2)
                .put("revisedAt", 1_780_000_000_000L)
                .toString());
    String hex =
        runAgainst(
                hub,
                "node",
                work.resolve("interop.js").toString(),
                "encode",
                hub.registryUrl(),
                "interop.node.v1-value",
                schema.toString(),
                payload.toString())
            .get(0);
    HotspotCell decodedByJava =
        serde.deserializer().deserialize("interop.node.v1", HexFormat.of().parseHex(hex.trim()));

    assertThat(decodedByJava.getAreaCode()).isEqualTo("E01900009");
    assertThat(decodedByJava.getPeriodStart()).isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(decodedByJava.getCount()).isEqualTo(7);
    assertThat(decodedByJava.getRatePer10k()).isNull();
    assertThat(decodedByJava.getRevisedAt()).isEqualTo(Instant.ofEpochMilli(1_780_000_000_000L));
  }

  private static HotspotCell cell(String area, Integer count, boolean suppressed, Double rate) {
    return HotspotCell.newBuilder()
        .setAreaCode(area)
        .setAreaLevel(AreaLevel.LSOA)
        .setPeriodType(PeriodType.WEEK)
        .setPeriodStart(LocalDate.of(2026, 3, 2))
        .setDefinitionId("sussex-2020")
        .setSource(HotspotSource.COMBINED)
        .setCount(count)
        .setSuppressed(suppressed)
        .setRatePer10k(rate)
        .setUnlocatedIncluded(0)
        .setRevisedAt(Instant.parse("2026-03-09T06:00:00Z"))
        .build();
  }

  private static void createTopic(HubEnvironment hub, String name) throws Exception {
    try (Admin admin = hub.admin()) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
        admin
            .createTopics(List.of(new NewTopic(name, 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Skips the test (or fails it, where CI requires the clients) when a command does not run. */
  private static void available(String what, String... command) {
    boolean ok;
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      ok = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    if (!ok && REQUIRED) {
      fail(
          what
              + " must be installed when hub.it.interop.required=true ("
              + String.join(" ", command)
              + " failed)");
    }
    Assumptions.assumeTrue(ok, what + " not installed: skipping the interop test");
  }

  /**
   * Debian 13's image of Confluent's Python client:
   * deploy/docker/base/build-python-clients-image.sh.
   */
  static final String PYTHON_IMAGE = "vruhub/confluent-python:trixie";

  /**
   * librdkafka 2.6.1 as {@code rd_kafka_version()} gives it: the first release whose SCRAM login
   * Kafka 4 accepts (earlier ones append the client nonce twice, which Kafka 4's strict RFC 5802
   * check refuses as invalid credentials; confluentinc/librdkafka#4895).
   */
  private static final int LIBRDKAFKA_SCRAM_FIXED = 0x020601ff;

  /**
   * How to run Confluent's Python client: this machine's {@code python3-confluent-kafka} when its
   * librdkafka can log in with SCRAM to Kafka 4, else the same Debian package from Debian 13 in a
   * container, else the test is skipped (or fails where CI requires it) saying what is missing.
   */
  private static List<String> pythonClient() {
    String host = "/usr/bin/python3";
    int status =
        status(
            host,
            "-c",
            "import sys, confluent_kafka, confluent_kafka.avro;"
                + " sys.exit(0 if confluent_kafka.libversion()[1] >= "
                + LIBRDKAFKA_SCRAM_FIXED
                + " else 4)");
    if (status == 0) {
      return List.of(host);
    }
    if (status("docker", "image", "inspect", PYTHON_IMAGE) == 0) {
      return List.of("docker", "run", "--rm", "--network", "host", PYTHON_IMAGE, "python3");
    }
    String why =
        status == 4
            ? "this machine's librdkafka is older than 2.6.1, which Kafka 4 refuses SCRAM logins"
                + " from (Debian 12 ships 2.0.2)"
            : "python3-confluent-kafka and python3-avro are not installed";
    String message =
        "Confluent's Python client cannot run here: "
            + why
            + "; build its Debian 13 image with deploy/docker/base/build-python-clients-image.sh"
            + " (root and Docker)";
    if (REQUIRED) {
      fail(message + " (hub.it.interop.required=true)");
    }
    Assumptions.abort(message);
    return List.of();
  }

  /**
   * interop.py with these arguments, as {@link #runAgainst} runs a client. In the container every
   * file it is given (the script, its inputs, the CA, the password file) is mounted read-only at
   * the same path, the environment's names are passed through (never their values on the command
   * line), and it runs as this user, who owns the password file.
   */
  private static List<String> runPython(HubEnvironment hub, List<String> python, String... args)
      throws IOException, InterruptedException {
    Map<String, String> env = environment(hub);
    List<String> command = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    rest.add(INTEROP.resolve("python/interop.py").toAbsolutePath().toString());
    for (String arg : args) {
      Path file = Paths.get(arg);
      rest.add(Files.isRegularFile(file) ? file.toAbsolutePath().toString() : arg);
    }
    if (python.get(0).equals("docker")) {
      List<String> files = new ArrayList<>(rest.subList(0, 1));
      rest.stream().skip(1).filter(a -> Files.isRegularFile(Paths.get(a))).forEach(files::add);
      env.values().stream().filter(v -> Files.isRegularFile(Paths.get(v))).forEach(files::add);
      Object uid = Files.getAttribute(hub.caFile(), "unix:uid");
      Object gid = Files.getAttribute(hub.caFile(), "unix:gid");
      command.addAll(python.subList(0, python.size() - 2));
      command.addAll(List.of("--user", uid + ":" + gid));
      for (String file : files) {
        command.addAll(List.of("-v", file + ":" + file + ":ro"));
      }
      for (String name : env.keySet()) {
        command.addAll(List.of("-e", name));
      }
      command.addAll(python.subList(python.size() - 2, python.size()));
    } else {
      command.addAll(python);
    }
    command.addAll(rest);
    return run(env, command.toArray(String[]::new));
  }

  /** A command's exit status; -1 if it cannot be started or does not end within a minute. */
  private static int status(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static List<String> run(String... command) throws IOException, InterruptedException {
    return run(Map.of(), command);
  }

  /**
   * A Confluent client run as a hub recipient would run it: over HTTPS trusting the hub's CA, with
   * a registry user's credentials, both given in the environment rather than on the command line.
   * The Python client registers (the test kit's user may write); reading needs only a reader.
   */
  private static List<String> runAgainst(HubEnvironment hub, String... command)
      throws IOException, InterruptedException {
    return run(environment(hub), command);
  }

  /**
   * The registry's CA and credentials, and the Kafka login (hub-admin: the topics are the test's).
   */
  private static Map<String, String> environment(HubEnvironment hub) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("REGISTRY_CA_FILE", hub.caFile().toString());
    env.put("REGISTRY_USER_INFO", hub.secrets().registryUserInfo(TestSecrets.TESTKIT));
    env.put("KAFKA_SECURITY_PROTOCOL", hub.securityProtocol());
    Path password = hub.kafkaPasswordFile(HubPrincipals.ADMIN);
    if (password != null) {
      env.put("KAFKA_SASL_USERNAME", HubPrincipals.ADMIN);
      env.put("KAFKA_SASL_PASSWORD_FILE", password.toAbsolutePath().toString());
    }
    if (hub.kafkaCaFile() != null) {
      env.put("KAFKA_SSL_CA_FILE", hub.kafkaCaFile().toAbsolutePath().toString());
    }
    return env;
  }

  private static List<String> run(Map<String, String> environment, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    // Python's requests lets these variables override a session's own CA file, which is how
    // Confluent's client passes ssl.ca.location on: a machine that sets them would test the
    // machine's trust store instead of the client's setting.
    builder.environment().remove("REQUESTS_CA_BUNDLE");
    builder.environment().remove("CURL_CA_BUNDLE");
    builder.environment().putAll(environment);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = process.waitFor(120, TimeUnit.SECONDS);
    if (ended && process.exitValue() == AUTHENTICATION_REFUSED) {
      fail("The broker refused the login of " + String.join(" ", command) + "; it printed: " + out);
    }
    if (!ended || process.exitValue() != 0) {
      fail(String.join(" ", command) + " failed; it printed: " + out);
    }
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  private static int exitCode(Map<String, String> environment, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish");
    }
    return process.exitValue();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.filter(p -> !p.toString().contains("node_modules")).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
