package uk.vruhub.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.bench.BenchData;
import uk.vruhub.bench.harness.Summary.Result;

/**
 * The {@code services} stage: the VRU-year at 1× with each service in a JVM of its own, as they are
 * deployed. Broker and registry run in the harness's JVM; the aggregator and the three ingest
 * pipelines each run as a child {@code java} process on the same class path ({@link
 * ServiceProcess}), with the JVM options of {@code --service-java-opts} (a heap limit well above
 * the target, so the limit is not what is measured). Each child reads its own peak heap from its
 * collector ({@link HeapWatch}) and its peak RSS, and reports them on exit. Their baselines, in the
 * same way: a pass-through topology over the same input topics, and a bare producer sending as many
 * records as the police extract.
 */
final class ServicesStage {

  private static final double MIB = 1024.0 * 1024.0;
  private static final long TARGET = 512L * 1000 * 1000;

  private final BenchCommand bench;
  private final Path logs;
  private final List<Child> children = new ArrayList<>();

  ServicesStage(BenchCommand bench) {
    this.bench = bench;
    this.logs = bench.out().resolve("services");
  }

  void run() throws Exception {
    Path gen = bench.yearData(1);
    Path geography = gen.resolve("geography");
    Path work = bench.work();
    Path p = BenchData.backfill(gen, "police", work.resolve("services-police.csv"));
    Path h = BenchData.backfill(gen, "health", work.resolve("services-health.csv"));
    Path e = BenchData.backfill(gen, "education", work.resolve("services-education.csv"));
    LocalDate extract = BenchData.START.plusDays(365);
    Files.createDirectories(logs);
    Path hubDir = null;
    try (BenchHub hub = BenchHub.fresh("services")) {
      hubDir = hub.dir;
      Path connection = hub.writeConnection();
      bench.heap().reset();
      boolean rssReset = HeapWatch.resetPeakRss();

      bench.log().println("[bench] services: the aggregator in its own JVM");
      Child aggregator =
          Child.start(
              this,
              "aggregator",
              connection,
              List.of(
                  "--geography",
                  geography.toString(),
                  "--state",
                  work.resolve("services-state-aggregator").toString(),
                  "--threads",
                  String.valueOf(bench.threads())));
      aggregator.awaitRunning();
      bench.log().println("[bench] services: three ingest pipelines, each in its own JVM");
      long t0 = System.nanoTime();
      List<Child> pipelines = new ArrayList<>();
      for (var f : List.of(List.of("police", p), List.of("health", h), List.of("education", e))) {
        pipelines.add(
            Child.start(
                this,
                "ingest-" + f.get(0),
                connection,
                List.of(
                    "--geography",
                    geography.toString(),
                    "--input",
                    f.get(1).toString(),
                    "--extract-date",
                    extract.toString())));
      }
      List<Map<String, Object>> ingestReports = new ArrayList<>();
      for (Child c : pipelines) {
        ingestReports.add(c.awaitReport());
      }
      long t1 =
          hub.awaitCaughtUp(
              "bench-services-aggregator", BenchCommand.INPUTS, Duration.ofMinutes(120));
      double wall = (t1 - t0) / 1e9;
      Map<String, Object> agg = aggregator.stop();

      bench.log().println("[bench] services: baselines (pass-through topology, bare producer)");
      createTopic(hub, ServiceProcess.PASS_THROUGH_OUTPUT);
      Child pass =
          Child.start(
              this,
              "pass-through",
              connection,
              List.of(
                  "--state",
                  work.resolve("services-state-pass").toString(),
                  "--threads",
                  String.valueOf(bench.threads())));
      pass.awaitRunning();
      hub.awaitCaughtUp("bench-services-pass-through", BenchCommand.INPUTS, Duration.ofMinutes(30));
      Map<String, Object> passReport = pass.stop();
      long policeRows = BenchCommand.lines(p) - 1;
      int size = Baselines.averageRecordBytes(hub, BenchCommand.POLICE);
      Map<String, Object> bare =
          Child.start(
                  this,
                  "bare-producer",
                  connection,
                  List.of("--count", String.valueOf(policeRows), "--size", String.valueOf(size)))
              .awaitReport();
      long parentHeap = bench.heap().peakUsed();
      long parentRss = HeapWatch.peakRss();

      String passName = "pass-through topology over the same three input topics, own JVM";
      String bareName =
          "bare idempotent producer, " + policeRows + " records of " + size + " bytes, own JVM";
      add("aggregator", agg, passReport, passName);
      for (Map<String, Object> r : ingestReports) {
        add(String.valueOf(r.get("role")), r, bare, bareName);
        if (number(r, "attempts") > 1) {
          bench
              .log()
              .printf(
                  "[bench] services: %s sent its feed %d times (the first failed before its"
                      + " transaction committed; see its log)%n",
                  r.get("role"), number(r, "attempts"));
        }
      }
      Summary s = bench.summary();
      s.add(
          Result.alone(
              "services",
              "harness JVM (broker, registry, the harness's lag checks): peak heap used",
              parentHeap / MIB,
              "MiB",
              "",
              null));
      s.add(
          Result.alone(
              "services",
              "harness JVM: peak RSS" + (rssReset ? "" : " (whole run so far)"),
              parentRss / MIB,
              "MiB",
              "",
              null));
      s.add(
          Result.alone(
              "services",
              "VRU-year 1×, separate processes: extracts in → all outputs committed, s",
              wall,
              "s",
              "",
              null));
    } finally {
      for (Child c : children) {
        c.destroyIfAlive();
      }
      bench.deleteUnlessKept(hubDir);
      for (Path f : List.of(p, h, e)) {
        bench.deleteUnlessKept(f);
      }
    }
  }

  private void add(String who, Map<String, Object> r, Map<String, Object> base, String baseName) {
    Summary s = bench.summary();
    long used = number(r, "peakHeapUsedBytes");
    s.add(
        Result.of(
            "services",
            who + ": peak heap used (own JVM)",
            used / MIB,
            "MiB",
            number(base, "peakHeapUsedBytes") / MIB,
            baseName,
            "< 512 MB (488 MiB)",
            used < TARGET));
    s.add(
        Result.of(
            "services",
            who + ": peak heap just after a collection (what it kept)",
            number(r, "peakHeapAfterGcBytes") / MIB,
            "MiB",
            number(base, "peakHeapAfterGcBytes") / MIB,
            baseName,
            "",
            null));
    s.add(
        Result.of(
            "services",
            who + ": peak RSS (own process)",
            number(r, "peakRssBytes") / MIB,
            "MiB",
            number(base, "peakRssBytes") / MIB,
            baseName,
            "",
            null));
  }

  private static long number(Map<String, Object> r, String key) {
    Object v = r.get(key);
    return v instanceof Number n ? n.longValue() : -1;
  }

  private static void createTopic(BenchHub hub, String topic) {
    try {
      hub.admin
          .createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1)))
          .all()
          .get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new IllegalStateException("Cannot create " + topic, e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A service's process: its output goes to {@code <out>/services/<role>.log}. */
  private static final class Child {
    private final String role;
    private final Process process;
    private final Path report;
    private final CompletableFuture<Void> running = new CompletableFuture<>();

    private Child(String role, Process process, Path report, Path log) {
      this.role = role;
      this.process = process;
      this.report = report;
      Thread drain =
          new Thread(
              () -> {
                try (var in =
                        new BufferedReader(
                            new InputStreamReader(
                                process.getInputStream(), StandardCharsets.UTF_8));
                    var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.newLine();
                    if (line.equals(ServiceProcess.RUNNING)) {
                      running.complete(null);
                      out.flush();
                    }
                  }
                } catch (IOException e) {
                  running.completeExceptionally(e);
                }
                running.completeExceptionally(
                    new IllegalStateException(role + " ended before it was running; see " + log));
              },
              "bench-drain-" + role);
      drain.setDaemon(true);
      drain.start();
    }

    static Child start(ServicesStage stage, String role, Path connection, List<String> args)
        throws IOException {
      Path report = stage.logs.resolve(role + ".json");
      Files.deleteIfExists(report);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(stage.bench.serviceJavaOpts());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(ServiceProcess.class.getName());
      command.add(role);
      command.add("--hub");
      command.add(connection.toString());
      command.add("--report");
      command.add(report.toString());
      command.addAll(args);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .directory(Path.of("").toAbsolutePath().toFile())
              .start();
      Child child = new Child(role, process, report, stage.logs.resolve(role + ".log"));
      stage.children.add(child);
      return child;
    }

    /** Ends a process this stage started that is still running (a stage that failed). */
    void destroyIfAlive() {
      if (process.isAlive()) {
        process.destroy();
      }
    }

    void awaitRunning() throws Exception {
      running.get(5, TimeUnit.MINUTES);
    }

    /** Asks a topology to stop, then waits for its report. */
    Map<String, Object> stop() throws Exception {
      try (var in =
          new PrintWriter(
              new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
        in.println("stop");
      }
      return awaitReport();
    }

    Map<String, Object> awaitReport() throws Exception {
      if (!process.waitFor(120, TimeUnit.MINUTES)) {
        process.destroy();
        throw new IllegalStateException(role + " did not end within 120 minutes");
      }
      if (process.exitValue() != 0 || !Files.exists(report)) {
        throw new IllegalStateException(
            role + " failed (exit " + process.exitValue() + "); see its log beside " + report);
      }
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> r =
            JsonMapper.builder().build().readValue(Files.readString(report), LinkedHashMap.class);
        return r;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
