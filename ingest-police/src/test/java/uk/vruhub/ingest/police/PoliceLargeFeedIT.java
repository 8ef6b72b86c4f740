package uk.vruhub.ingest.police;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import uk.vruhub.ingest.core.it.IngestITSupport;
import uk.vruhub.testkit.HubIntegrationTest;
import uk.vruhub.testkit.LargeFeeds;

/**
 * A feed far larger than anything the service keeps in memory streams through: the IT JVM runs with
 * a small heap (see this module's failsafe settings), shared with the embedded broker and the
 * registry, and the feed is spooled to disk and read row by row.
 */
@HubIntegrationTest
@SpringBootTest(
    classes = IngestPoliceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoliceLargeFeedIT {

  static final int ROWS = 100_000;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    IngestITSupport.properties(registry);
  }

  @LocalServerPort int port;

  @Test
  void aHundredThousandRowFeedStreamsThroughInBoundedMemory(@TempDir Path dir) throws Exception {
    Path feed = LargeFeeds.write(dir.resolve("large.csv"), ROWS, "L");
    long heapLimit = Runtime.getRuntime().maxMemory();

    IngestITSupport.Answer sent = IngestITSupport.sendFile(port, feed, LocalDate.of(2026, 3, 31));
    JsonNode status =
        IngestITSupport.awaitFinished(
            port, sent.json().path("feedId").asString(), Duration.ofMinutes(5));

    assertThat(status.path("state").asString()).isEqualTo("PUBLISHED");
    assertThat(status.path("rowsRead").asLong()).isEqualTo(ROWS);
    assertThat(status.path("recordsPublished").asLong()).isEqualTo(ROWS);
    long peakHeap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    System.out.printf(
        "%d-row feed (%d MB) published with a %d MB heap limit; peak heap %d MB%n",
        ROWS, Files.size(feed) >> 20, heapLimit >> 20, peakHeap >> 20);
    assertThat(heapLimit)
        .as("this IT must run with the small heap of the module's failsafe settings")
        .isLessThanOrEqualTo(300L << 20);
  }
}
