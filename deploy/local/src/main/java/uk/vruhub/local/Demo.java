package uk.vruhub.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.security.TrustedCa;
import uk.vruhub.synth.Boundaries;
import uk.vruhub.synth.Generator;
import uk.vruhub.synth.SynthSettings;
import uk.vruhub.synth.SyntheticArea;

/**
 * The demo: synthetic nightly extracts pushed to the three ingest services over HTTPS, exactly as
 * agency systems would (trusting the hub's CA, each with its agency's token), then the hotspot
 * table and the cohort as the analyst sees them with the analyst's token.
 */
final class Demo {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final Secrets secrets;
  private final PrintStream out;

  /** The demo as a client of the hub's HTTPS services, trusting the local CA and nothing else. */
  Demo(PrintStream out, Secrets secrets) {
    this.out = out;
    this.secrets = secrets;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(TrustedCa.sslContext(secrets.caFile()))
            .build();
  }

  /** Generates the demo data once; later starts reuse it (same seed, same files). */
  static Generator.Summary generateIfAbsent(Path demoDir, SynthSettings settings, PrintStream out) {
    if (Files.exists(demoDir.resolve("truth/manifest.properties"))) {
      boundariesIfAbsent(demoDir, settings);
      return null;
    }
    out.println(
        "[hub] Generating synthetic partnership data (fictional people and places) in " + demoDir);
    return Generator.generate(settings, demoDir, m -> out.println("[hub]   " + m));
  }

  /**
   * The last {@code nights} extracts of one agency held back ({@code --demo-withhold AGENCY:N}), so
   * that the data tracker shows its feed overdue.
   *
   * @param agency the agency's folder name: police, health or education
   * @param nights how many of its newest extract dates are not sent
   */
  record Withhold(String agency, int nights) {

    static final List<String> AGENCIES = List.of("police", "health", "education");

    /** Parses {@code AGENCY:N}; null for none. */
    static Withhold parse(String option) {
      if (option == null || option.isBlank()) {
        return null;
      }
      String[] parts = option.strip().split(":", -1);
      String agency = parts[0].toLowerCase(java.util.Locale.ROOT);
      if (parts.length != 2 || !AGENCIES.contains(agency) || !parts[1].matches("[0-9]{1,4}")) {
        throw new IllegalArgumentException(
            "--demo-withhold takes AGENCY:N, AGENCY one of police, health, education and N the"
                + " number of its newest nightly extracts not to send (e.g. health:5)");
      }
      return new Withhold(agency, Integer.parseInt(parts[1]));
    }

    /** The files that are sent: all but the agency's newest {@code nights} extract dates. */
    List<Path> apply(List<Path> files) {
      List<LocalDate> dates =
          files.stream()
              .filter(f -> agencyOf(f).equals(agency))
              .map(Demo::extractDate)
              .distinct()
              .sorted(java.util.Comparator.reverseOrder())
              .limit(nights)
              .toList();
      return files.stream()
          .filter(f -> !(agencyOf(f).equals(agency) && dates.contains(extractDate(f))))
          .toList();
    }
  }

  private static String agencyOf(Path file) {
    return file.getParent().getFileName().toString();
  }

  /**
   * The map's boundaries for demo data generated before the generator wrote them: the same area,
   * from the same settings, so they match the areas already sent.
   */
  private static void boundariesIfAbsent(Path demoDir, SynthSettings settings) {
    Path file = demoDir.resolve("geography").resolve(SyntheticArea.BOUNDARIES_FILE);
    if (Files.exists(file) || !Files.isDirectory(file.getParent())) {
      return;
    }
    try {
      Boundaries.write(SyntheticArea.build(settings.residents(), settings.seed()), file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the demo's boundaries " + file, e);
    }
  }

  /** Sends every nightly extract in date order and waits until each is published or refused. */
  Map<String, Long> push(Path feedsDir, LocalServices services) {
    return push(feedsDir, services, null);
  }

  /**
   * Sends the nightly extracts in date order, but those {@code withhold} holds back (none when
   * null), and waits until each is published or refused.
   */
  Map<String, Long> push(Path feedsDir, LocalServices services, Withhold withhold) {
    List<Path> files;
    try (Stream<Path> all = Files.walk(feedsDir)) {
      files =
          all.filter(f -> f.toString().endsWith(".csv"))
              .sorted(
                  java.util.Comparator.comparing(Demo::extractDate)
                      .thenComparing(f -> f.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (withhold != null) {
      int all = files.size();
      files = withhold.apply(files);
      out.printf(
          "[hub] Holding back the last %d nightly extracts of %s (%d files), as"
              + " --demo-withhold asks%n",
          withhold.nights(), withhold.agency(), all - files.size());
    }
    out.printf(
        "[hub] Sending %d nightly extracts to the three ingest services over HTTPS%n",
        files.size());
    List<String[]> sent = new ArrayList<>();
    int done = 0;
    for (Path file : files) {
      String agency = file.getParent().getFileName().toString();
      HttpRequest.BodyPublisher body;
      try {
        body = HttpRequest.BodyPublishers.ofFile(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
      JsonNode status =
          call(
              HttpRequest.newBuilder(
                      URI.create(
                          services.ingestUrl(agency)
                              + "/api/v1/feeds?extractDate="
                              + extractDate(file)))
                  .header("Authorization", "Bearer " + secrets.token(agency))
                  .header("Content-Type", "text/csv")
                  .POST(body),
              file);
      sent.add(new String[] {agency, status.get("feedId").asString()});
      if (++done % 60 == 0 || done == files.size()) {
        out.printf("[hub]   sent %d of %d%n", done, files.size());
      }
    }
    Map<String, Long> totals = new TreeMap<>();
    int finished = 0;
    for (String[] feed : sent) {
      JsonNode s = awaitFinished(services.ingestUrl(feed[0]), feed[1], secrets.token(feed[0]));
      totals.merge(s.get("state").asString(), 1L, Long::sum);
      totals.merge("rows published", s.get("recordsPublished").asLong(), Long::sum);
      totals.merge("rows rejected", s.get("rowsRejected").asLong(), Long::sum);
      if (++finished % 60 == 0 || finished == sent.size()) {
        out.printf("[hub]   %d of %d extracts processed%n", finished, sent.size());
      }
    }
    return totals;
  }

  private JsonNode awaitFinished(String base, String feedId, String token) {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode s =
          call(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/feeds/" + feedId))
                  .header("Authorization", "Bearer " + token)
                  .GET(),
              null);
      String state = s.get("state").asString();
      if (!state.equals("RECEIVED") && !state.equals("VALIDATING_AND_PUBLISHING")) {
        return s;
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "Feed " + feedId + " at " + base + " did not finish in 10 minutes");
  }

  /**
   * Waits until the aggregator has caught up, then returns the hotspot table. Caught up is what its
   * status measures (its consumer group has consumed every record committed to the agency topics,
   * and the streams are running), not two reads that agree: on a loaded machine the aggregator can
   * pause long enough between commits for two reads to agree on a half-built table.
   */
  List<CSVRecord> awaitHotspots(LocalServices services, String query) {
    awaitCaughtUp(services, Duration.ofMinutes(10));
    return hotspots(services, query);
  }

  /** Polls {@code GET /api/v1/status} until it says caught up. */
  void awaitCaughtUp(LocalServices services, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get(services.aggregatorUrl() + "/api/v1/status", null);
      if (r.statusCode() == 200) {
        JsonNode status = JSON.readTree(r.body());
        if (status.path("caughtUp").asBoolean()) {
          out.printf(
              "[hub]   the aggregator has caught up (data as of %s)%n",
              status.path("dataAsOf").path("time").asString());
          return;
        }
        last =
            "streams "
                + status.path("state").asString()
                + ", lag "
                + status.path("totalLag").asString();
      } else {
        last = "HTTP " + r.statusCode();
      }
      sleep(500);
    }
    throw new IllegalStateException(
        "The aggregator had not caught up after "
            + timeout.toMinutes()
            + " minutes ("
            + last
            + ")");
  }

  /** The hotspot table (CSV) of a query, once, as the analyst asks for it. */
  List<CSVRecord> hotspots(LocalServices services, String query) {
    HttpResponse<String> r =
        get(
            services.aggregatorUrl() + "/api/v1/hotspots?format=csv&" + query,
            secrets.token("vru-analyst"));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "Hotspot query failed: HTTP " + r.statusCode() + " " + r.body());
    }
    return parse(r.body());
  }

  /** How many people are in the level 2 cohort now. */
  int cohortSize(LocalServices services) {
    HttpResponse<String> r =
        get(
            services.aggregatorUrl() + "/api/v1/cohort/profiles?format=csv",
            secrets.token("vru-analyst"));
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Cohort query failed: HTTP " + r.statusCode());
    }
    return parse(r.body()).size();
  }

  private HttpResponse<String> get(String url, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private JsonNode call(HttpRequest.Builder request, Path file) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(
            (file == null ? "" : file.getFileName() + ": ")
                + "HTTP "
                + r.statusCode()
                + " "
                + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  static List<CSVRecord> parse(String csv) {
    try {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(new StringReader(csv))
          .getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last calendar month the demo's extracts cover in full. */
  static LocalDate lastFullMonth(Path demoDir) {
    java.util.Properties manifest = new java.util.Properties();
    try (var in = Files.newBufferedReader(demoDir.resolve("truth/manifest.properties"))) {
      manifest.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalDate end =
        LocalDate.parse(manifest.getProperty("start"))
            .plusDays(Long.parseLong(manifest.getProperty("nights")));
    return end.withDayOfMonth(1).minusMonths(1);
  }

  /** The extract date in a feed's file name ({@code police-2026-07-01.csv}). */
  static LocalDate extractDate(Path file) {
    String name = file.getFileName().toString();
    return LocalDate.parse(name.substring(name.length() - 14, name.length() - 4));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
