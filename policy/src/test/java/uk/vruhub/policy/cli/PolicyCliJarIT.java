package uk.vruhub.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.policy.Fixtures;

/**
 * The executable jar as an operator runs it, in a JVM of its own: what reaches the terminal is what
 * the command says and nothing else, no SLF4J complaint about a missing provider and no library
 * chatter. An IT because it needs the packaged jar (failsafe runs after {@code package}; the pom
 * passes the jar's path as {@code policy.cli.jar}); the commands' results themselves are {@link
 * PolicyCliTest}'s business.
 */
class PolicyCliJarIT {

  private record Run(int status, String out, String err) {}

  @TempDir Path dir;

  private Run java(String... args) throws IOException, InterruptedException {
    String jar = System.getProperty("policy.cli.jar");
    assertThat(jar).as("system property policy.cli.jar (set by the pom's failsafe)").isNotBlank();
    assertThat(Path.of(jar)).as("the executable jar; run `./mvnw -pl policy -am verify`").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
    builder.redirectError(err.toFile());
    // The JVM itself announces these options on standard error; they are the machine's, not ours.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    Process process = builder.start();
    // A guard against a hung child, not a measure of speed.
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the command line did not finish");
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The same command in this JVM: what it says to each stream. */
  private static Run inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = PolicyCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void checkPrintsItsOneLineAndNothingOnStandardError() throws Exception {
    Run run = java("check", Fixtures.SHIPPED.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .startsWith("OK: policy demo-vru-isa version 1.0.0 (sha256 ")
        .endsWith(" may be enforced: 3 topics, 3 recipients." + System.lineSeparator())
        .hasLineCount(1);
  }

  @Test
  void aRefusedPolicyPutsOnlyItsViolationsOnStandardError() throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken, Fixtures.shippedText().replace("suppression-floor: 5", "suppression-floor: 10"));

    Run run = java("check", broken.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(inProcess("check", broken.toString()).err());
    assertThat(run.err()).contains("[L1-SUPPRESSION]").doesNotContain("SLF4J");
  }

  @Test
  void theJarSaysExactlyWhatTheCommandSays() throws Exception {
    for (String command : List.of("report", "acls", "topics")) {
      Run run = java(command, Fixtures.SHIPPED.toString());
      assertThat(run.err()).as(command).isEmpty();
      assertThat(run.status()).as(command).isZero();
      assertThat(run.out())
          .as(command)
          .isEqualTo(inProcess(command, Fixtures.SHIPPED.toString()).out());
    }
  }

  @Test
  void applyKeepsKafkasClientQuietAndSaysOnlyWhyItFailed() throws Exception {
    // Nothing listens on port 1; the client gives up after two seconds instead of a minute.
    Path admin = dir.resolve("admin.properties");
    Files.writeString(admin, "default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n");

    Run run =
        java(
            "apply",
            Fixtures.SHIPPED.toString(),
            "--bootstrap-servers",
            "localhost:1",
            "--command-config",
            admin.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("Cannot read the cluster's ACLs: ").hasLineCount(1);
  }

  @Test
  void askingForLogsIsAcceptedBeforeOrAfterTheCommand() throws Exception {
    Run before = java("--log-level", "debug", "check", Fixtures.SHIPPED.toString());
    Run after = java("check", Fixtures.SHIPPED.toString(), "--verbose");

    assertThat(before.status()).isZero();
    assertThat(after.status()).isZero();
    assertThat(before.err()).doesNotContain("SLF4J(W)");
    assertThat(after.err()).doesNotContain("SLF4J(W)");
    assertThat(before.out()).isEqualTo(after.out()).startsWith("OK: policy demo-vru-isa");
  }

  @Test
  void aWrongLogLevelIsAUsageError() throws Exception {
    Run run = java("check", Fixtures.SHIPPED.toString(), "--log-level", "loud");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("Invalid value for option '--log-level'")
        .contains("OFF, ERROR, WARN, INFO, DEBUG, TRACE")
        .doesNotContain("SLF4J");
  }
}
