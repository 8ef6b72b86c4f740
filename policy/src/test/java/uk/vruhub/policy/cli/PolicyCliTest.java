package uk.vruhub.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.policy.Fixtures;

class PolicyCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PolicyCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void checkPassesTheShippedPolicy() {
    assertThat(run("check", Fixtures.SHIPPED.toString(), "--areas", Fixtures.AREAS.toString()))
        .isZero();
    assertThat(out.toString())
        .contains("OK: policy demo-vru-isa version 1.0.0")
        .contains("may be enforced: 3 topics, 3 recipients")
        .contains("Area lookup");
  }

  @Test
  void checkExitsNonZeroNamingEveryViolation(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(
        broken, Fixtures.shippedText().replace("suppression-floor: 5", "suppression-floor: 10"));

    assertThat(run("check", broken.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("cannot be enforced (3 problems)")
        .contains("[L1-SUPPRESSION] topic 'hotspots', field 'count'");
  }

  @Test
  void reportWritesMarkdownAndHtml(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("report.html");
    assertThat(run("report", Fixtures.SHIPPED.toString())).isZero();
    assertThat(out.toString())
        .contains("## Topic hotspots (hub.hotspots.v1), level 1")
        .contains(
            "| count | descriptive | cell.events | count, 0-4 hidden, rounded to nearest 5 |");
    assertThat(
            run(
                "report",
                Fixtures.SHIPPED.toString(),
                "--format",
                "html",
                "--out",
                html.toString()))
        .isZero();
    assertThat(Files.readString(html))
        .startsWith("<!DOCTYPE html>")
        .contains("<td>generalise area to WARD</td>")
        .doesNotContain("<script")
        .doesNotContain("http");
  }

  @Test
  void diffMarksWidenings(@TempDir Path dir) throws Exception {
    Path wider = dir.resolve("wider.yaml");
    Files.writeString(
        wider, Fixtures.shippedText().replace("  hotspots: 1825d", "  hotspots: 3650d"));
    assertThat(run("diff", Fixtures.SHIPPED.toString(), wider.toString())).isZero();
    assertThat(out.toString())
        .contains("WIDENS  retention hotspots: 1825 -> 3650 days")
        .contains("1 change widens disclosure and needs sign-off");
  }

  @Test
  void diffFailsOnWideningOnlyWhenAskedAndOnlyForWidenings(@TempDir Path dir) throws Exception {
    Path wider = dir.resolve("wider.yaml");
    Files.writeString(
        wider,
        Fixtures.shippedText()
            .replace("principal: User:csp-partners", "principal: User:csp-analysts"));
    Path narrower = dir.resolve("narrower.yaml");
    Files.writeString(
        narrower, Fixtures.shippedText().replace("  hotspots: 1825d", "  hotspots: 730d"));

    assertThat(run("diff", Fixtures.SHIPPED.toString(), wider.toString(), "--fail-on-widening"))
        .isEqualTo(3);
    assertThat(out.toString())
        .contains(
            "WIDENS  recipient csp-partners: principal User:csp-partners -> User:csp-analysts")
        .contains("(review required)")
        .contains("1 change widens disclosure and needs sign-off");
    assertThat(err.toString()).contains("Refused (--fail-on-widening): 1 change widens");

    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertThat(run("diff", Fixtures.SHIPPED.toString(), narrower.toString(), "--fail-on-widening"))
        .isZero();
    assertThat(out.toString()).contains("NARROWS  retention hotspots: 1825 -> 730 days");
    assertThat(err.toString()).isEmpty();
    assertThat(
            run(
                "diff",
                Fixtures.SHIPPED.toString(),
                Fixtures.SHIPPED.toString(),
                "--fail-on-widening"))
        .isZero();
    assertThat(out.toString()).contains("No changes.");
  }

  @Test
  void diffSaysNeutralChangesAreDescriptiveOnly(@TempDir Path dir) throws Exception {
    Path reworded = dir.resolve("reworded.yaml");
    Files.writeString(
        reworded,
        Fixtures.shippedText().replace("board dashboards.", "board dashboards and papers."));

    assertThat(run("diff", Fixtures.SHIPPED.toString(), reworded.toString(), "--fail-on-widening"))
        .isZero();
    assertThat(out.toString())
        .contains(
            "NEUTRAL  recipient strategic-board: description 'The partnership's strategic board"
                + " dashboards.' -> 'The partnership's strategic board dashboards and papers.'")
        .contains("1 change is NEUTRAL: descriptive text only")
        .doesNotContain("widens");
  }

  @Test
  void aclsAndTopicsComeFromThePolicy() {
    assertThat(run("acls", Fixtures.SHIPPED.toString(), "--format", "plain")).isZero();
    assertThat(out.toString())
        .contains("User:vru-analyst Read,Describe topic:hub.cohort-profiles.v1")
        .contains("User:aggregator Read,Describe topic:police.crime-events.v1")
        .doesNotContain("User:csp-partners Read,Describe topic:hub.cohort-profiles.v1");
    assertThat(run("acls", Fixtures.SHIPPED.toString())).isZero();
    assertThat(out.toString()).contains("kind: KafkaUser").contains("name: vru-analyst");
    assertThat(run("topics", Fixtures.SHIPPED.toString())).isZero();
    assertThat(out.toString())
        .contains("kind: KafkaTopic")
        .contains("topicName: hub.cohort-profiles.v1")
        .contains("retention.ms: \"34128000000\"")
        .contains("cleanup.policy: \"compact,delete\"");
  }

  @Test
  void theLogLevelReachesTheLoggingProviderBeforeTheCommandRuns() {
    String defaultLevel = "org.slf4j.simpleLogger.defaultLogLevel";
    String ours = "org.slf4j.simpleLogger.log.uk.vruhub";
    String defaultBefore = System.getProperty(defaultLevel);
    String oursBefore = System.getProperty(ours);
    try {
      assertThat(run("check", Fixtures.SHIPPED.toString(), "--log-level", "Debug")).isZero();
      assertThat(System.getProperty(defaultLevel)).isEqualTo("debug");
      assertThat(System.getProperty(ours)).isEqualTo("debug");
      assertThat(run("--verbose", "check", Fixtures.SHIPPED.toString())).isZero();
      assertThat(System.getProperty(defaultLevel)).isEqualTo("info");
    } finally {
      restore(defaultLevel, defaultBefore);
      restore(ours, oursBefore);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void everySubcommandAnswersHelp() {
    for (String command : new String[] {"check", "report", "diff", "acls", "topics", "apply"}) {
      out.getBuffer().setLength(0);
      assertThat(run(command, "--help")).as(command + " --help").isZero();
      assertThat(out.toString()).startsWith("Usage: policy " + command);
    }
  }

  @Test
  void applyNeedsTheClusterAndASaneReplicationFactor() {
    assertThat(run("apply", Fixtures.SHIPPED.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap-servers");
    assertThat(
            run(
                "apply",
                Fixtures.SHIPPED.toString(),
                "--bootstrap-servers",
                "localhost:1",
                "--replication-factor",
                "0"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--replication-factor must be at least 1");
  }

  @Test
  void applyNamesAnUnreadableCommandConfigButNotItsContent(@TempDir Path dir) {
    assertThat(
            run(
                "apply",
                Fixtures.SHIPPED.toString(),
                "--bootstrap-servers",
                "localhost:1",
                "--command-config",
                dir.resolve("missing.properties").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Cannot read --command-config").contains("missing");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    assertThat(run("report", Fixtures.SHIPPED.toString(), "--format", "pdf")).isEqualTo(2);
  }
}
