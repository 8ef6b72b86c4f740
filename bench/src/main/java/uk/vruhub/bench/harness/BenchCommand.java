package uk.vruhub.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.bench.AggregatorBenchSettings;
import uk.vruhub.bench.BenchData;
import uk.vruhub.ingest.education.EducationFeed;
import uk.vruhub.ingest.health.HealthFeed;
import uk.vruhub.ingest.police.PoliceFeed;

/**
 * The end-to-end benchmark: every figure beside a baseline measured in the same run, on the same
 * broker (Apache Kafka's own, KRaft, in this JVM). Prints one table and writes it as JSON.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures ingest, aggregator, freshness and a VRU-year against bare-Kafka baselines.")
public final class BenchCommand implements Callable<Integer> {

  static final String POLICE = "police.crime-events.v1";
  static final String HEALTH = "health.ed-assault-attendances.v1";
  static final String EDUCATION = "education.school-events.v1";

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description = "Rows of the big ingest feed (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--feeds",
      defaultValue = "20",
      description = "Feeds timed for freshness (default: ${DEFAULT-VALUE}).")
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
      description = "VRU-year sizes, times two million residents (default: ${DEFAULT-VALUE}).")
  List<Integer> scales;

  @Option(
      names = "--stages",
      split = ",",
      defaultValue = "ingest,aggregator,freshness,year",
      description = "Stages to run (default: ${DEFAULT-VALUE}).")
  List<String> stages;

  @Option(
      names = "--year-residents",
      defaultValue = "2000000",
      description = "Residents of the VRU-year at 1× (default: ${DEFAULT-VALUE}).")
  int yearResidents;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Stream threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--out",
      defaultValue = "bench/target/bench",
      description = "Where results.json goes (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the synthetic data (default: ${DEFAULT-VALUE}).")
  long seed;

  /** One line of the results table. */
  record Result(
      String stage,
      String measure,
      double value,
      String unit,
      Double baseline,
      String target,
      String verdict) {
    Double ratio() {
      return baseline == null || baseline == 0 ? null : value / baseline;
    }
  }

  private final List<Result> results = new ArrayList<>();
  private final PrintStream log = System.err;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("vru-bench-");
    Path generated = work.resolve("generated");
    log.println(
        "[bench] generating a quarter of synthetic feeds (250,000 residents) for the feed stages");
    BenchData.generate(generated, 250_000, 91, seed);
    Path geography = generated.resolve("geography");

    if (stages.contains("ingest")
        || stages.contains("aggregator")
        || stages.contains("freshness")) {
      try (BenchHub hub = BenchHub.fresh("feeds")) {
        long ingested = 0;
        if (stages.contains("ingest")) {
          ingested = ingest(hub, generated, work);
        }
        if (stages.contains("aggregator") || stages.contains("freshness")) {
          aggregatorAndFreshness(hub, generated, geography, work, ingested);
        }
      }
    }
    if (stages.contains("year")) {
      year(work);
    }
    print(System.out);
    Files.createDirectories(out);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "machine",
        Map.of(
            "processors", Runtime.getRuntime().availableProcessors(),
            "maxHeapBytes", Runtime.getRuntime().maxMemory(),
            "java", System.getProperty("java.version")));
    json.put("results", results);
    Files.writeString(
        out.resolve("results.json"),
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    System.out.println("Written " + out.resolve("results.json"));
    return 0;
  }

  // --- 1. ingest ----------------------------------------------------------------------------

  private long ingest(BenchHub hub, Path generated, Path work) throws IOException {
    Path warm = work.resolve("warm.csv");
    Files.write(warm, BenchData.policeFeed(generated, 20_000, "W"));
    Path big = work.resolve("police-big.csv");
    log.printf("[bench] writing a %,d-row police feed%n", rows);
    Files.write(big, BenchData.policeFeed(generated, rows, "B"));
    resetPeaks();
    double ingestRate;
    try (Ingest police =
        new Ingest(
            hub, new PoliceFeed(), generated.resolve("geography/postcodes.csv"), "bench-police")) {
      police.process(warm, LocalDate.of(2025, 4, 1));
      log.printf(
          "[bench] ingest: %,d rows through parse, validate, pseudonymise, serialise, one"
              + " transaction%n",
          rows);
      long t0 = System.nanoTime();
      police.process(big, LocalDate.of(2025, 4, 2));
      ingestRate = rows / seconds(t0);
    }
    long heap = peakHeap();
    int size = averageRecordBytes(hub, POLICE);
    log.printf("[bench] bare producer: %,d records of %d bytes%n", rows, size);
    double bare = bareProducer(hub, rows, size);
    results.add(
        new Result(
            "ingest",
            "rows/s, " + rows + "-row police feed, acks=all, one transaction",
            ingestRate,
            "rows/s",
            bare,
            "≥ 0.5 × bare (aim 0.8)",
            verdict(ingestRate / bare >= 0.5)));
    results.add(
        new Result(
            "ingest",
            "peak heap used during the feed (whole bench JVM: broker, registry, pipeline)",
            heap / 1048576.0,
            "MiB",
            null,
            "< 512 MiB per service",
            "see note"));
    return rows + 20_000L;
  }

  private int averageRecordBytes(BenchHub hub, String topic) {
    Map<String, Object> props = new java.util.HashMap<>(hub.kafka());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long bytes = 0;
      int n = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (n < 5000 && System.nanoTime() < deadline) {
        for (var r : c.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            bytes += r.value().length + (r.key() == null ? 0 : r.key().length);
            n++;
          }
        }
      }
      return (int) (bytes / Math.max(1, n));
    }
  }

  private double bareProducer(BenchHub hub, int count, int size) {
    String topic = "bench.bare-producer";
    try {
      hub.admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Map<String, Object> props = Ingest.producerProperties(hub.kafka(), null);
    props.remove(org.apache.kafka.clients.producer.ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
    byte[][] values = new byte[64][];
    Random random = new Random(1);
    for (int i = 0; i < values.length; i++) {
      values[i] = new byte[size - 43];
      random.nextBytes(values[i]);
    }
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 20_000; i++) {
        producer.send(new ProducerRecord<>(topic, key(i), values[i & 63]));
      }
      producer.flush();
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, key(i), values[i & 63]));
      }
      producer.flush();
      return count / seconds(t0);
    }
  }

  private static byte[] key(int i) {
    return String.format("%043d", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  // --- 2. aggregator and 3. freshness -------------------------------------------------------

  private void aggregatorAndFreshness(
      BenchHub hub, Path generated, Path geography, Path work, long ingested) throws Exception {
    if (ingested == 0) {
      try (Ingest police =
          new Ingest(
              hub,
              new PoliceFeed(),
              generated.resolve("geography/postcodes.csv"),
              "bench-police")) {
        Path f = work.resolve("police-agg.csv");
        Files.write(f, BenchData.policeFeed(generated, rows, "A"));
        police.process(f, LocalDate.of(2025, 4, 2));
        ingested = rows;
      }
    }
    AggregatorSettings settings =
        AggregatorBenchSettings.of(
            geography, hub.registryClient(), true, AggregatorSettings.StateStores.ROCKSDB);
    double aggRate = Double.NaN;
    KafkaStreams aggregator = null;
    try {
      log.printf(
          "[bench] aggregator: %,d events, exactly-once v2, %d threads%n", ingested, threads);
      resetPeaks();
      aggregator =
          Streams.start(
              HubTopology.build(settings),
              Streams.config(hub.kafka(), "bench-aggregator", work.resolve("state-agg"), threads));
      long t0 = System.nanoTime();
      long t1 = hub.awaitCaughtUp("bench-aggregator", Set.of(POLICE), Duration.ofMinutes(30));
      aggRate = ingested / ((t1 - t0) / 1e9);
      long heap = peakHeap();
      Map<String, Long> written = new java.util.TreeMap<>();
      for (String topic : hub.admin.listTopics().names().get()) {
        if (topic.startsWith("bench-aggregator-") || topic.startsWith("hub.")) {
          written.put(topic.replace("bench-aggregator-", ""), hub.endOffsets(topic));
        }
      }
      long total = written.values().stream().mapToLong(Long::longValue).sum();
      log.printf("[bench] records the aggregator wrote, by topic: %s%n", written);

      log.println("[bench] pass-through topology over the same input");
      try {
        hub.admin
            .createTopics(List.of(new NewTopic("bench.pass-through", 3, (short) 1)))
            .all()
            .get();
      } catch (Exception e) {
        throw new IllegalStateException("Cannot create the pass-through topic", e);
      }
      KafkaStreams pass =
          Streams.start(
              Streams.passThrough(POLICE, "bench.pass-through"),
              Streams.config(
                  hub.kafka(), "bench-pass-through", work.resolve("state-pass"), threads));
      long p0 = System.nanoTime();
      long p1 = hub.awaitCaughtUp("bench-pass-through", Set.of(POLICE), Duration.ofMinutes(30));
      pass.close(Duration.ofSeconds(30));
      double passRate = ingested / ((p1 - p0) / 1e9);
      if (stages.contains("aggregator")) {
        results.add(
            new Result(
                "aggregator",
                "events/s, full topology, exactly-once v2, " + threads + " threads",
                aggRate,
                "events/s",
                passRate,
                "≥ 100,000 events/s",
                verdict(aggRate >= 100_000)));
        results.add(
            new Result(
                "aggregator",
                "records written (changelogs, repartitions, outputs) per input event",
                total / (double) ingested,
                "",
                null,
                "",
                ""));
        results.add(
            new Result(
                "aggregator",
                "peak heap used while catching up (whole bench JVM)",
                heap / 1048576.0,
                "MiB",
                null,
                "< 512 MiB per service",
                "see note"));
      }

      if (stages.contains("freshness")) {
        freshness(hub, generated, work);
      }
    } finally {
      if (aggregator != null) {
        aggregator.close(Duration.ofSeconds(30));
      }
    }
  }

  private void freshness(BenchHub hub, Path generated, Path work) throws IOException {
    List<Double> seconds = new ArrayList<>();
    try (Ingest police =
        new Ingest(
            hub, new PoliceFeed(), generated.resolve("geography/postcodes.csv"), "bench-fresh")) {
      for (int i = 0; i < feeds; i++) {
        Path f = work.resolve("fresh-" + i + ".csv");
        Files.write(f, BenchData.policeFeed(generated, feedRows, "F" + i));
        police.process(f, LocalDate.of(2025, 5, 1).plusDays(i));
        long committed = System.nanoTime();
        long visible =
            hub.awaitCaughtUp("bench-aggregator", Set.of(POLICE), Duration.ofMinutes(5), 10);
        seconds.add((visible - committed) / 1e9);
        log.printf(
            "[bench] freshness feed %d of %d: %.2f s%n",
            i + 1, feeds, seconds.get(seconds.size() - 1));
      }
    }
    double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double p95 = percentile(sorted, 95);
    results.add(
        new Result(
            "freshness",
            "feed commit → hotspots committed, p50, " + feedRows + "-row feeds",
            percentile(sorted, 50),
            "s",
            null,
            "",
            ""));
    results.add(
        new Result(
            "freshness",
            "p95 over " + feeds + " feeds",
            p95,
            "s",
            null,
            "< 2 s",
            verdict(p95 < 2)));
    results.add(
        new Result(
            "freshness",
            "p99 over " + feeds + " feeds",
            percentile(sorted, 99),
            "s",
            null,
            "",
            ""));
  }

  // --- 4. VRU-year and 5. growth -------------------------------------------------------------

  private void year(Path work) {
    List<double[]> points = new ArrayList<>();
    for (int scale : scales) {
      Path gen = work.resolve("year-" + scale);
      log.printf(
          "[bench] generating a VRU-year at %d× (%,d residents)%n", scale, yearResidents * scale);
      var summary = BenchData.generate(gen, yearResidents * scale, 365, seed);
      long events = summary.rows();
      Path geography = gen.resolve("geography");
      try (BenchHub hub = BenchHub.fresh("year-" + scale)) {
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
          Path p = BenchData.backfill(gen, "police", work.resolve("year-police-" + scale + ".csv"));
          Path h = BenchData.backfill(gen, "health", work.resolve("year-health-" + scale + ".csv"));
          Path e =
              BenchData.backfill(
                  gen, "education", work.resolve("year-education-" + scale + ".csv"));
          LocalDate extract = BenchData.START.plusDays(365);
          resetPeaks();
          log.printf(
              "[bench] VRU-year %d×: %,d police, %,d ED and %,d school rows, one backfill extract"
                  + " each%n",
              scale, summary.policeRows(), summary.edRows(), summary.schoolRows());
          long t0 = System.nanoTime();
          police.process(p, extract);
          health.process(h, extract);
          education.process(e, extract);
          long t1 =
              hub.awaitCaughtUp(
                  "bench-year", Set.of(POLICE, HEALTH, EDUCATION), Duration.ofMinutes(60));
          double wall = (t1 - t0) / 1e9;
          points.add(new double[] {events, wall});
          results.add(
              new Result(
                  "vru-year",
                  scale + "×: " + events + " rows, extracts in → all outputs committed",
                  wall,
                  "s",
                  null,
                  scale == 1 ? "< 10 s" : "",
                  scale == 1 ? verdict(wall < 10) : ""));
          results.add(
              new Result(
                  "vru-year",
                  scale
                      + "×: peak heap used (broker, registry, 3 ingest pipelines, aggregator in one"
                      + " JVM)",
                  peakHeap() / 1048576.0,
                  "MiB",
                  null,
                  "",
                  ""));
          results.add(
              new Result(
                  "vru-year",
                  scale + "×: peak RSS of the JVM (VmHWM, whole run so far)",
                  rssPeakMiB(),
                  "MiB",
                  null,
                  "",
                  ""));
        } finally {
          aggregator.close(Duration.ofSeconds(30));
        }
      }
    }
    if (points.size() >= 2) {
      double exponent = slope(points);
      results.add(
          new Result(
              "growth",
              "fitted exponent of time with data size (" + scales + "×)",
              exponent,
              "",
              null,
              "≈ 1 (linear)",
              verdict(exponent < 1.2)));
    }
  }

  static double slope(List<double[]> points) {
    double n = points.size();
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (double[] p : points) {
      double x = Math.log(p[0]);
      double y = Math.log(p[1]);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }

  static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  // --- output -------------------------------------------------------------------------------

  private void print(PrintStream out) {
    out.println();
    out.printf(
        "%-11s %-84s %14s %14s %8s  %-24s %s%n",
        "stage", "measure", "value", "baseline", "ratio", "target", "");
    for (Result r : results) {
      out.printf(
          "%-11s %-84s %14s %14s %8s  %-24s %s%n",
          r.stage(),
          r.measure(),
          format(r.value()) + (r.unit().isEmpty() ? "" : " " + shortUnit(r.unit())),
          r.baseline() == null ? "" : format(r.baseline()),
          r.ratio() == null ? "" : String.format("%.2f", r.ratio()),
          r.target(),
          r.verdict());
    }
  }

  private static String shortUnit(String unit) {
    return unit.equals("rows/s") || unit.equals("events/s") ? "/s" : unit;
  }

  private static String format(double v) {
    return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }

  private static double rssPeakMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // Not Linux.
    }
    return Double.NaN;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
