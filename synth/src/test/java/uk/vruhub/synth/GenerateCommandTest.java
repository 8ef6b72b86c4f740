package uk.vruhub.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

  @Test
  void aValueOutOfRangeIsAUsageErrorInOneLine(@TempDir Path out) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("--out", out.toString(), "--residents", "5000");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("residents must be at least 10,000, was 5000")
        .contains("Usage: generate")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnknownMessIsAUsageError(@TempDir Path out) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("--out", out.toString(), "--mess", "awful");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("mess must be hard, default or none, was awful")
        .doesNotContain("Exception");
  }
}
