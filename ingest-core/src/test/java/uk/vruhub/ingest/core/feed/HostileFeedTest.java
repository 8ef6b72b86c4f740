package uk.vruhub.ingest.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.it.FeedHarness;
import uk.vruhub.ingest.core.it.HostileFeeds;
import uk.vruhub.ingest.core.it.MemoryTransactions;
import uk.vruhub.ingest.core.it.TestFeed;

/**
 * The rule that nothing of a feed's content is repeated by the service, as a test: canary values
 * planted in every position a hostile or broken feed can put them (a header that is really a data
 * row, unknown and doubled columns, every column of a data row, a row shifted by a comma, broken
 * quoting, bad bytes, an over-long field) are searched for in the log, the status as the API shows
 * it, and everything committed (the receipt included).
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileFeedTest {

  private static final FeedContract CONTRACT = new TestFeed().contract();
  private static final Map<String, String> CANARIES = HostileFeeds.canaries(CONTRACT);
  private static final String CONTRACT_HEADER = String.join(",", CONTRACT.columns().keySet());
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path spool;

  static Stream<Arguments> feeds() {
    String line = HostileFeeds.line(CANARIES);
    String surname = CANARIES.get("surname");
    String nhs = CANARIES.get("nhs_number");
    String dob = CANARIES.get("date_of_birth");
    return Stream.of(
        Arguments.of("a header that is really a data row", line + "\n" + line + "\n", "REJECTED"),
        Arguments.of(
            "every column of a data row", CONTRACT_HEADER + "\n" + line + "\n", "REJECTED"),
        Arguments.of(
            "columns not in the contract, named by values",
            "reference,sex," + line + "\nR1,M," + line + "\n",
            "PUBLISHED"),
        Arguments.of(
            "a column not in the contract named twice",
            "reference," + surname + ",sex," + surname + "\nR1,x,M,y\n",
            "REJECTED"),
        Arguments.of(
            "a row shifted by a missing comma",
            "reference,sex,surname,date_of_birth\nR1," + surname + "," + dob + "\n",
            "REJECTED"),
        Arguments.of(
            "a broken quote",
            "reference,sex,surname\nR1,M,\"" + surname + "\"" + nhs + "\n",
            "REJECTED"),
        Arguments.of(
            "a quote never closed",
            "reference,sex,surname\nR1,M,\"" + surname + "\nR2,F," + nhs + "\n",
            "REJECTED"),
        Arguments.of(
            "an over-long field",
            "reference,sex,surname\nR1,M," + (surname + " ").repeat(5000) + "\n",
            "REJECTED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("feeds")
  void nothingOfTheFeedIsRepeatedAnywhere(
      String what, String csv, String outcome, CapturedOutput output) throws Exception {
    assertNothingRepeated(run(csv.getBytes(StandardCharsets.UTF_8)), outcome, output.getAll());
  }

  @Test
  void nothingIsRepeatedWhenTheBytesAreNotUtf8(CapturedOutput output) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("reference,sex,surname\nR1,M,Smith\nR2,M,".getBytes(StandardCharsets.UTF_8));
    bytes.write((CANARIES.get("surname") + "\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));

    Run run = run(bytes.toByteArray());

    assertThat(run.status().message()).contains("not UTF-8");
    assertNothingRepeated(run, "REJECTED", output.getAll());
  }

  private record Run(FeedStatus.Snapshot status, MemoryTransactions transactions) {}

  private Run run(byte[] csv) throws Exception {
    MemoryTransactions transactions = new MemoryTransactions();
    try (FeedService service =
        FeedHarness.service(
            new TestFeed(),
            transactions,
            spool,
            FeedService.IntakeLimits.defaults(10_000_000),
            0.05,
            FeedHarness.CLOCK)) {
      FeedStatus.Snapshot received =
          service.submit(new ByteArrayInputStream(csv), LocalDate.of(2026, 3, 31), "test");
      assertThat(service.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
      return new Run(service.status(received.feedId()).orElseThrow(), transactions);
    }
  }

  private static void assertNothingRepeated(Run run, String outcome, String log) {
    String status = JSON.writeValueAsString(run.status());
    String committed =
        run.transactions().committed.stream()
            .map(s -> s.key() + " " + s.value())
            .collect(Collectors.joining("\n"));
    assertThat(run.status().state().name()).as(status).isEqualTo(outcome);
    assertThat(run.transactions().committed)
        .as("a receipt is committed")
        .anyMatch(s -> s.topic().equals("police.feed-receipts.v1"));
    assertThat(HostileFeeds.foundIn(status, CANARIES)).as("in the status: %s", status).isEmpty();
    assertThat(HostileFeeds.foundIn(committed, CANARIES))
        .as("in what was committed: %s", committed)
        .isEmpty();
    assertThat(HostileFeeds.foundIn(log, CANARIES)).as("in the log").isEmpty();
    assertThat(log).contains(run.status().feedId());
  }

  /** The messages these feeds get say where, never what. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("feeds")
  void eachRefusalSaysWhere(String what, String csv, String outcome, CapturedOutput output)
      throws Exception {
    FeedStatus.Snapshot status = run(csv.getBytes(StandardCharsets.UTF_8)).status();
    String expected =
        switch (what) {
          case "a header that is really a data row" ->
              "The header lacks required columns reference, sex of contract test-v1.";
          case "a column not in the contract named twice" ->
              "Columns 2 and 4 of the header have the same name; each column may be named once.";
          case "a broken quote", "a quote never closed" ->
              "The feed is not well-formed CSV near row 2";
          case "an over-long field" ->
              "Field 3 of row 2 is longer than 65536 bytes, the most this service reads in one"
                  + " field";
          case "columns not in the contract, named by values" -> null;
          default -> "1 of 1 rows (100.0%) were rejected";
        };
    if (expected == null) {
      assertThat(output.getAll())
          .contains(
              "header column(s) [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] are not in"
                  + " contract test-v1 and are ignored");
    } else {
      assertThat(status.message()).startsWith(expected);
    }
    assertThat(status.rejects())
        .as("rejects name the contract's columns only")
        .allMatch(r -> r.column() == null || CONTRACT.column(r.column()) != null);
  }
}
