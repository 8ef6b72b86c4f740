package uk.vruhub.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.vruhub.aggregator.cohort.LinkageProcessor;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.bench.AggregatorBenchSettings;
import uk.vruhub.bench.BenchData;
import uk.vruhub.bench.harness.Summary.Result;
import uk.vruhub.ingest.education.EducationFeed;
import uk.vruhub.ingest.health.HealthFeed;
import uk.vruhub.ingest.police.PoliceFeed;

/**
 * The end-to-end benchmark: every figure beside a baseline measured in the same run, on the same
 * broker (Apache Kafka's own, KRaft, SASL/SCRAM). Prints each stage's table as it ends and writes
 * it as JSON (bench/README.md says what each stage measures).
 */
@Command(
    name = "bench.sh",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the hub's ingest, aggregator, freshness, VRU-year and per-service",
      "memory, each figure beside a baseline measured in the same run.",
      "",
      "Stages (bench/README.md says exactly what each measures):",
      "  ingest      rows/s of a big police feed; baseline: a bare producer",
      "  aggregator  events/s, records written per event; baseline: pass-through",
      "  freshness   feed commit -> effects committed, p50/p95/p99; baseline:",
      "              the pass-through's",
      "  year        a VRU-year at each --scales: time, peak heap and RSS, and",
      "              the growth exponent over the scales",
      "  services    the VRU-year at 1x, each service in its own JVM: peak heap",
      "              and RSS of each; baselines: pass-through, bare producer",
      ""
    })
public final class BenchCommand implements Callable<Integer> {

  static final String POLICE = "police.crime-events.v1";
  static final String HEALTH = "health.ed-assault-attendances.v1";
  static final String EDUCATION = "education.school-events.v1";
  static final Set<String> INPUTS = Set.of(POLICE, HEALTH, EDUCATION);

  /** The aggregator stage's copy of its input, which its pass-through reads. */
  static final String PASS_THROUGH_IN = "bench.pass-through-in";

  static final List<String> ALL_STAGES =
      List.of("ingest", "aggregator", "freshness", "year", "services");
  private static final double MIB = 1024.0 * 1024.0;

  @Option(
      names = "--stages",
      split = ",",
      defaultValue = "ingest,aggregator,freshness,year,services",
      description = "Stages to run, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> stages;

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description =
          "Rows of the big ingest feed, also the aggregator's input (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--feeds",
      defaultValue = "20",
      description =
          "Feeds timed for freshness, for the hub and again for the baseline (default:"
              + " ${DEFAULT-VALUE}).")
  int feeds;

  @Option(
      names = "--feed-rows",
      defaultValue = "10000",
      description = "Rows per freshness feed (default: ${DEFAULT-VALUE}).")
  int feedRows;

  @Option(
      names = "--scales",
      split = ",",
      defaultValue = "1,4,16",
      description = "VRU-year sizes, times --year-residents (default: ${DEFAULT-VALUE}).")
  List<Integer> scales;

  @Option(
      names = "--year-residents",
      defaultValue = "2000000",
      description = "Residents of the VRU-year at 1× (default: ${DEFAULT-VALUE}).")
  int yearResidents;

  @Option(
      names = "--year-warmup-residents",
      defaultValue = "100000",
      description =
          "Residents of a VRU-year run first, not recorded, to warm the JVM up; 0: none (default:"
              + " ${DEFAULT-VALUE}).")
  int yearWarmupResidents;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description =
          "Stream threads of the aggregator and of the pass-through (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--pass-through-events",
      defaultValue = "1000000",
      description =
          "Most events the aggregator stage's pass-through reads: a copy of the aggregator's input,"
              + " cut to this many (default: ${DEFAULT-VALUE}).")
  long passThroughEvents;

  @Option(
      names = "--service-java-opts",
      defaultValue = "-Xmx1g",
      description =
          "JVM options of each service's process in the services stage, space-separated (default:"
              + " ${DEFAULT-VALUE}).")
  String serviceJavaOpts;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the synthetic data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      defaultValue = "bench/target/bench",
      description =
          "Where the JSON summaries and the services' logs go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--keep",
      description = "Keep the generated data, broker logs and state (default: deleted at the end).")
  boolean keep;

  private final Summary summary = new Summary();
  private final PrintStream log = System.err;
  private final Map<String, Object> run = new LinkedHashMap<>();
  private HeapWatch heap;
  private Path work;

  @Override
  public Integer call() throws Exception {
    for (String s : stages) {
      if (!ALL_STAGES.contains(s)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "Unknown stage " + s + "; the stages are " + ALL_STAGES);
      }
    }
    work = Files.createTempDirectory("vru-bench-");
    run.put("started", Instant.now().toString());
    run.put("command", command());
    run.put("machine", machine());
    heap = new HeapWatch();
    try {
      if (stages.contains("ingest")
          || stages.contains("aggregator")
          || stages.contains("freshness")) {
        Path generated = work.resolve("generated");
        log.println(
            "[bench] generating a quarter of synthetic feeds (250,000 residents) for the feed"
                + " stages");
        BenchData.generate(generated, 250_000, 91, seed);
        Path hubDir;
        try (BenchHub hub = BenchHub.fresh("feeds")) {
          hubDir = hub.dir;
          long ingested = 0;
          if (stages.contains("ingest")) {
            ingested = ingest(hub, generated);
            endStage("ingest");
          }
          if (stages.contains("aggregator") || stages.contains("freshness")) {
            aggregatorAndFreshness(hub, generated, ingested);
          }
        }
        deleteUnlessKept(hubDir);
      }
      if (stages.contains("year")) {
        year();
        endStage("year", "vru-year", "growth");
      }
      if (stages.contains("services")) {
        new ServicesStage(this).run();
        endStage("services");
      }
    } finally {
      heap.close();
      deleteUnlessKept(work);
    }
    run.put("finished", Instant.now().toString());
    run.put(
        "loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println();
    System.out.println("All figures of this run:");
    System.out.print(Summary.table(summary.results()));
    Summary.write(out.resolve("results.json"), Summary.json(run, summary.results()));
    System.out.println("Written " + out.resolve("results.json") + " and one JSON file per stage");
    return 0;
  }

  private void endStage(String file, String... stageNames) {
    List<String> names = stageNames.length == 0 ? List.of(file) : List.of(stageNames);
    List<Result> rows = summary.results().stream().filter(r -> names.contains(r.stage())).toList();
    Map<String, Object> meta = new LinkedHashMap<>(run);
    meta.put(
        "loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println();
    System.out.print(Summary.table(rows));
    Summary.write(out.resolve(file + ".json"), Summary.json(meta, rows));
    System.out.println("Written " + out.resolve(file + ".json"));
  }

  private String command() {
    return "./bench.sh --stages "
        + String.join(",", stages)
        + " --rows "
        + rows
        + " --feeds "
        + feeds
        + " --feed-rows "
        + feedRows
        + " --scales "
        + String.join(",", scales.stream().map(String::valueOf).toList())
        + " --year-residents "
        + yearResidents
        + " --year-warmup-residents "
        + yearWarmupResidents
        + " --threads "
        + threads
        + " --pass-through-events "
        + passThroughEvents
        + " --service-java-opts '"
        + serviceJavaOpts
        + "' --seed "
        + seed;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("processors", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put(
        "loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return m;
  }

  // --- ingest ---------------------------------------------------------------------------------

  private long ingest(BenchHub hub, Path generated) {
    Path warm = BenchData.writePoliceFeed(generated, 20_000, "W", work.resolve("warm.csv"));
    log.printf("[bench] writing a %,d-row police feed%n", rows);
    Path big = BenchData.writePoliceFeed(generated, rows, "B", work.resolve("police-big.csv"));
    double ingestRate;
    try (Ingest police =
        new Ingest(
            hub, new PoliceFeed(), generated.resolve("geography/postcodes.csv"), "bench-police")) {
      police.process(warm, LocalDate.of(2025, 4, 1));
      log.printf(
          "[bench] ingest: %,d rows through parse, validate, pseudonymise, serialise, one"
              + " transaction%n",
          rows);
      heap.reset();
      long t0 = System.nanoTime();
      police.process(big, LocalDate.of(2025, 4, 2));
      ingestRate = rows / seconds(t0);
    }
    long peak = heap.peakUsed();
    int size = Baselines.averageRecordBytes(hub, POLICE);
    log.printf("[bench] bare producer: %,d records of %d bytes%n", rows, size);
    double bare = Baselines.bareProducer(hub, "bench.bare-producer", rows, size);
    summary.add(
        Result.of(
            "ingest",
            "rows/s, one " + rows + "-row police feed, acks=all, one transaction",
            ingestRate,
            "/s",
            bare,
            "bare idempotent producer, "
                + rows
                + " records of "
                + size
                + " bytes (the feed's average key + value), acks=all, same batching",
            "≥ 0.5 × baseline (aim 0.8)",
            ingestRate / bare >= 0.5));
    summary.add(
        Result.alone(
            "ingest",
            "peak heap used during the feed (whole bench JVM; per service: stage services)",
            peak / MIB,
            "MiB",
            "",
            null));
    return rows + 20_000L;
  }

  // --- aggregator and freshness ---------------------------------------------------------------

  private void aggregatorAndFreshness(BenchHub hub, Path generated, long ingested)
      throws Exception {
    Path postcodes = generated.resolve("geography/postcodes.csv");
    if (ingested == 0) {
      try (Ingest police = new Ingest(hub, new PoliceFeed(), postcodes, "bench-police")) {
        log.printf("[bench] loading a %,d-row police feed for the aggregator%n", rows);
        police.process(
            BenchData.writePoliceFeed(generated, rows, "A", work.resolve("police-agg.csv")),
            LocalDate.of(2025, 4, 2));
        ingested = rows;
      }
    }
    AggregatorSettings settings =
        AggregatorBenchSettings.of(
            generated.resolve("geography"),
            hub.registryClient(),
            true,
            AggregatorSettings.StateStores.ROCKSDB);
    Map<String, Long> before = endOffsets(hub);
    log.printf("[bench] aggregator: %,d events, exactly-once v2, %d threads%n", ingested, threads);
    heap.reset();
    long aggEvents = hub.sourceLag("bench-aggregator", Set.of(POLICE));
    Streams.Timed timed =
        Streams.startTimed(
            HubTopology.build(settings),
            Streams.config(hub.kafka(), "bench-aggregator", work.resolve("state-agg"), threads));
    KafkaStreams aggregator = timed.streams();
    try {
      long t1 = hub.awaitCaughtUp("bench-aggregator", Set.of(POLICE), Duration.ofMinutes(60));
      long t0 = timed.firstProcessedNanos();
      double aggRate = FirstProcessed.rate(ingested, t0, t1);
      log.printf(
          "[bench] aggregator: %,d events (%,d input offsets) in %.2f s from its first processed"
              + " record to all input committed%n",
          ingested, aggEvents, (t1 - t0) / 1e9);
      long aggHeap = heap.peakUsed();
      Map<String, Long> written = written(before, endOffsets(hub));
      long total = written.values().stream().mapToLong(Long::longValue).sum();
      log.printf("[bench] records the aggregator wrote, by topic: %s%n", written);

      if (stages.contains("aggregator")) {
        long copied = copyInput(hub, POLICE, PASS_THROUGH_IN, passThroughEvents);
        log.printf("[bench] pass-through topology over a copy of the input (%,d events)%n", copied);
        createTopic(hub, "bench.pass-through");
        Map<String, Long> passBefore = endOffsets(hub);
        Streams.Timed pass =
            Streams.startTimed(
                Streams.passThrough(PASS_THROUGH_IN, "bench.pass-through"),
                Streams.config(
                    hub.kafka(), "bench-pass-through", work.resolve("state-pass"), threads));
        long p1 =
            hub.awaitCaughtUp(
                "bench-pass-through", Set.of(PASS_THROUGH_IN), Duration.ofMinutes(30));
        long p0 = pass.firstProcessedNanos();
        pass.streams().close(Duration.ofSeconds(30));
        double passRate = FirstProcessed.rate(copied, p0, p1);
        log.printf(
            "[bench] pass-through: %,d events in %.2f s from its first processed record to all"
                + " input committed%n",
            copied, (p1 - p0) / 1e9);
        long passWritten =
            written(passBefore, endOffsets(hub)).values().stream().mapToLong(Long::longValue).sum();
        String passName =
            "pass-through topology over a copy of the same input ("
                + copied
                + " events), same guarantees, timed the same way";
        summary.add(
            Result.of(
                "aggregator",
                "events/s, full topology, exactly-once v2, " + threads + " stream threads",
                aggRate,
                "/s",
                passRate,
                passName,
                "≥ 0.2 × baseline (aim 0.5)",
                Double.isNaN(aggRate / passRate) ? null : aggRate / passRate >= 0.2));
        summary.add(
            Result.of(
                "aggregator",
                "Kafka records written per input event (changelogs, repartitions, outputs,"
                    + " markers)",
                total / (double) ingested,
                "",
                passWritten / (double) copied,
                passName + " (its output records and transaction markers)",
                "≤ 5 (aim 3)",
                total / (double) ingested <= 5));
        summary.add(
            Result.alone(
                "aggregator",
                "peak heap used while catching up (whole bench JVM; per service: stage services)",
                aggHeap / MIB,
                "MiB",
                "",
                null));
        endStage("aggregator");
      }

      if (stages.contains("freshness")) {
        double[] hub95 = freshness(hub, generated, "bench-aggregator", "F");
        aggregator.close(Duration.ofSeconds(30));
        aggregator = null;
        log.println("[bench] freshness of the pass-through topology (the aggregator stopped)");
        createTopic(hub, "bench.pass-through");
        KafkaStreams pass =
            Streams.start(
                Streams.passThrough(POLICE, "bench.pass-through"),
                Streams.config(
                    hub.kafka(), "bench-pass-through", work.resolve("state-pass"), threads));
        try {
          hub.awaitCaughtUp("bench-pass-through", Set.of(POLICE), Duration.ofMinutes(30));
          double[] base = freshness(hub, generated, "bench-pass-through", "P");
          String baseName =
              "pass-through topology, "
                  + feeds
                  + " other feeds of the same size, the aggregator stopped";
          String[] names = {"p50", "p95", "p99"};
          for (int i = 0; i < 3; i++) {
            summary.add(
                Result.of(
                    "freshness",
                    names[i]
                        + " s, "
                        + feedRows
                        + "-row feed committed → its effects committed (caught up), "
                        + feeds
                        + " feeds",
                    hub95[i],
                    "s",
                    base[i],
                    baseName,
                    i == 1 ? "< 2 s (aim 1 s)" : "",
                    i == 1 ? hub95[i] < 2 : null));
          }
          summary.add(
              Result.of(
                  "freshness",
                  "median duration of one caught-up check, ms (the figures' resolution, + 10 ms)",
                  hub95[3] * 1000,
                  "ms",
                  base[3],
                  baseName,
                  "",
                  null));
        } finally {
          pass.close(Duration.ofSeconds(30));
        }
        endStage("freshness");
      }
    } finally {
      if (aggregator != null) {
        aggregator.close(Duration.ofSeconds(30));
      }
    }
  }

  /**
   * Copies up to {@code most} records of {@code from} (as a {@code read_committed} consumer sees
   * them) to a new topic {@code to} of as many partitions, each record to the partition it came
   * from, key, value, timestamp and headers unchanged; returns how many it copied. The copy is
   * written by an idempotent producer without transactions, so it holds no transaction markers.
   */
  private static long copyInput(BenchHub hub, String from, String to, long most) throws Exception {
    int partitions =
        hub.admin.describeTopics(List.of(from)).allTopicNames().get().get(from).partitions().size();
    hub.admin.createTopics(List.of(new NewTopic(to, partitions, (short) 1))).all().get();
    Map<String, Object> c = new java.util.HashMap<>(hub.kafka());
    c.put(
        org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    Map<String, Object> p = new java.util.HashMap<>(hub.kafka());
    p.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
    p.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(org.apache.kafka.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    var bytes = new org.apache.kafka.common.serialization.ByteArrayDeserializer();
    var out = new org.apache.kafka.common.serialization.ByteArraySerializer();
    long copied = 0;
    try (var consumer =
            new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(c, bytes, bytes);
        var producer =
            new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(p, out, out)) {
      List<org.apache.kafka.common.TopicPartition> tps = new java.util.ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        tps.add(new org.apache.kafka.common.TopicPartition(from, i));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(tps);
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      while (copied < most && tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Copying " + from + " took over 30 minutes");
        }
        for (var r : consumer.poll(Duration.ofMillis(500))) {
          if (copied >= most) {
            break;
          }
          producer.send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  to, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()));
          copied++;
        }
      }
      producer.flush();
    }
    return copied;
  }

  /**
   * Times {@link #feeds} feeds, each from the moment its transaction committed (the pipeline
   * returned) to the moment the application had caught up on it ({@link BenchHub#awaitCaughtUp},
   * checking every 10 ms): {p50, p95, p99, median check duration}, in seconds.
   */
  private double[] freshness(BenchHub hub, Path generated, String application, String tag) {
    double[] seconds = new double[feeds];
    double[] checks = new double[feeds];
    try (Ingest police =
        new Ingest(
            hub,
            new PoliceFeed(),
            generated.resolve("geography/postcodes.csv"),
            "bench-fresh-" + tag)) {
      for (int i = 0; i < feeds; i++) {
        Path f =
            BenchData.writePoliceFeed(
                generated, feedRows, tag + i, work.resolve("fresh-" + tag + i + ".csv"));
        police.process(f, LocalDate.of(2025, 5, 1).plusDays(i + ("P".equals(tag) ? 100 : 0)));
        long committed = System.nanoTime();
        long visible = hub.awaitCaughtUp(application, Set.of(POLICE), Duration.ofMinutes(10), 10);
        seconds[i] = (visible - committed) / 1e9;
        long c0 = System.nanoTime();
        hub.caughtUp(application, Set.of(POLICE));
        checks[i] = (System.nanoTime() - c0) / 1e9;
        log.printf(
            "[bench] freshness, %s, feed %d of %d: %.3f s%n",
            application, i + 1, feeds, seconds[i]);
      }
    }
    return new double[] {
      Stats.percentile(seconds, 50),
      Stats.percentile(seconds, 95),
      Stats.percentile(seconds, 99),
      Stats.percentile(checks, 50)
    };
  }

  private static void createTopic(BenchHub hub, String topic) {
    try {
      hub.admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Cannot create " + topic, e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** End offsets of every topic but the inputs and the internal ones (_schemas, __…). */
  private static Map<String, Long> endOffsets(BenchHub hub) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    for (String topic : hub.admin.listTopics().names().get()) {
      if (!INPUTS.contains(topic) && !topic.startsWith("_")) {
        out.put(topic, hub.endOffsets(topic));
      }
    }
    return out;
  }

  /** What was written to each topic between two readings of {@link #endOffsets}. */
  static Map<String, Long> written(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach(
        (topic, end) -> {
          long n = end - before.getOrDefault(topic, 0L);
          if (n > 0) {
            out.put(topic, n);
          }
        });
    return out;
  }

  // --- VRU-year and growth --------------------------------------------------------------------

  /** Generates the VRU-year at a scale (or finds it generated by an earlier stage of this run). */
  Path yearData(int scale) {
    Path gen = work.resolve("year-" + scale);
    if (Files.exists(gen.resolve("truth/manifest.properties"))) {
      return gen;
    }
    int residents = scale == 0 ? yearWarmupResidents : yearResidents * scale;
    log.printf(
        "[bench] generating a VRU-year %s (%,d residents, streamed to disk night by night)%n",
        label(scale), residents);
    BenchData.generate(gen, residents, 365, seed, m -> log.println("[bench]   synth: " + m));
    return gen;
  }

  private static String label(int scale) {
    return scale == 0 ? "warm-up (not recorded)" : "at " + scale + "×";
  }

  /**
   * The linkage's running totals from the aggregator's metrics (group {@code
   * stream-linkage-metrics}): records linked, identity variants compared, nanoseconds spent.
   */
  static double[] linkageTotals(KafkaStreams streams) {
    double[] out = new double[3];
    String group = "stream-" + LinkageProcessor.METRICS_SCOPE + "-metrics";
    streams
        .metrics()
        .forEach(
            (name, metric) -> {
              if (!name.group().equals(group) || !(metric.metricValue() instanceof Number n)) {
                return;
              }
              switch (name.name()) {
                case "linked-records-total" -> out[0] += n.doubleValue();
                case "comparisons-total" -> out[1] += n.doubleValue();
                case "linkage-nanos-total" -> out[2] += n.doubleValue();
                default -> {}
              }
            });
    return out;
  }

  private void year() {
    List<double[]> points = new ArrayList<>();
    List<double[]> linkagePoints = new ArrayList<>();
    List<Integer> runs = new ArrayList<>();
    if (yearWarmupResidents > 0) {
      runs.add(0); // the same procedure on a small year first: the JIT, not the hub, at 1×
    }
    runs.addAll(scales);
    for (int scale : runs) {
      Path gen = yearData(scale);
      Path geography = gen.resolve("geography");
      Path p = BenchData.backfill(gen, "police", work.resolve("year-police-" + scale + ".csv"));
      Path h = BenchData.backfill(gen, "health", work.resolve("year-health-" + scale + ".csv"));
      Path e =
          BenchData.backfill(gen, "education", work.resolve("year-education-" + scale + ".csv"));
      long events = lines(p) + lines(h) + lines(e) - 3;
      Path hubDir;
      try (BenchHub hub = BenchHub.fresh("year-" + scale)) {
        hubDir = hub.dir;
        AggregatorSettings settings =
            AggregatorBenchSettings.of(
                geography, hub.registryClient(), true, AggregatorSettings.StateStores.ROCKSDB);
        KafkaStreams aggregator =
            Streams.start(
                HubTopology.build(settings),
                Streams.config(
                    hub.kafka(), "bench-year", work.resolve("state-year-" + scale), threads));
        try (Ingest police =
                new Ingest(
                    hub, new PoliceFeed(), geography.resolve("postcodes.csv"), "year-police");
            Ingest health =
                new Ingest(
                    hub, new HealthFeed(), geography.resolve("postcodes.csv"), "year-health");
            Ingest education =
                new Ingest(
                    hub,
                    new EducationFeed(),
                    geography.resolve("postcodes.csv"),
                    "year-education")) {
          LocalDate extract = BenchData.START.plusDays(365);
          heap.reset();
          boolean rssReset = HeapWatch.resetPeakRss();
          log.printf(
              "[bench] VRU-year %s: %,d rows (police %,d, ED %,d, school %,d), one backfill"
                  + " extract per agency%n",
              label(scale), events, lines(p) - 1, lines(h) - 1, lines(e) - 1);
          long t0 = System.nanoTime();
          police.process(p, extract);
          log.printf("[bench]   police extract committed after %.1f s%n", seconds(t0));
          health.process(h, extract);
          education.process(e, extract);
          double ingestOnly = seconds(t0);
          log.printf("[bench]   all extracts committed after %.1f s%n", ingestOnly);
          long t1 = hub.awaitCaughtUp("bench-year", INPUTS, Duration.ofMinutes(120));
          double wall = (t1 - t0) / 1e9;
          log.printf(
              "[bench]   VRU-year %s: all outputs committed after %.1f s%n", label(scale), wall);
          double[] linkage = linkageTotals(aggregator);
          log.printf(
              "[bench]   linkage: %,.0f records, %,.1f comparisons and %,.1f µs per record%n",
              linkage[0],
              linkage[1] / Math.max(1, linkage[0]),
              linkage[2] / 1e3 / Math.max(1, linkage[0]));
          if (scale != 0) {
            points.add(new double[] {events, wall});
            linkagePoints.add(new double[] {linkage[0], linkage[2] / 1e9});
            summary.add(
                Result.alone(
                    "vru-year",
                    scale
                        + "×: linkage, µs per record linked ("
                        + String.format("%,.0f", linkage[0])
                        + " records, "
                        + String.format("%.2f", linkage[1] / Math.max(1, linkage[0]))
                        + " identity variants compared per record)",
                    linkage[2] / 1e3 / Math.max(1, linkage[0]),
                    "µs",
                    "",
                    null));
            summary.add(
                Result.of(
                    "vru-year",
                    scale + "× (" + events + " rows): extracts in → all outputs committed, s",
                    wall,
                    "s",
                    ingestOnly,
                    "the same run's ingest alone: extracts in → the last extract committed",
                    scale == 1 ? "< 20 s (aim 10 s)" : "",
                    scale == 1 ? wall < 20 : null));
            summary.add(
                Result.alone(
                    "vru-year",
                    scale
                        + "×: peak heap used (broker, registry, 3 pipelines, aggregator: one JVM)",
                    heap.peakUsed() / MIB,
                    "MiB",
                    "",
                    null));
            summary.add(
                Result.alone(
                    "vru-year",
                    scale + "×: peak heap just after a collection (what that JVM kept)",
                    heap.peakAfterGc() / MIB,
                    "MiB",
                    "",
                    null));
            summary.add(
                Result.alone(
                    "vru-year",
                    scale
                        + "×: peak RSS of that JVM"
                        + (rssReset ? " (this scale)" : " (whole run so far)"),
                    HeapWatch.peakRss() / MIB,
                    "MiB",
                    "",
                    null));
          }
        } finally {
          aggregator.close(Duration.ofSeconds(60));
        }
      }
      deleteUnlessKept(hubDir);
      deleteUnlessKept(work.resolve("state-year-" + scale));
      for (Path f : List.of(p, h, e)) {
        deleteUnlessKept(f);
      }
      if (!(scale == 1 && stages.contains("services"))) {
        deleteUnlessKept(gen);
      }
    }
    if (points.size() >= 2 && points.stream().map(x -> x[0]).distinct().count() >= 2) {
      double exponent = Stats.growthExponent(points);
      summary.add(
          Result.of(
              "growth",
              "fitted exponent of time with rows, log-log least squares over " + scales + "×",
              exponent,
              "",
              1.0,
              "linear growth (exponent 1)",
              "≤ 1.05",
              exponent <= 1.05));
      double linkageExponent = Stats.growthExponent(linkagePoints);
      summary.add(
          Result.of(
              "growth",
              "fitted exponent of the linkage's own time with records linked, over " + scales + "×",
              linkageExponent,
              "",
              1.0,
              "linear growth (exponent 1): blocking keeps the comparisons per record flat",
              "near 1",
              null));
    }
  }

  static long lines(Path file) {
    try (Stream<String> s = Files.lines(file)) {
      return s.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- shared ---------------------------------------------------------------------------------

  Summary summary() {
    return summary;
  }

  HeapWatch heap() {
    return heap;
  }

  Path work() {
    return work;
  }

  Path out() {
    return out;
  }

  int threads() {
    return threads;
  }

  List<String> serviceJavaOpts() {
    return serviceJavaOpts.isBlank() ? List.of() : List.of(serviceJavaOpts.trim().split("\\s+"));
  }

  PrintStream log() {
    return log;
  }

  void deleteUnlessKept(Path path) {
    if (keep || path == null || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      log.println("[bench] could not delete " + path + ": " + e.getMessage());
    }
  }

  static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
