package uk.vruhub.ingest.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uk.vruhub.ingest.core.feed.FeedService;
import uk.vruhub.ingest.core.it.FeedHarness;
import uk.vruhub.ingest.core.it.MemoryTransactions;
import uk.vruhub.ingest.core.it.TestFeed;

/**
 * The drop folder keeps reports, not extracts: a processed file is deleted (unless configured to be
 * kept), a file dated in the future is refused like an HTTP feed, and one the service has no room
 * for yet stays in the inbox. Today is 1 April 2026 for these tests.
 */
@ExtendWith(OutputCaptureExtension.class)
class DropFolderTest {

  private static final String FEED = "reference,sex,surname\nR1,M,Okonkwo\n";

  @TempDir Path spool;
  @TempDir Path root;
  private final MemoryTransactions transactions = new MemoryTransactions();

  private FeedService feeds;
  private DropFolder folder;

  /** Starts watching the folder, taking each file at first sight. */
  private void watch(FeedService.IntakeLimits limits, boolean keepExtracts) throws Exception {
    feeds =
        FeedHarness.service(new TestFeed(), transactions, spool, limits, 0.05, FeedHarness.CLOCK);
    folder =
        new DropFolder(
            "police",
            feeds,
            root,
            Duration.ofMillis(50),
            Duration.ZERO,
            keepExtracts,
            FeedHarness.CLOCK);
  }

  private void watch(boolean keepExtracts) throws Exception {
    watch(FeedService.IntakeLimits.defaults(1_000_000), keepExtracts);
  }

  @AfterEach
  void stop() {
    folder.close();
    feeds.close();
  }

  private Path drop(String name, String csv) throws Exception {
    Path part = root.resolve("inbox").resolve(name + ".part");
    Files.createDirectories(part.getParent());
    Files.writeString(part, csv);
    return Files.move(part, root.resolve("inbox").resolve(name));
  }

  private static String awaitReport(Path report) throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));
    return Files.readString(report);
  }

  @Test
  void aProcessedExtractIsDeletedAndItsReportKept() throws Exception {
    watch(false);
    Path file = drop("police-2026-03-31.csv", FEED);

    assertThat(awaitReport(root.resolve("processed/police-2026-03-31.csv.report.json")))
        .contains("\"state\" : \"PUBLISHED\"");
    assertThat(file).doesNotExist();
    assertThat(root.resolve("processed/police-2026-03-31.csv")).doesNotExist();
    assertThat(root.resolve("inbox")).isEmptyDirectory();
  }

  @Test
  void aRejectedExtractIsDeletedToo() throws Exception {
    watch(false);
    drop("police-2026-03-31-b.csv", "surname,sex\nOkonkwo,M\n");

    assertThat(awaitReport(root.resolve("rejected/police-2026-03-31-b.csv.report.json")))
        .contains("\"state\" : \"REJECTED\"")
        .contains("The header lacks required column reference")
        .doesNotContain("Okonkwo");
    assertThat(root.resolve("rejected/police-2026-03-31-b.csv")).doesNotExist();
    assertThat(root.resolve("inbox")).isEmptyDirectory();
  }

  @Test
  void extractsAreKeptBesideTheirReportsWhenConfiguredTo() throws Exception {
    watch(true);
    drop("police-2026-03-31.csv", FEED);

    awaitReport(root.resolve("processed/police-2026-03-31.csv.report.json"));
    assertThat(Files.readString(root.resolve("processed/police-2026-03-31.csv"))).isEqualTo(FEED);
  }

  @Test
  void aFileDatedInTheFutureIsRefusedAsOverHttp() throws Exception {
    watch(false);
    drop("police-2062-01-01.csv", FEED);

    assertThat(awaitReport(root.resolve("rejected/police-2062-01-01.csv.report.json")))
        .contains("\"state\" : \"REJECTED\"")
        .contains("\"reason\" : \"EXTRACT_DATE_IN_FUTURE\"")
        .contains("The extract date 2062-01-01 is in the future");
    assertThat(root.resolve("inbox")).isEmptyDirectory();
    assertThat(transactions.committed).isEmpty();
  }

  @Test
  void aFileTheServiceHasNoRoomForYetStaysInTheInbox(CapturedOutput output) throws Exception {
    FeedService.IntakeLimits noRoom =
        new FeedService.IntakeLimits(1_000_000, 1_000_000, Long.MAX_VALUE, Period.ofYears(10));
    watch(noRoom, false);
    Path file = drop("police-2026-03-31.csv", FEED);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> output.getAll().contains("police-2026-03-31.csv left in the inbox for now"));
    assertThat(file).exists();
    assertThat(root.resolve("rejected")).isEmptyDirectory();
    assertThat(root.resolve("processed")).isEmptyDirectory();
  }
}
