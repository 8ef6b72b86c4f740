package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's run command on a fresh folder: the hub generates three months of extracts, sends
 * them over HTTP, and shows hotspots and a cohort, and every address its banner prints answers;
 * started again, it sends nothing twice and still shows them.
 */
class DemoIT {

  @Test
  void theDemoShowsHotspotsAndACohortAndSurvivesARestart(@TempDir Path dataDir) throws Exception {
    String[] args = {
      "--data-dir", dataDir.toString(),
      "--kafka-port", Integer.toString(freePort()),
      "--controller-port", Integer.toString(freePort()),
      "--registry-port", Integer.toString(freePort()),
      "--http-port", Integer.toString(freeRun(4)),
      "--policy", "../policy/vru-hub-isa.yaml"
    };
    List<String> followed = new ArrayList<>();
    String first = run(args, console -> followed.addAll(ConsoleLinks.assertAllAnswer(console)));
    System.out.println("Followed from the banner:\n  " + String.join("\n  ", followed));
    assertThat(followed)
        .anyMatch(f -> f.contains("/swagger-ui"))
        .anyMatch(f -> f.contains("/api/v1/cohort/profiles") && f.endsWith("(token)"));
    // The demo's three months end today, so how many nightly extracts they hold (schools send
    // none at weekends) depends on the day: count the generated files.
    long extracts;
    try (java.util.stream.Stream<Path> files =
        java.nio.file.Files.walk(dataDir.resolve("demo/feeds"))) {
      extracts = files.filter(f -> f.toString().endsWith(".csv")).count();
    }
    assertThat(extracts).as("nightly extracts generated").isBetween(240L, 250L);
    assertThat(first)
        .contains("Sending " + extracts + " nightly extracts")
        .contains("Extracts processed: {PUBLISHED=" + extracts)
        .contains("Top hotspot neighbourhoods")
        .containsPattern("E019\\d{5} +\\d+ +\\d+\\.\\d")
        .containsPattern("Cohort \\(level 2\\): [1-9]\\d* people");
    ReadmeBanner.assertMatches(first);

    String again = run(args, console -> {});
    assertThat(again)
        .doesNotContain("Generating synthetic")
        .doesNotContain("Sending")
        .contains("Top hotspot neighbourhoods")
        .containsPattern("Cohort \\(level 2\\): [1-9]\\d* people");
    // The restarted hub receives nothing new, so its figures are the settled ones: if the first
    // run had read its tables before the aggregator caught up, they would differ.
    assertThat(figures(again)).isEqualTo(figures(first));
  }

  /** The top-hotspots table and the cohort size the hub printed. */
  private static String figures(String console) {
    int from = console.indexOf("Top hotspot neighbourhoods");
    java.util.regex.Matcher cohort =
        java.util.regex.Pattern.compile("Cohort \\(level 2\\): \\d+ people").matcher(console);
    assertThat(from).as("the hub printed its top hotspots").isNotNegative();
    assertThat(cohort.find(from)).as("the hub printed its cohort size").isTrue();
    return console.substring(from, cohort.end());
  }

  /** What the hub printed; {@code whileRunning} sees it before the hub stops. */
  private static String run(String[] args, WhileRunning whileRunning) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LocalHub hub = new LocalHub(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      CommandLine cli = new CommandLine(hub);
      cli.setExecutionExceptionHandler(
          (e, commandLine, parseResult) -> {
            throw e;
          });
      assertThat(cli.execute(args)).isZero();
      whileRunning.accept(printed.toString(StandardCharsets.UTF_8));
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface WhileRunning {
    void accept(String console) throws Exception;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The first of {@code n} consecutive free ports. */
  static int freeRun(int n) throws IOException {
    for (int base = 20_000 + (int) (ProcessHandle.current().pid() % 5000) * 4;
        base < 60_000;
        base += n) {
      boolean free = true;
      for (int p = base; p < base + n && free; p++) {
        try (ServerSocket s = new ServerSocket(p)) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("No " + n + " consecutive free ports");
  }
}
