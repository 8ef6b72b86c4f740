package uk.vruhub.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.vruhub.broker.HubBroker;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.apply.ApplyResult;
import uk.vruhub.policy.apply.ClusterPolicy;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.registry.RegistryServer;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.LocalCa;
import uk.vruhub.security.SecretFiles;
import uk.vruhub.synth.SynthSettings;
import uk.vruhub.synth.SyntheticArea;

/**
 * The whole hub on one machine: Apache Kafka's broker (KRaft, one node) with its data under a
 * folder, the schema registry keeping its schemas on that broker, and the topics of the topic spec
 * with the policy's retention, applied by the policy's topic job. Stops cleanly on Ctrl-C and
 * starts again with its data intact.
 */
@Command(
    name = "hub",
    mixinStandardHelpOptions = true,
    description =
        "Runs the VRU data-sharing hub on this machine: broker, schema registry, topics, the three"
            + " ingest services and the aggregator, with demo data on first start.",
    subcommands = {QualityCommand.class})
public final class LocalHub implements Runnable, AutoCloseable {

  @Option(
      names = "--data-dir",
      defaultValue = ".hub",
      description = "Folder for the broker's data and the hub's state (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka client port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--controller-port",
      defaultValue = "9093",
      description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
  int controllerPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description = "Schema registry HTTP port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description =
          "Address every listener of the hub binds to (default: ${DEFAULT-VALUE}, this machine"
              + " only). Another address lets other machines reach the hub: a warning says so.")
  String bind = "127.0.0.1";

  @Option(names = "--reset", description = "Delete the data folder first and start from nothing.")
  boolean reset;

  @Option(
      names = "--policy",
      defaultValue = "deploy/policy/vru-hub-isa.yaml",
      description = "The information-sharing policy the hub enforces (default: ${DEFAULT-VALUE}).")
  Path policyFile;

  @Option(
      names = "--http-port",
      defaultValue = "8090",
      description =
          "Aggregator's HTTP port; the police, health and education services take the next three"
              + " (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--services",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Run the three ingest services and the aggregator in this process (default: on;"
              + " --no-services runs only the broker and registry).")
  boolean withServices;

  @Option(
      names = "--demo",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "On first start, generate three months of synthetic nightly extracts, send them to the"
              + " services and show the results (default: on; --no-demo starts empty).")
  boolean demo;

  @Option(
      names = "--demo-withhold",
      paramLabel = "AGENCY:N",
      description =
          "Hold back the last N nightly extracts of one agency (police, health or education) when"
              + " the demo data is first sent, so the data tracker shows that agency's feed"
              + " overdue, e.g. --demo-withhold health:5. Only on a first start (or with --reset).")
  String demoWithhold;

  @Option(
      names = "--seed",
      defaultValue = "20261123",
      description = "Seed of the demo data (default: ${DEFAULT-VALUE}).")
  long seed;

  /** The mess of the demo data (the quality command can ask for the hard mess). */
  SynthSettings.Mess demoMess = SynthSettings.Mess.defaults();

  /**
   * The day the demo's three months end before (null: today). The quality command fixes it, so that
   * its figures come from the same data whatever day it runs.
   */
  LocalDate demoAsOf;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final PrintStream out;
  private LocalServices services;
  private Secrets secrets;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private HubBroker broker;

  /** The recipient whose Kafka login the banner shows. */
  static final String ANALYST = "vru-analyst";

  private RegistryServer registry;
  private LocalCa.ServerFiles httpCertificate;
  private List<String> recipients = List.of();

  public LocalHub() {
    this(System.out);
  }

  LocalHub(PrintStream out) {
    this.out = out;
  }

  /**
   * A usage error: picocli's, naming the option, when the hub runs as its own command; a plain one
   * when another command (quality) runs it, which has no command line of its own here.
   */
  private RuntimeException usage(String message) {
    return spec == null
        ? new IllegalArgumentException(message)
        : new CommandLine.ParameterException(spec.commandLine(), message);
  }

  public static void main(String[] args) {
    LocalHub hub = new LocalHub();
    CommandLine cli = new CommandLine(hub);
    int status = cli.execute(args);
    if (status != 0
        || cli.isUsageHelpRequested()
        || cli.isVersionHelpRequested()
        || cli.getParseResult().subcommand() != null) {
      System.exit(status);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping the hub...");
                  hub.close();
                  stopped.countDown();
                },
                "hub-stop"));
    System.out.println("Press Ctrl-C to stop.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts everything; returns once the hub is ready. */
  @Override
  public void run() {
    // Refused before anything starts, not after the demo data is made.
    Demo.Withhold.parse(demoWithhold);
    Ports ports =
        new Ports()
            .with("--kafka-port", kafkaPort)
            .with("--controller-port", controllerPort)
            .with("--registry-port", registryPort);
    if (withServices) {
      ports.with("--http-port", httpPort);
      for (int i = 0; i < LocalServices.AGENCIES.size(); i++) {
        ports.with(
            "--http-port + " + (i + 1) + " (" + LocalServices.AGENCIES.get(i) + ")",
            httpPort + i + 1);
      }
    }
    try {
      java.net.InetAddress.getByName(bind);
    } catch (java.net.UnknownHostException e) {
      throw usage("--bind " + bind + " is not an address or a known host name.");
    }
    ports
        .problems()
        .ifPresent(
            problems -> {
              throw usage(problems);
            });
    step("Checking the policy " + policyFile);
    Policy policy = Policy.load(policyFile);
    recipients = policy.recipients().stream().map(Recipient::id).toList();
    step(
        "Policy "
            + policy.identity().id()
            + " version "
            + policy.identity().version()
            + " may be enforced");
    try {
      if (reset) {
        deleteRecursively(dataDir);
        out.println("Deleted " + dataDir.toAbsolutePath() + " (--reset)");
      }
      Files.createDirectories(dataDir);
      logTo(dataDir.resolve("logs/hub.log"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare data folder " + dataDir, e);
    }
    secrets = new Secrets(dataDir);
    prepareHttps();
    // A password for every Kafka user: the components and each recipient the policy names.
    AccessRules.kafkaUsers(policy).forEach(secrets::kafkaPassword);
    step(
        "Starting Kafka broker (KRaft; SASL/SCRAM on localhost, ACLs enforced) with data in "
            + dataDir.toAbsolutePath().resolve("kafka"));
    broker =
        HubBroker.start(dataDir, secrets.dir(), kafkaPort, controllerPort, Duration.ofMinutes(2));
    running.push(broker);

    // Before the registry: its Kafka user and ACLs come from the policy.
    applyPolicy(policy);
    Path analystLogin = writeClientProperties(ANALYST);

    step("Starting schema registry on port " + registryPort + " (HTTPS, a user per principal)");
    Map<String, Object> registryProperties = registryProperties(policy);
    registryProperties.put("hub.kafka.security-protocol", "SASL_PLAINTEXT");
    registryProperties.put("hub.kafka.username", HubPrincipals.REGISTRY);
    registryProperties.put(
        "hub.kafka.password-file", secrets.kafkaPassword(HubPrincipals.REGISTRY).toString());
    registry = RegistryServer.start(broker.bootstrapServers(), registryPort, registryProperties);
    running.push(registry);

    if (withServices) {
      startServices();
    }

    out.println();
    out.println("The VRU hub is running.");
    out.println(
        "  Kafka bootstrap servers: "
            + broker.bootstrapServers()
            + "   (SASL_PLAINTEXT, SCRAM-SHA-512; each client logs in as its own user)");
    out.println("  Kafka login, " + ANALYST + ": " + analystLogin);
    out.println(
        "    try: kafka-console-consumer.sh --bootstrap-server "
            + broker.bootstrapServers()
            + " --consumer.config "
            + analystLogin
            + " --group "
            + ANALYST
            + "-console --topic hub.hotspots.v1 --from-beginning");
    out.println(
        "  CA certificate:          "
            + secrets.caFile()
            + "   (every https:// address below: curl --cacert "
            + secrets.caFile()
            + " ...)");
    out.println(
        "  Schema registry:         "
            + registry.url()
            + "   (try: curl --cacert "
            + secrets.caFile()
            + " -u vru-analyst:$(cat "
            + secrets.registryPasswordFile("vru-analyst")
            + ") "
            + registry.url()
            + "/subjects)");
    if (services != null) {
      out.println(
          "  Dashboard:               "
              + services.aggregatorUrl()
              + "/   (open in a browser and paste a recipient's token from "
              + secrets.tokenFile("vru-analyst").getParent()
              + ")");
      out.println(
          "  Analyst API (hotspots):  "
              + services.aggregatorUrl()
              + "/api/v1/hotspots?period=MONTH&format=csv   (Authorization: Bearer <"
              + secrets.tokenFile("vru-analyst")
              + ">)");
      out.println(
          "  Cohort summary:          "
              + services.aggregatorUrl()
              + "/api/v1/cohort/summary   (Authorization: Bearer <"
              + secrets.tokenFile("csp-partners")
              + ">)");
      out.println(
          "  Aggregator status:       "
              + services.aggregatorUrl()
              + "/api/v1/status   (caught up, lag, data as of)");
      out.println(
          "  Level 2 profiles:        "
              + services.aggregatorUrl()
              + "/api/v1/cohort/profiles   (Authorization: Bearer <"
              + secrets.tokenFile("vru-analyst")
              + ">)");
      out.println(
          "  Recipients' tokens:      "
              + secrets.tokenFile("vru-analyst").getParent()
              + "   (one per recipient of the policy; each gets only what the policy grants it)");
      for (String agency : LocalServices.AGENCIES) {
        out.printf(
            "  %-24s %s/api/v1/feeds   (token in %s; API docs: %s/swagger-ui.html)%n",
            "Ingest, " + agency + ":",
            services.ingestUrl(agency),
            secrets.tokenFile(agency),
            services.ingestUrl(agency));
      }
      out.println(
          "  Policy report:           " + policyFile.resolveSibling(reportName(policyFile)));
      out.println("  Logs:                    " + dataDir.toAbsolutePath().resolve("logs/hub.log"));
    }
    out.println("  Data folder:             " + dataDir.toAbsolutePath());
  }

  /**
   * The topic job, as a cluster runs it, as {@code hub-admin}: the topics with the policy's
   * retention, the ACLs it grants, and the SCRAM credential of every other Kafka user (as {@code
   * policy apply --kafka-users <data-dir>/secrets/kafka} would), so a user the policy no longer
   * names loses its access when the hub starts again.
   */
  private void applyPolicy(Policy policy) {
    TopicCatalogue catalogue = TopicCatalogue.load();
    Map<String, String> users = new TreeMap<>();
    for (String user : AccessRules.kafkaUsers(policy)) {
      if (!user.equals(HubPrincipals.ADMIN)) {
        users.put(user, SecretFiles.read(secrets.kafkaPassword(user)));
      }
    }
    ApplyResult applied =
        ClusterPolicy.apply(
            broker.adminProperties(),
            policy,
            catalogue,
            new ClusterPolicy.Options((short) 1, true).withKafkaUsers(users));
    if (applied.changes().stream().noneMatch(c -> c.kind().topic())) {
      step(
          "All " + catalogue.all().size() + " topics already exist, configured as the policy says");
    }
    applied.changes().forEach(c -> step(c.text()));
    applied.warnings().forEach(w -> step("WARNING: " + w));
    applied.refusals().forEach(r -> step("REFUSED: " + r));
  }

  /**
   * A Kafka client properties file (0600) for a recipient's user, as Kafka's own tools take it
   * ({@code --consumer.config}, {@code --command-config}): how an external client connects.
   */
  private Path writeClientProperties(String user) {
    Properties props = new Properties();
    broker.clientProperties(user).forEach((k, v) -> props.setProperty(k, v.toString()));
    StringWriter text = new StringWriter();
    try {
      props.store(text, "Kafka login of User:" + user + " on the local hub (keep it private)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path file = secrets.kafkaDir().resolve(user + ".properties");
    SecretFiles.writeOwnerOnly(file, text.toString(), true);
    return file;
  }

  private void startServices() {
    Path demoDir = dataDir.resolve("demo");
    if (demo) {
      LocalDate today = demoAsOf != null ? demoAsOf : LocalDate.now();
      Demo.generateIfAbsent(
          demoDir, SynthSettings.demo(seed, today.minusDays(92)).withMess(demoMess), out);
    }
    LocalServices.Geography geography =
        Files.exists(demoDir.resolve("geography/areas.csv"))
            ? new LocalServices.Geography(
                demoDir.resolve("geography/postcodes.csv"),
                demoDir.resolve("geography/areas.csv"),
                demoDir.resolve("geography/population.csv"),
                Files.exists(demoDir.resolve("geography/" + SyntheticArea.BOUNDARIES_FILE))
                    ? demoDir.resolve("geography/" + SyntheticArea.BOUNDARIES_FILE)
                    : null)
            : new LocalServices.Geography(null, null, null, null);
    step(
        "Starting the police, health and education ingest services and the aggregator (HTTP ports "
            + httpPort
            + "-"
            + (httpPort + 3)
            + ")");
    services =
        LocalServices.start(
            broker.bootstrapServers(),
            registry.url(),
            dataDir,
            policyFile,
            geography,
            secrets,
            httpPort,
            new LocalServices.Http(bind, httpCertificate, recipients));
    running.push(services);
    if (!demo || !Files.exists(demoDir.resolve("truth/manifest.properties"))) {
      return;
    }
    Demo d = new Demo(out, secrets);
    Path marker = demoDir.resolve("sent");
    if (!Files.exists(marker)) {
      Map<String, Long> totals =
          d.push(demoDir.resolve("feeds"), services, Demo.Withhold.parse(demoWithhold));
      step("Extracts processed: " + totals);
      try {
        Files.writeString(marker, totals.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    step("Waiting for the aggregator to catch up");
    LocalDate month = Demo.lastFullMonth(demoDir);
    String query = "period=MONTH&definition=hips-2023&source=COMBINED&start=" + month;
    d.awaitHotspots(services, query);
    List<CSVRecord> cells =
        d.hotspots(services, query).stream()
            .filter(r -> r.get("areaLevel").equals("LSOA"))
            .toList();
    out.println();
    out.printf(
        "Top hotspot neighbourhoods, %s, serious violence as HIPS 2023 defines it, police and"
            + " hospital combined:%n",
        month.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.UK)
            + " "
            + month.getYear());
    out.printf("  %-10s %8s %12s%n", "LSOA", "events", "per 10,000");
    cells.stream()
        .limit(5)
        .forEach(
            r ->
                out.printf(
                    "  %-10s %8s %12s%n",
                    r.get("areaCode"),
                    r.get("suppressed").equals("true") ? "<5" : r.get("count"),
                    r.get("ratePer10k").isEmpty()
                        ? "-"
                        : String.format("%.1f", Double.parseDouble(r.get("ratePer10k")))));
    out.printf(
        "Cohort (level 2): %d people known to two or more agencies or with three or more"
            + " violence events%n",
        d.cohortSize(services));
  }

  /**
   * The local CA and the HTTP services' certificate (made on first start, renewed when stale or
   * when {@code --bind} names another host), and a warning when the hub is reachable from other
   * machines.
   */
  private void prepareHttps() {
    List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
    if (!isLoopback(bind)) {
      step(
          "WARNING: --bind "
              + bind
              + " makes the hub reachable from other machines, not only this one. Every listener"
              + " still needs TLS and credentials, but check the firewall and who can reach it.");
      if (bind.equals("0.0.0.0") || bind.equals("::")) {
        try {
          hosts.add(java.net.InetAddress.getLocalHost().getHostName());
        } catch (java.net.UnknownHostException e) {
          // No name for this machine: the loopback names remain.
        }
      } else {
        hosts.add(bind);
      }
    }
    httpCertificate = secrets.httpCertificate(hosts);
    step("HTTPS with certificates of the local CA " + secrets.caFile());
  }

  /** The registry's HTTPS, its address and its users: one per principal, writers where it must. */
  private Map<String, Object> registryProperties(Policy policy) {
    Map<String, Boolean> writers = new LinkedHashMap<>();
    for (String component : HubPrincipals.components()) {
      writers.put(
          component, component.equals(HubPrincipals.AGGREGATOR) || component.startsWith("ingest-"));
    }
    for (Recipient r : policy.recipients()) {
      writers.put(r.principal().replaceFirst("^User:", ""), false);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("registry.default-compatibility", "BACKWARD");
    p.put("server.address", bind);
    p.put("hub.http.tls.certificate-file", httpCertificate.chain().toString());
    p.put("hub.http.tls.key-file", httpCertificate.key().toString());
    p.put("registry.auth.users-file", secrets.registryUsers(writers).toString());
    return p;
  }

  static boolean isLoopback(String address) {
    try {
      return java.net.InetAddress.getByName(address).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String reportName(Path policy) {
    String name = policy.getFileName().toString();
    return name.replaceFirst("\\.ya?ml$", "") + ".report.md";
  }

  /** Sends the whole process's log (broker, registry, services) to a file under the data folder. */
  private static void logTo(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    System.setProperty("LOG_FILE", file.toAbsolutePath().toString());
    if (org.slf4j.LoggerFactory.getILoggerFactory()
        instanceof ch.qos.logback.classic.LoggerContext context) {
      context.reset();
      try {
        new ch.qos.logback.classic.util.ContextInitializer(context).autoConfig();
      } catch (ch.qos.logback.core.joran.spi.JoranException e) {
        throw new IllegalStateException("Cannot configure logging to " + file, e);
      }
    }
  }

  private void step(String message) {
    out.println("[hub] " + message);
  }

  /** The running services, or null when started without them. */
  LocalServices services() {
    return services;
  }

  /** The hub's secrets. */
  Secrets secrets() {
    return secrets;
  }

  /** Client properties of hub-admin, the super user, for inspecting every topic. */
  public Map<String, Object> adminProperties() {
    return broker.adminProperties();
  }

  /** Client properties of a Kafka user of the running hub. */
  public Map<String, Object> clientProperties(String user) {
    return broker.clientProperties(user);
  }

  /** Bootstrap servers of the running broker. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Base URL of the running registry. */
  public String registryUrl() {
    return registry.url();
  }

  /**
   * The address every listener binds to ({@code --bind}; loopback by default), for the broker's
   * listeners as for the HTTP services.
   */
  public String bindAddress() {
    return bind;
  }

  /** Serde configuration for the running registry as one of its users, trusting the local CA. */
  public AvroSerdeConfig registrySerdeConfig(String user) {
    return AvroSerdeConfig.of(registry.url(), false)
        .withBasicAuth(secrets.registryUserInfo(user))
        .withTrustStore(secrets.caFile());
  }

  /** Stops what was started, newest first. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        out.println("[hub] stopping a component failed: " + e.getMessage());
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
