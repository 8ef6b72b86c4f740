package uk.vruhub.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

  private static final SynthSettings SETTINGS = SynthSettings.demo(7, LocalDate.of(2026, 1, 5));

  @TempDir static Path dir;
  static Generator.Summary summary;

  @BeforeAll
  static void generate() {
    summary = Generator.generate(SETTINGS, dir.resolve("a"), m -> {});
  }

  @Test
  void theSameSeedGivesTheSameBytes(@TempDir Path other) throws IOException {
    Generator.generate(SETTINGS, other, m -> {});
    assertThat(digest(other)).isEqualTo(digest(dir.resolve("a")));
  }

  @Test
  void volumesFollowTheDomainRates() {
    // 250,000 residents for 91 nights: about 30 violent crimes per 1,000 a year, one to three
    // people each; about 5 ED assault attendances and 10 school events per 1,000 a year.
    double year = 91 / 365.0;
    double crimes = 250_000 * 30 / 1000.0 * year;
    assertThat(summary.policeRows()).isBetween((long) crimes, (long) (crimes * 3));
    assertThat(summary.edRows())
        .isBetween((long) (250 * 5 * year * 0.5), (long) (250 * 5 * year * 2.5));
    assertThat(summary.schoolRows())
        .isBetween((long) (250 * 10 * year * 0.6), (long) (250 * 10 * year * 1.5));
    assertThat(summary.feeds()).isBetween(91 * 2, 91 * 3);
  }

  @Test
  void theTruthAccountsForEveryRowOfEveryFeed() throws IOException {
    long feedRows = 0;
    try (Stream<Path> files = Files.walk(dir.resolve("a/feeds"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        feedRows += rows(f).size();
      }
    }
    List<CSVRecord> truth = rows(dir.resolve("a/truth/records.csv"));
    assertThat(truth).hasSize((int) feedRows);
    assertThat(feedRows).isEqualTo(summary.rows());
    Map<String, Long> statuses =
        truth.stream().collect(Collectors.groupingBy(r -> r.get("status"), Collectors.counting()));
    assertThat(statuses.keySet()).contains("ACTIVE", "CORRECTED", "WITHDRAWN", "MALFORMED");
  }

  @Test
  void peopleAppearAcrossAgencies() throws IOException {
    Map<String, Set<String>> agencies = new HashMap<>();
    for (CSVRecord r : rows(dir.resolve("a/truth/records.csv"))) {
      agencies
          .computeIfAbsent(r.get("person_id"), k -> new java.util.HashSet<>())
          .add(r.get("agency"));
    }
    long inTwo = agencies.values().stream().filter(s -> s.size() >= 2).count();
    long inThree = agencies.values().stream().filter(s -> s.size() == 3).count();
    assertThat(inTwo).isGreaterThan(50);
    assertThat(inThree).isPositive();
  }

  @Test
  void noFeedHasEnoughBrokenRowsToBeRefusedWhole() throws IOException {
    Map<String, long[]> byFeed = new HashMap<>();
    for (CSVRecord r : rows(dir.resolve("a/truth/records.csv"))) {
      long[] c = byFeed.computeIfAbsent(r.get("agency") + r.get("extract_date"), k -> new long[2]);
      c[0]++;
      if (r.get("status").equals("MALFORMED")) {
        c[1]++;
      }
    }
    assertThat(byFeed.values()).allMatch(c -> c[1] <= c[0] * 0.05);
    assertThat(summary.malformedRows()).isPositive();
  }

  @Test
  void identifiersAreInTheirTestRangesAndValid() throws IOException {
    java.util.Set<String> nhsNumbers = new java.util.HashSet<>();
    java.util.Set<String> upns = new java.util.HashSet<>();
    java.util.Set<String> pncIds = new java.util.HashSet<>();
    for (CSVRecord p : rows(dir.resolve("a/truth/people.csv"))) {
      // A person has one of each, and no two people one (rows of one person share theirs).
      assertThat(nhsNumbers.add(p.get("nhs_number"))).as("NHS number shared").isTrue();
      assertThat(p.get("upn").isEmpty() || upns.add(p.get("upn"))).as("UPN shared").isTrue();
      assertThat(p.get("pnc_id").isEmpty() || pncIds.add(p.get("pnc_id")))
          .as("PNC id shared")
          .isTrue();
      String nhs = p.get("nhs_number");
      assertThat(nhs).startsWith("999").hasSize(10);
      int sum = 0;
      for (int i = 0; i < 9; i++) {
        sum += (nhs.charAt(i) - '0') * (10 - i);
      }
      assertThat((11 - sum % 11) % 11).isEqualTo(nhs.charAt(9) - '0');
      String upn = p.get("upn");
      if (!upn.isEmpty()) {
        assertThat(upn.charAt(0)).isEqualTo(Generator.upnCheckLetter(upn.substring(1)));
      }
      assertThat(p.get("home_postcode")).startsWith("X");
    }
  }

  @Test
  void plantedHotspotsAreWrittenWithTheirExcess() throws IOException {
    List<CSVRecord> planted = rows(dir.resolve("a/truth/planted-hotspots.csv"));
    assertThat(planted).hasSize(summary.planted().size()).isNotEmpty();
    assertThat(planted).allMatch(r -> r.get("lsoa").startsWith("E019"));
    assertThat(planted).allMatch(r -> Integer.parseInt(r.get("excess_serious_violence")) >= 20);
  }

  @Test
  void geographyFilesUseTheOnsLayouts() throws IOException {
    assertThat(rows(dir.resolve("a/geography/postcodes.csv")).get(0).getParser().getHeaderNames())
        .containsExactly(
            "pcds",
            "dointr",
            "doterm",
            "oseast1m",
            "osnrth1m",
            "osward",
            "oslaua",
            "lsoa21",
            "pfa",
            "imd");
    List<CSVRecord> population = rows(dir.resolve("a/geography/population.csv"));
    int residents = population.stream().mapToInt(r -> Integer.parseInt(r.get("All ages"))).sum();
    assertThat(residents).isEqualTo(SETTINGS.residents());
    assertThat(rows(dir.resolve("a/geography/areas.csv"))).hasSize(population.size());
  }

  private static List<CSVRecord> rows(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.parse(
                r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return new ArrayList<>(p.getRecords());
    }
  }

  private static String digest(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(f));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
