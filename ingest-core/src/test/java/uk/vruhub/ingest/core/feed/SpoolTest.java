package uk.vruhub.ingest.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spool folder shared by services in two processes: the feed files of one that is running are
 * left alone, and once it has died (killed, as in a crash) the next service to start deletes them.
 * The other service is a second JVM, since file locks are per process.
 */
public class SpoolTest {

  /** Uses a spool as a running service does, until its standard input closes. */
  public static void main(String[] args) throws Exception {
    Spool spool = Spool.open(Path.of(args[0]));
    System.out.println("holding");
    System.out.flush();
    System.in.read();
    spool.close();
  }

  @Test
  void feedsOfAServiceInAnotherProcessAreKeptUntilItHasDied(@TempDir Path dir) throws Exception {
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SpoolTest.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); !"holding".equals(line); line = out.readLine()) {
        assertThat(line).as("the other process stopped before holding the spool").isNotNull();
      }
      Path queued = dir.resolve("feed-42.csv");
      Files.writeString(queued, "reference,sex\nR1,M\n");

      Spool.open(dir).close();
      assertThat(queued).as("the other service is still running").exists();

      other.destroyForcibly();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Spool.open(dir).close();
      assertThat(queued).as("its service died with it").doesNotExist();
    } finally {
      other.destroyForcibly();
    }
  }
}
