package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import uk.vruhub.local.quality.QualityReport;

/**
 * The quality command on the demo's synthetic feeds (default mess), with the floors the README
 * explains. Measured at seed 20261123: linkage F1 0.966 (baseline 0.959), precision 1.000, all four
 * planted hotspots in their month's top 10, no identifier in any topic or log.
 */
class QualityIT {

  @Test
  void linkageHotspotsAndDisclosureHoldTheirFloors() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    QualityCommand command =
        new QualityCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          throw e;
        });
    int status =
        cli.execute(
            "--kafka-port", Integer.toString(DemoIT.freePort()),
            "--controller-port", Integer.toString(DemoIT.freePort()),
            "--registry-port", Integer.toString(DemoIT.freePort()),
            "--http-port", Integer.toString(DemoIT.freeRun(4)),
            "--policy", "../policy/vru-hub-isa.yaml");
    System.out.println(
        printed.toString(StandardCharsets.UTF_8).replaceAll("(?s).*(Quality against)", "$1"));
    assertThat(status).isZero();
    QualityReport r = command.report();

    assertThat(r.records()).isGreaterThan(4000);
    assertThat(r.linkage().precision()).as("linkage precision").isGreaterThanOrEqualTo(0.99);
    assertThat(r.linkage().f1()).as("linkage F1").isGreaterThanOrEqualTo(0.95);
    assertThat(r.linkage().f1())
        .as("the hub links at least as well as exact single-key matching")
        .isGreaterThanOrEqualTo(r.baseline().f1());
    assertThat(r.hotspotRecall()).as("planted hotspot recall").isGreaterThanOrEqualTo(0.75);
    assertThat(r.topicsScanned()).contains("hub.hotspots.v1", "police.crime-events.v1");
    assertThat(r.bytesScanned()).isGreaterThan(1_000_000);
    assertThat(r.disclosures()).as("identifiers in topic bytes").isZero();
    assertThat(r.logDisclosures()).as("identifiers in the services' log").isZero();
    assertThat(r.unsuppressedSmallCells()).as("level 1 cells below the threshold").isZero();
  }
}
