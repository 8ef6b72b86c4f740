package uk.vruhub.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.vruhub.local.quality.QualityMeasure;
import uk.vruhub.local.quality.QualityReport;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.synth.SynthSettings;

/**
 * {@code ./hub quality}: a fresh hub on its own ports and data folder takes in generated feeds;
 * then linkage, planted hotspots and disclosure are measured against the ground truth.
 */
@Command(
    name = "quality",
    mixinStandardHelpOptions = true,
    description =
        "Runs a fresh hub on synthetic feeds and measures linkage, hotspot recall and disclosure"
            + " against the generator's ground truth.")
public final class QualityCommand implements Callable<Integer> {

  @Option(
      names = "--seed",
      defaultValue = "20261123",
      description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--top",
      defaultValue = "10",
      description =
          "A planted hotspot counts as found in its month's top N (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--kafka-port",
      defaultValue = "19092",
      description = "Kafka port of the measured hub (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--controller-port",
      defaultValue = "19093",
      description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
  int controllerPort;

  @Option(
      names = "--registry-port",
      defaultValue = "18081",
      description = "Schema registry port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--http-port",
      defaultValue = "18090",
      description =
          "Aggregator's HTTP port; the ingest services take the next three (default:"
              + " ${DEFAULT-VALUE}). The defaults leave a running hub alone.")
  int httpPort;

  @Option(
      names = "--policy",
      defaultValue = "deploy/policy/vru-hub-isa.yaml",
      description = "The policy (default: ${DEFAULT-VALUE}).")
  Path policyFile;

  @Option(
      names = "--attack",
      description =
          "Also attack the level-1 topics: read every revision ever published and work out, by"
              + " linear programming, what each hidden count can be (minutes on a demo-sized run)."
              + " The revisions read are written to disclosure/revisions.tsv in the data folder.")
  boolean attack;

  @Option(
      names = "--nested-periods",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "With --attack: solve each month together with the weeks wholly inside it (and any"
              + " longer published period with the periods inside it), whose counts add up to at"
              + " most the month's; --no-nested-periods attacks each period's table alone, about"
              + " twice as fast (default: ${DEFAULT-VALUE}). Definitions are always solved with"
              + " the definitions that hold them.")
  boolean nestedPeriods;

  @Option(
      names = "--mess",
      defaultValue = "default",
      description =
          "Mess of the generated feeds: default (the demo's), hard (swapped and transposed dates of"
              + " birth, typos, double-barrelled, Polish and Nordic names in ASCII, middle names,"
              + " unlisted nicknames, moves, unknown sex, twins and namesakes) or none (default:"
              + " ${DEFAULT-VALUE}).")
  String mess;

  /** The default of {@code --as-of}: the day the recorded figures were measured on. */
  static final String DEFAULT_AS_OF = "2026-12-01";

  @Option(
      names = "--as-of",
      defaultValue = DEFAULT_AS_OF,
      paramLabel = "DATE",
      description =
          "The generated three months end the day before DATE (YYYY-MM-DD, not in the future):"
              + " the same seed and date give the same feeds whatever day quality runs, so figures"
              + " can be compared; another date draws other people and events (default:"
              + " ${DEFAULT-VALUE}).")
  LocalDate asOf;

  @Option(names = "--keep", description = "Keep the data folder afterwards.")
  boolean keep;

  private final PrintStream out;
  private QualityReport report;

  public QualityCommand() {
    this(System.out);
  }

  QualityCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    SynthSettings.Mess messOfFeeds;
    try {
      messOfFeeds = SynthSettings.Mess.named(mess);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), e.getMessage());
    }
    if (asOf.isAfter(LocalDate.now())) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--as-of " + asOf + " is in the future: the services refuse extracts dated after today");
    }
    Path dir = Files.createTempDirectory("vru-hub-quality-");
    try (LocalHub hub = new LocalHub(out)) {
      hub.dataDir = dir;
      hub.kafkaPort = kafkaPort;
      hub.controllerPort = controllerPort;
      hub.registryPort = registryPort;
      hub.httpPort = httpPort;
      hub.policyFile = policyFile;
      hub.withServices = true;
      hub.demo = true;
      hub.seed = seed;
      hub.demoMess = messOfFeeds;
      hub.demoAsOf = asOf;
      hub.run();
      Demo demo = new Demo(out, hub.secrets());
      report =
          QualityMeasure.measure(
              new QualityMeasure.Hub(
                  hub.adminProperties(),
                  hub.registrySerdeConfig(HubPrincipals.AGGREGATOR),
                  hub.services().streams(),
                  hub.secrets().linkageSecret(),
                  query -> demo.hotspots(hub.services(), query),
                  dir.resolve("logs/hub.log"),
                  uk.vruhub.policy.Policy.load(policyFile)),
              dir.resolve("demo"),
              top,
              attack,
              nestedPeriods);
      report.print(out);
      out.println(
          "Feeds: seed "
              + seed
              + ", "
              + mess
              + " mess, the three months before "
              + asOf
              + " (another --seed or --as-of draws other data)");
    } finally {
      if (!keep) {
        delete(dir);
      } else {
        out.println("Data kept in " + dir);
      }
    }
    return 0;
  }

  /** The report of the last run. */
  QualityReport report() {
    return report;
  }

  private static void delete(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
