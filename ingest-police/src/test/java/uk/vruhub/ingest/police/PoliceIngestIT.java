package uk.vruhub.ingest.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.ingest.core.it.AbstractIngestIT;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/** The police service against the real broker and registry, over HTTP and its drop folder. */
@SpringBootTest(
    classes = IngestPoliceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoliceIngestIT extends AbstractIngestIT {

  static Path dropFolder;

  @DynamicPropertySource
  static void dropFolder(DynamicPropertyRegistry registry) throws IOException {
    dropFolder = Files.createTempDirectory("police-drop");
    registry.add("hub.ingest.drop-folder.path", dropFolder::toString);
    registry.add("hub.ingest.drop-folder.poll-interval", () -> "200ms");
    registry.add("hub.ingest.drop-folder.settle-time", () -> "300ms");
  }

  @Override
  protected String sample(String suffix) throws Exception {
    return Files.readString(Path.of(PoliceIngestIT.class.getResource("/police-sample.csv").toURI()))
        .replace("/26,", "/26" + suffix + ",");
  }

  @Override
  protected String malformed(String suffix) throws Exception {
    return sample(suffix).replace(",KNIFE,SERIOUS,", ",SWORD,SERIOUS,");
  }

  @Override
  protected String eventsTopicId() {
    return Ids.POLICE_CRIME_EVENTS;
  }

  @Override
  protected String receiptsTopicId() {
    return Ids.POLICE_FEED_RECEIPTS;
  }

  @Override
  protected int sampleRows() {
    return 6;
  }

  @Override
  protected int sampleWithdrawals() {
    return 1;
  }

  @Override
  protected String feedIdOf(SpecificRecord event) {
    return ((PoliceCrimeEvent) event).getFeedId();
  }

  @Test
  void aFileCopiedIntoTheDropFolderIsProcessedAndReported() throws Exception {
    Path inbox = dropFolder.resolve("inbox");
    Files.writeString(inbox.resolve("police-2026-03-30.csv.part"), sample("D"));
    Files.move(inbox.resolve("police-2026-03-30.csv.part"), inbox.resolve("police-2026-03-30.csv"));
    Files.writeString(inbox.resolve("crimes.csv"), sample("E"));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> Files.exists(dropFolder.resolve("processed/police-2026-03-30.csv.report.json")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.exists(dropFolder.resolve("rejected/crimes.csv.report.json")));

    assertThat(Files.readString(dropFolder.resolve("processed/police-2026-03-30.csv.report.json")))
        .contains("\"state\" : \"PUBLISHED\"")
        .contains("\"via\" : \"drop-folder\"");
    assertThat(Files.readString(dropFolder.resolve("rejected/crimes.csv.report.json")))
        .contains("police-<yyyy-MM-dd>.csv");
    assertThat(inbox).isEmptyDirectory();
  }

  @Test
  void aDropFolderFileDatedInTheFutureIsRefusedAndNoExtractIsKept() throws Exception {
    Path inbox = dropFolder.resolve("inbox");
    Files.writeString(inbox.resolve("police-2062-01-01.csv.part"), sample("F"));
    Files.move(inbox.resolve("police-2062-01-01.csv.part"), inbox.resolve("police-2062-01-01.csv"));

    Path report = dropFolder.resolve("rejected/police-2062-01-01.csv.report.json");
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(report));

    assertThat(Files.readString(report))
        .contains("\"reason\" : \"EXTRACT_DATE_IN_FUTURE\"")
        .contains("The extract date 2062-01-01 is in the future");
    assertThat(inbox).isEmptyDirectory();
    try (var kept = Files.list(dropFolder.resolve("rejected"))) {
      assertThat(kept.map(p -> p.getFileName().toString()))
          .as("reports only: the extracts themselves are deleted")
          .allMatch(name -> name.endsWith(".report.json"));
    }
    try (var kept = Files.list(dropFolder.resolve("processed"))) {
      assertThat(kept.map(p -> p.getFileName().toString()))
          .allMatch(name -> name.endsWith(".report.json"));
    }
  }
}
