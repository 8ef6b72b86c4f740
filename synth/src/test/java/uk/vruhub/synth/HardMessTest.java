package uk.vruhub.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardMessTest {

  private static final SynthSettings HARD =
      SynthSettings.demo(11, LocalDate.of(2026, 1, 5)).withMess(SynthSettings.Mess.hard());

  @TempDir static Path dir;
  static List<CSVRecord> records;
  static Map<String, CSVRecord> people;
  static List<CSVRecord> lookalikes;

  @BeforeAll
  static void generate() throws IOException {
    Generator.generate(HARD, dir, m -> {});
    records = rows(dir.resolve("truth/records.csv"));
    people =
        rows(dir.resolve("truth/people.csv")).stream()
            .collect(Collectors.toMap(r -> r.get("person_id"), Function.identity()));
    lookalikes = rows(dir.resolve("truth/lookalikes.csv"));
  }

  @Test
  void everyKindOfMessIsInTheTruth() {
    Set<String> kinds =
        records.stream()
            .flatMap(r -> Arrays.stream(r.get("mess").split(";")))
            .filter(k -> !k.isEmpty())
            .collect(Collectors.toSet());
    assertThat(kinds)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(MessKind.values()).map(Enum::name).toList());
  }

  @Test
  void peopleHaveTheDocumentedShares() {
    int n = people.size();
    assertThat(n).isGreaterThan(3000);
    double middle = people.values().stream().filter(p -> !p.get("middle_names").isEmpty()).count();
    double barrelled = people.values().stream().filter(p -> p.get("surname").contains("-")).count();
    double polish =
        people.values().stream()
            .filter(p -> Arrays.asList(Names.FOREIGN_SURNAMES).contains(p.get("surname")))
            .count();
    assertThat(middle / n).isCloseTo(0.40, within(0.04));
    // 6 % given one, and Smith-Jones of the common surnames.
    assertThat(barrelled / n).isCloseTo(0.07, within(0.025));
    assertThat(polish / n).isCloseTo(0.03, within(0.015));
    assertThat(people.values()).allMatch(p -> !p.get("age_band").isEmpty());
  }

  @Test
  void recordLevelMessHasTheDocumentedRates() {
    int n = records.size();
    assertThat(share("SURNAME_TYPO")).isCloseTo(0.06, within(0.02));
    assertThat(share("MOVED")).isCloseTo(0.06 * 0.85, within(0.02));
    assertThat(share("MISSING_POSTCODE")).isCloseTo(0.10, within(0.02));
    assertThat(share("OLD_POSTCODE")).isCloseTo(0.05, within(0.015));
    // 3 % of rows whose day is 12 or less and not the month (about 37 % of them).
    assertThat(share("DOB_SWAP")).isCloseTo(0.03 * 0.37, within(0.006));
    assertThat(share("DOB_TRANSPOSITION")).isCloseTo(0.02, within(0.01));
    // 25 %, 15 % and 5 % of the rows of the 40 % with middle names.
    assertThat(share("MIDDLE_NAMES")).isCloseTo(0.25 * 0.4, within(0.03));
    assertThat(share("MIDDLE_INITIAL")).isCloseTo(0.15 * 0.4, within(0.025));
    assertThat(share("MIDDLE_AS_FORENAME")).isCloseTo(0.05 * 0.4, within(0.012));
    long policeAndHealth =
        records.stream().filter(r -> !r.get("agency").equals("EDUCATION")).count();
    assertThat((double) count("MISSING_SEX") / policeAndHealth).isCloseTo(0.02, within(0.01));
    long police = records.stream().filter(r -> r.get("agency").equals("POLICE")).count();
    assertThat((double) count("DUPLICATE_NOMINAL") / police).isCloseTo(0.03, within(0.01));
    assertThat(n).isGreaterThan(4000);
  }

  @Test
  void aDuplicateNominalIsNobodyElsesAndItsCorrectionsKeepIt() {
    Map<String, Set<String>> peopleByNominal = new HashMap<>();
    Map<String, Set<String>> nominalsByCrimeAndPerson = new HashMap<>();
    for (CSVRecord r : records) {
      if (!r.get("agency").equals("POLICE")) {
        continue;
      }
      String reference = r.get("reference");
      String crime = reference.substring(0, reference.indexOf('|'));
      String nominal = reference.substring(reference.indexOf('|') + 1);
      peopleByNominal
          .computeIfAbsent(nominal, k -> new java.util.HashSet<>())
          .add(r.get("person_id"));
      nominalsByCrimeAndPerson
          .computeIfAbsent(crime + " " + r.get("person_id"), k -> new java.util.HashSet<>())
          .add(nominal);
      boolean duplicate = Arrays.asList(r.get("mess").split(";")).contains("DUPLICATE_NOMINAL");
      assertThat(nominal.compareTo("N9000000") >= 0).as(nominal).isEqualTo(duplicate);
    }
    assertThat(peopleByNominal.values()).allSatisfy(p -> assertThat(p).hasSize(1));
    assertThat(nominalsByCrimeAndPerson.values())
        .as("a row's corrections and withdrawal carry the nominal it was sent with")
        .allSatisfy(n -> assertThat(n).hasSize(1));
  }

  @Test
  void aPersonsRowsDifferIndependently() {
    Map<String, Set<String>> messByPerson = new HashMap<>();
    for (CSVRecord r : records) {
      messByPerson
          .computeIfAbsent(r.get("person_id"), k -> new java.util.HashSet<>())
          .add(r.get("mess"));
    }
    assertThat(messByPerson.values().stream().filter(s -> s.size() > 1).count()).isGreaterThan(300);
  }

  @Test
  void lookalikesAreAlikeAndAllHaveRows() {
    Set<String> withRows =
        records.stream().map(r -> r.get("person_id")).collect(Collectors.toSet());
    Map<String, Long> kinds =
        lookalikes.stream()
            .collect(Collectors.groupingBy(l -> l.get("kind"), Collectors.counting()));
    assertThat(kinds.get("TWIN") + kinds.get("NAMESAKE")).isGreaterThanOrEqualTo(100);
    assertThat(kinds.get("NAMESAKE")).isGreaterThan(20);
    boolean mixedSexTwins = false;
    for (CSVRecord l : lookalikes) {
      CSVRecord a = people.get(l.get("person_a"));
      CSVRecord b = people.get(l.get("person_b"));
      assertThat(withRows).contains(a.get("person_id"), b.get("person_id"));
      assertThat(b.get("surname")).isEqualTo(a.get("surname"));
      assertThat(b.get("date_of_birth")).isEqualTo(a.get("date_of_birth"));
      assertThat(b.get("nhs_number")).isNotEqualTo(a.get("nhs_number"));
      if (l.get("kind").equals("TWIN")) {
        assertThat(b.get("forename")).isNotEqualTo(a.get("forename"));
        assertThat(b.get("forename").charAt(0))
            .as("twins' forenames are not two forms of one name")
            .isNotEqualTo(a.get("forename").charAt(0));
        assertThat(List.of(b.get("middle_names").split(" "))).doesNotContain(a.get("forename"));
        assertThat(List.of(a.get("middle_names").split(" "))).doesNotContain(b.get("forename"));
        assertThat(b.get("home_postcode")).isEqualTo(a.get("home_postcode"));
        mixedSexTwins |= !a.get("sex").equals(b.get("sex"));
      } else {
        assertThat(b.get("forename")).isEqualTo(a.get("forename"));
        assertThat(b.get("sex")).isEqualTo(a.get("sex"));
        assertThat(b.get("home_lsoa")).isNotEqualTo(a.get("home_lsoa"));
        if (!a.get("middle_names").isEmpty() && !b.get("middle_names").isEmpty()) {
          assertThat(b.get("middle_names")).isNotEqualTo(a.get("middle_names"));
        }
      }
    }
    assertThat(mixedSexTwins).isTrue();
  }

  @Test
  void nonAsciiNamesAreWrittenBothWays() throws IOException {
    String feeds = allFeeds();
    assertThat(feeds).contains("ł").contains("ø");
    long folded = count("ASCII_FOLDED");
    assertThat(folded).isPositive();
    assertThat(Names.ascii("Łukasz Przybył")).isEqualTo("Lukasz Przybyl");
    assertThat(Names.ascii("Søren Ødegaard")).isEqualTo("Soren Odegaard");
    assertThat(Names.ascii("Đorđe Ziółkowski")).isEqualTo("Dorde Ziolkowski");
  }

  @Test
  void defaultMessIsUnchanged() {
    assertThat(SynthSettings.Mess.defaults())
        .isEqualTo(
            new SynthSettings.Mess(
                0.04, 0.08, 0.01, 0.08, 0.05, 0.05, 0.85, 0.10, 0.03, 0.01, 0.005));
    assertThat(SynthSettings.Mess.defaults().dobTransposition()).isZero();
    assertThat(SynthSettings.Mess.defaults().twins()).isZero();
    assertThat(SynthSettings.Mess.defaults().toString())
        .isEqualTo(
            "Mess[typo=0.04, nickname=0.08, dobSwap=0.01, missingPostcode=0.08, oldPostcode=0.05,"
                + " missingNhsNumber=0.05, missingIncidentLocation=0.85, late=0.1, correction=0.03,"
                + " withdrawal=0.01, malformed=0.005]");
    assertThat(SynthSettings.Mess.named("hard")).isEqualTo(SynthSettings.Mess.hard());
    assertThat(SynthSettings.Mess.named("none")).isEqualTo(SynthSettings.Mess.none());
  }

  @Test
  void theDefaultRunsFirstRowsAreAsTheyWere(@TempDir Path out) throws IOException {
    // The demo's bytes before the hard mess existed (seed 7, from 5 January 2026).
    Generator.generate(SynthSettings.demo(7, LocalDate.of(2026, 1, 5)), out, m -> {});
    List<String> lines =
        Files.readAllLines(
            out.resolve("feeds/police/police-2026-01-05.csv"), StandardCharsets.UTF_8);
    assertThat(lines.get(1)).isEqualTo(DEFAULT_FIRST_POLICE_ROW);
    assertThat(Files.readAllLines(out.resolve("truth/people.csv")).get(1))
        .isEqualTo(
            "P0000001,F,Olivia,Johnson,1980-08-03,9990429944,,,XG8 7TE,XG8 7YB,E01900133,,35+");
  }

  private static final String DEFAULT_FIRST_POLICE_ROW =
      "99/000001/26,N1000001,VICTIM,8N,1c,05/01/2026 00:31,,05/01/2026 04:47,XB11"
          + " 5YN,,,,DWELLING,N,NONE,MINOR,Johnson,Olivia,03/08/1980,F,XG8 7TE,,,ACTIVE";

  private static double share(String kind) {
    return (double) count(kind) / records.size();
  }

  private static long count(String kind) {
    return records.stream()
        .filter(r -> Arrays.asList(r.get("mess").split(";")).contains(kind))
        .count();
  }

  private static String allFeeds() throws IOException {
    StringBuilder b = new StringBuilder();
    try (var files = Files.walk(dir.resolve("feeds"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        b.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return b.toString();
  }

  private static List<CSVRecord> rows(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.parse(
                r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return new ArrayList<>(p.getRecords());
    }
  }
}
