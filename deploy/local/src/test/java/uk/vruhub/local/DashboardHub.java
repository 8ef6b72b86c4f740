package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import picocli.CommandLine;
import uk.vruhub.testkit.browser.Browser;

/**
 * One local hub with the demo's data, and one headless browser, for every browser test of the JVM:
 * the demo takes a minute or two to send and aggregate, which no test should pay twice. Started by
 * the first test that asks (Chromium is checked first, so a machine without it skips at once),
 * closed when the JVM's tests end.
 */
final class DashboardHub implements BeforeEachCallback, ParameterResolver {

  private static final Pattern STATUS =
      Pattern.compile("Aggregator status: +(https://\\S+)/api/v1/status");

  /** The hub, the browser and where they are. */
  static final class Running implements AutoCloseable {
    final Path dataDir;
    final String url;
    final Browser browser;
    private final LocalHub hub;

    private Running(Path dataDir, String url, Browser browser, LocalHub hub) {
      this.dataDir = dataDir;
      this.url = url;
      this.browser = browser;
      this.hub = hub;
    }

    /** A recipient's bearer token, from the hub's secrets folder. */
    String token(String recipient) {
      return new Secrets(dataDir).token(recipient);
    }

    /** The planted hotspots of the demo's truth: lsoa, period type, period start, excess. */
    List<String[]> plantedHotspots() {
      try (Stream<String> lines = Files.lines(dataDir.resolve("demo/truth/planted-hotspots.csv"))) {
        return lines.skip(1).map(l -> l.split(",")).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        browser.close();
      } finally {
        hub.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /**
   * Before each test rather than once per class: a machine without Chromium then reports every
   * browser test as skipped, with the message, instead of a class with no tests.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    Browser.assumeInstalled();
    running(context);
  }

  static Running running(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .computeIfAbsent(Running.class, k -> start(), Running.class);
  }

  private static Running start() {
    Browser.assumeInstalled();
    try {
      Path dataDir = Files.createTempDirectory("hub-dashboard-");
      String[] args = {
        "--data-dir", dataDir.toString(),
        "--kafka-port", Integer.toString(DemoIT.freePort()),
        "--controller-port", Integer.toString(DemoIT.freePort()),
        "--registry-port", Integer.toString(DemoIT.freePort()),
        "--http-port", Integer.toString(DemoIT.freeRun(4)),
        "--policy", "../policy/vru-hub-isa.yaml"
      };
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      LocalHub hub = new LocalHub(new PrintStream(printed, true, StandardCharsets.UTF_8));
      CommandLine cli = new CommandLine(hub);
      cli.setExecutionExceptionHandler(
          (e, commandLine, parseResult) -> {
            throw e;
          });
      assertThat(cli.execute(args)).isZero();
      String console = printed.toString(StandardCharsets.UTF_8);
      Matcher m = STATUS.matcher(console);
      assertThat(m.find()).as("the banner names the aggregator:\n%s", console).isTrue();
      Browser browser =
          Browser.start(
              new Secrets(dataDir).caFile(), Path.of("target/screenshots").toAbsolutePath());
      return new Running(dataDir, m.group(1), browser, hub);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Running.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context);
  }
}
