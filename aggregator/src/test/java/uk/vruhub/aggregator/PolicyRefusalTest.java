package uk.vruhub.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uk.vruhub.testkit.TestSecrets;

/**
 * The aggregator, booted as it is deployed, refuses to start on a policy that breaks the rules: it
 * names the violation, says the refusal could not be audited when Kafka is unreachable, and exits
 * with the configuration-error code.
 */
@ExtendWith(OutputCaptureExtension.class)
public class PolicyRefusalTest {

  /** The shipped policy with the hotspot count published as it is: no small-number suppression. */
  public static Path brokenPolicy(Path dir) throws Exception {
    String shipped = Files.readString(Path.of("../deploy/policy/vru-hub-isa.yaml"));
    String suppressed =
        """
              count:
                source: cell.events
                treatment: {count: {suppress-below: 5, round-to: 5, suppress-zero: true}}
        """;
    assertThat(shipped).as("the shipped policy suppresses the hotspot count").contains(suppressed);
    String kept =
        suppressed.replace(
            "{count: {suppress-below: 5, round-to: 5, suppress-zero: true}}", "keep");
    return Files.writeString(dir.resolve("broken-policy.yaml"), shipped.replace(suppressed, kept));
  }

  /** The arguments a deployment starts the aggregator with, on the given policy and broker. */
  static List<String> arguments(Path policy, String bootstrap, TestSecrets tls, Path dir)
      throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("recipients"));
    Files.writeString(
        secrets.resolve("vru-analyst"), "policy-refusal-test-secret-of-32-bytes-or-more");
    Path kafkaPassword = Files.writeString(dir.resolve("aggregator.password"), "pw");
    return List.of(
        "--server.port=0",
        "--spring.kafka.bootstrap-servers=" + bootstrap,
        "--hub.kafka.security-protocol=SASL_PLAINTEXT",
        "--hub.kafka.password-file=" + kafkaPassword,
        "--hub.aggregator.policy-file=" + policy,
        "--hub.aggregator.refusal-audit-timeout=2s",
        "--hub.aggregator.recipient-secrets-dir=" + secrets,
        "--hub.http.tls.certificate-file=" + tls.serverCertificate(),
        "--hub.http.tls.key-file=" + tls.serverKey(),
        "--hub.aggregator.registry.url=https://127.0.0.1:1",
        "--hub.aggregator.registry.username=aggregator",
        "--hub.aggregator.registry.password-file=" + tls.registryPasswordFile("aggregator"),
        "--hub.aggregator.registry.ca-file=" + tls.caFile());
  }

  @Test
  void aBadPolicyStopsTheStartNamingTheViolationWithTheConfigurationErrorExitCode(
      @TempDir Path dir, CapturedOutput output) throws Exception {
    Path policy = brokenPolicy(dir);
    // Nothing listens on port 1: the refusal cannot be audited, and is a refusal all the same.
    List<String> args = arguments(policy, "127.0.0.1:1", TestSecrets.create(), dir);

    Throwable refused =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(AggregatorApplication.class)
                    .run(args.toArray(String[]::new))
                    .close());

    assertThat(refused).as("the aggregator does not start").isNotNull();
    assertThat(AggregatorApplication.exitCode(refused))
        .as("what main exits with: EX_CONFIG")
        .isEqualTo(78);
    Throwable cause = refused;
    while (!(cause instanceof ExitCodeGenerator)) {
      cause = cause.getCause();
    }
    assertThat(cause.getMessage())
        .contains("The aggregator refuses to start")
        // A count source kept as it is, and the flag derived from it.
        .contains("[L1-COUNT] topic 'hotspots', field 'count'")
        .contains("[DERIVE] topic 'hotspots', field 'suppressed'")
        .contains("Fix the policy file");

    String log = output.getAll();
    assertThat(log)
        .contains("Refusing to start: the policy " + policy + " breaks ")
        .contains("[L1-COUNT] hotspots.count: ")
        .contains("[DERIVE] hotspots.suppressed: ");
    assertThat(log)
        .contains("The policy refusal could not be written to the audit topic")
        .contains("Refusing to start all the same");
  }

  /**
   * As deployed: {@code main} in a JVM of its own, whose exit code is the refusal's. The wait is a
   * cap on a hung start, not a measure of anything.
   */
  @Test
  void theAggregatorsJvmExitsWithTheConfigurationErrorCode(@TempDir Path dir) throws Exception {
    Path policy = brokenPolicy(dir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AggregatorApplication.class.getName());
    command.addAll(arguments(policy, "127.0.0.1:1", TestSecrets.create(), dir));
    Path out = dir.resolve("aggregator.out");
    Process aggregator =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertThat(aggregator.waitFor(3, TimeUnit.MINUTES)).as("the aggregator exits").isTrue();
    } finally {
      aggregator.destroyForcibly();
    }
    String log = Files.readString(out);
    assertThat(aggregator.exitValue()).as(log).isEqualTo(78);
    assertThat(log)
        .contains("Refusing to start: the policy " + policy + " breaks ")
        .contains("[L1-COUNT] hotspots.count: ")
        .contains("[DERIVE] hotspots.suppressed: ");
  }
}
