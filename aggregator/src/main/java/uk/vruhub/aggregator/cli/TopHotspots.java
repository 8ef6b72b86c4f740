package uk.vruhub.aggregator.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.topics.CommittedRecords;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.security.SecretFiles;

/**
 * The hotspot table as an analyst subscribing to {@code hub.hotspots.v1} sees it: reads the topic
 * (latest revision of each cell, committed records only) and prints the top cells of a period.
 */
@Command(
    name = "top-hotspots",
    mixinStandardHelpOptions = true,
    description = "Prints the top hotspot cells of a period from the hotspot topic.")
public final class TopHotspots implements Callable<Integer> {

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka (default: ${DEFAULT-VALUE}).")
  String bootstrap;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties (security.protocol, sasl.*, ssl.*), as Kafka's own tools take"
              + " them: the recipient's login, e.g. the local hub's"
              + " .hub/secrets/kafka/vru-analyst.properties.")
  java.nio.file.Path commandConfig;

  @Option(
      names = "--registry-url",
      defaultValue = "https://localhost:8081",
      description = "Schema registry (default: ${DEFAULT-VALUE}).")
  String registry;

  @Option(
      names = "--registry-user",
      description = "Registry user (HTTP basic), e.g. vru-analyst; none when omitted.")
  String registryUser;

  @Option(
      names = "--registry-password-file",
      description =
          "File holding the registry user's password, e.g. .hub/secrets/registry/vru-analyst.")
  Path registryPasswordFile;

  @Option(
      names = "--ca-file",
      description =
          "PEM file of the CA the registry's certificate chains to, e.g. .hub/secrets/tls/ca.crt"
              + " (default: the JVM's trusted CAs).")
  Path caFile;

  @Option(
      names = "--topic",
      description =
          "The hotspot topic, when an operator named it differently (default: the topic"
              + " spec's hub.hotspots.v1).")
  String topic;

  @Option(
      names = "--period",
      defaultValue = "MONTH",
      description =
          "A period type the policy publishes: MONTH in the shipped policy (default:"
              + " ${DEFAULT-VALUE}).")
  PeriodType period;

  @Option(
      names = "--start",
      description = "First day of the period; the latest period when omitted.")
  LocalDate start;

  @Option(
      names = "--definition",
      defaultValue = "hips-2023",
      description = "Definition id (default: ${DEFAULT-VALUE}).")
  String definition;

  @Option(
      names = "--source",
      defaultValue = "COMBINED",
      description = "POLICE, HEALTH or COMBINED (default: ${DEFAULT-VALUE}).")
  HotspotSource source;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "How many cells (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--timeout-seconds",
      defaultValue = "120",
      description = "Longest wait for reading the topic to its end (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  private final PrintWriter out;

  TopHotspots(PrintWriter out) {
    this.out = out;
  }

  public static int run(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    return new CommandLine(new TopHotspots(out)).execute(args);
  }

  /** The properties file's settings, with the bootstrap servers of the option. */
  private Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    if (commandConfig != null) {
      java.util.Properties file = new java.util.Properties();
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(commandConfig)) {
        file.load(in);
      } catch (java.io.IOException e) {
        // The message names the file, never its content.
        throw new IllegalArgumentException("Cannot read --command-config " + commandConfig, e);
      }
      file.stringPropertyNames().forEach(k -> props.put(k, file.getProperty(k)));
    }
    props.put("bootstrap.servers", bootstrap);
    return props;
  }

  @Override
  public Integer call() {
    String hotspots = topic != null ? topic : TopicCatalogue.load().byId(Ids.HOTSPOTS).name();
    AvroSerdeConfig serde = AvroSerdeConfig.of(registry, false).withTrustStore(caFile);
    if (registryUser != null) {
      if (registryPasswordFile == null) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--registry-user needs --registry-password-file");
      }
      serde = serde.withBasicAuth(registryUser + ":" + SecretFiles.read(registryPasswordFile));
    }
    Map<HotspotKey, HotspotCell> latest = new HashMap<>();
    CommittedRecords.<HotspotKey, HotspotCell>forEach(
        clientProperties(),
        hotspots,
        new AvroDeserializer<>(serde.client(), HotspotKey.class),
        new AvroDeserializer<>(serde.client(), HotspotCell.class),
        Duration.ofSeconds(timeoutSeconds),
        r -> {
          if (r.value() == null) {
            latest.remove(r.key());
          } else {
            latest.put(r.key(), r.value());
          }
        });
    List<HotspotCell> cells = new ArrayList<>();
    for (HotspotCell c : latest.values()) {
      if (c.getPeriodType() == period
          && c.getSource() == source
          && (c.getDefinitionId().equals(definition)
              || c.getDefinitionId().startsWith(definition + "@"))) {
        cells.add(c);
      }
    }
    LocalDate when =
        start != null
            ? start
            : cells.stream()
                .map(HotspotCell::getPeriodStart)
                .max(Comparator.naturalOrder())
                .orElse(null);
    if (when == null) {
      out.println(
          "No hotspot cells for "
              + period
              + ", "
              + definition
              + ", "
              + source
              + " on "
              + hotspots
              + ".");
      return 0;
    }
    List<HotspotCell> shown =
        cells.stream()
            .filter(c -> c.getPeriodStart().equals(when))
            .sorted(
                Comparator.comparing((HotspotCell c) -> c.getCount() == null ? -1 : c.getCount())
                    .reversed())
            .limit(top)
            .toList();
    out.printf(
        "Top %d hotspot cells, %s from %s, %s, %s%n",
        shown.size(),
        period,
        when,
        shown.isEmpty() ? definition : shown.get(0).getDefinitionId(),
        source);
    out.printf("%-12s %-16s %8s %12s %10s%n", "area", "level", "count", "per 10,000", "unlocated");
    for (HotspotCell c : shown) {
      out.printf(
          "%-12s %-16s %8s %12s %10s%n",
          c.getAreaCode(),
          c.getAreaLevel(),
          c.getCount() == null ? "suppressed" : c.getCount(),
          c.getRatePer10k() == null ? "-" : String.format("%.1f", c.getRatePer10k()),
          c.getUnlocatedIncluded());
    }
    return 0;
  }
}
