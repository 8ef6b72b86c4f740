package uk.vruhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import uk.vruhub.bench.harness.BenchCommand;

/**
 * Every stage of the end-to-end harness at a tiny size against a real broker, so none can rot. It
 * asserts that each stage produced its figures, never how fast.
 */
class HarnessSmokeIT {

  @Test
  void everyStageProducesItsFigures(@TempDir Path out) throws Exception {
    int status =
        new CommandLine(new BenchCommand())
            .execute(
                "--rows", "3000",
                "--feeds", "2",
                "--feed-rows", "300",
                "--scales", "1,2",
                "--year-residents", "20000",
                "--year-warmup-residents", "10000",
                "--out", out.toString());
    assertThat(status).isZero();
    String json = Files.readString(out.resolve("results.json"));
    for (String stage : new String[] {"ingest", "aggregator", "freshness", "year", "services"}) {
      assertThat(out.resolve(stage + ".json")).as("each stage's own summary").exists();
    }
    assertThat(json)
        .contains("\"stage\" : \"ingest\"")
        .contains("\"stage\" : \"aggregator\"")
        .contains("\"stage\" : \"freshness\"")
        .contains("\"stage\" : \"vru-year\"")
        .contains("\"stage\" : \"growth\"")
        .contains("\"stage\" : \"services\"")
        .contains("\"baseline\" : ");
  }
}
