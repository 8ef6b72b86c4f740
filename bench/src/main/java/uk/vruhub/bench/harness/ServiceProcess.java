package uk.vruhub.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.bench.AggregatorBenchSettings;
import uk.vruhub.ingest.core.feed.AgencyFeed;
import uk.vruhub.ingest.education.EducationFeed;
import uk.vruhub.ingest.health.HealthFeed;
import uk.vruhub.ingest.police.PoliceFeed;

/**
 * One service of the hub in a JVM of its own, for the {@code services} stage: the aggregator, one
 * agency's ingest pipeline, or a baseline of either (a pass-through topology, a bare producer),
 * connected to the hub the harness's process runs. On exit it writes its own peak heap (read by a
 * {@link HeapWatch} from this JVM's collector, start-up included) and peak RSS as JSON.
 *
 * <p>A topology runs until a line {@code stop} (or the end) on its standard input, and prints
 * {@value #RUNNING} on its standard output once it is running; a pipeline or a producer ends when
 * its feed is sent.
 */
@Command(name = "bench-service", mixinStandardHelpOptions = true)
final class ServiceProcess implements Callable<Integer> {

  static final String RUNNING = "bench-service: running";

  @Parameters(
      index = "0",
      description =
          "aggregator, pass-through, ingest-police, ingest-health, ingest-education,"
              + " bare-producer")
  String role;

  @Option(names = "--hub", required = true, description = "The hub's connection file.")
  Path hub;

  @Option(names = "--report", required = true, description = "Where to write the JSON report.")
  Path report;

  @Option(names = "--geography", description = "Generated geography (topologies, pipelines).")
  Path geography;

  @Option(names = "--state", description = "State folder (topologies).")
  Path state;

  @Option(names = "--threads", defaultValue = "2", description = "Stream threads.")
  int threads;

  @Option(names = "--input", description = "The feed to send (pipelines).")
  Path input;

  @Option(names = "--extract-date", description = "The feed's extract date (pipelines).")
  LocalDate extractDate;

  @Option(names = "--count", description = "Records to send (bare producer).")
  int count;

  @Option(names = "--size", description = "Bytes per record, key and value (bare producer).")
  int size;

  static final String PASS_THROUGH_OUTPUT = "bench.services-pass-through";
  static final String BARE_TOPIC = "bench.services-bare-producer";

  @Override
  public Integer call() throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    try (HeapWatch heap = new HeapWatch();
        BenchHub client = BenchHub.connect(hub)) {
      long t0 = System.nanoTime();
      switch (role) {
        case "aggregator" -> {
          AggregatorSettings settings =
              AggregatorBenchSettings.of(
                  geography, client.registryClient(), true, AggregatorSettings.StateStores.ROCKSDB);
          runUntilStopped(
              HubTopology.build(settings),
              Streams.config(client.kafka(), "bench-services-aggregator", state, threads));
        }
        case "pass-through" ->
            runUntilStopped(
                Streams.passThrough(
                    List.of(BenchCommand.POLICE, BenchCommand.HEALTH, BenchCommand.EDUCATION),
                    PASS_THROUGH_OUTPUT),
                Streams.config(client.kafka(), "bench-services-pass-through", state, threads));
        case "ingest-police" -> ingest(client, new PoliceFeed(), out);
        case "ingest-health" -> ingest(client, new HealthFeed(), out);
        case "ingest-education" -> ingest(client, new EducationFeed(), out);
        case "bare-producer" -> {
          out.put("recordsPerSecond", Baselines.bareProducer(client, BARE_TOPIC, count, size));
        }
        default ->
            throw new CommandLine.ParameterException(
                new CommandLine(this), "Unknown service " + role);
      }
      out.put("role", role);
      out.put("seconds", (System.nanoTime() - t0) / 1e9);
      out.put("peakHeapUsedBytes", heap.peakUsed());
      out.put("peakHeapAfterGcBytes", heap.peakAfterGc());
      out.put("collections", heap.collections());
      out.put("peakRssBytes", HeapWatch.peakRss());
      out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
      out.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
    Summary.write(
        report,
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(out));
    return 0;
  }

  /**
   * Sends the feed as the service would, sending it again (up to {@value #ATTEMPTS} times) when it
   * failed before its transaction committed: such a feed published nothing and may be sent again,
   * as the service's own receipt says. On a crowded machine the registry may not answer in time
   * while four JVMs start at once; the report says how many attempts it took.
   */
  private void ingest(BenchHub client, AgencyFeed<?> feed, Map<String, Object> out) {
    try (Ingest pipeline =
        new Ingest(client, feed, geography.resolve("postcodes.csv"), "services-" + role)) {
      for (int attempt = 1; ; attempt++) {
        try {
          pipeline.process(input, extractDate);
          out.put("feed", input.getFileName().toString());
          out.put("attempts", attempt);
          return;
        } catch (IllegalStateException e) {
          if (attempt >= ATTEMPTS) {
            throw e;
          }
          System.err.println("bench-service: attempt " + attempt + " failed, again: " + e);
        }
      }
    }
  }

  private static final int ATTEMPTS = 3;

  private static void runUntilStopped(Topology topology, java.util.Properties config)
      throws IOException {
    KafkaStreams streams = Streams.start(topology, config);
    try {
      System.out.println(RUNNING);
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.trim().equals("stop")) {
          break;
        }
      }
    } finally {
      streams.close(Duration.ofSeconds(60));
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ServiceProcess()).execute(args));
  }
}
