package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import uk.vruhub.local.quality.DisclosureAttack;
import uk.vruhub.local.quality.QualityReport;

/**
 * The quality command on the demo's synthetic feeds (default mess), with the floors the README
 * explains. Measured at seed 20261123, the months before 2026-12-01 (the command's fixed data):
 * linkage F1 0.999 (baseline 0.956), precision 0.999, all four planted hotspots in their month's
 * top 10, no identifier in any topic or log; and the linear-programming attacker recovers no hidden
 * level-1 count from every revision published.
 */
class QualityIT {

  @Test
  void linkageHotspotsAndDisclosureHoldTheirFloors() throws Exception {
    // The whole attack: definitions solved with the ones they hold, longer periods with those
    // inside them (none since the shipped policy publishes months alone; about 5 s on the demo).
    QualityReport r = quality("--attack");

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

    // The attacker: every revision ever published on the level-1 topics (the demo's feeds carry
    // corrections, withdrawals and late records), solved by linear programming.
    DisclosureAttack.Report attack = r.attack();
    // About 6,400 records of 5,400 cells: months only (18,500 when weeks were published too).
    assertThat(attack.hotspots().revisions()).as("hotspot revisions read").isGreaterThan(5_000);
    assertThat(attack.hotspots().hiddenNow()).as("hidden hotspot cells").isPositive();
    assertThat(attack.hotspots().hiddenAttacked()).isGreaterThan(attack.hotspots().hiddenNow());
    assertThat(attack.cohortSummary().hiddenNow()).as("hidden cohort-summary cells").isPositive();
    assertThat(attack.hotspots().recoverable()).as("hotspot counts recovered").isZero();
    assertThat(attack.cohortSummary().recoverable()).as("cohort counts recovered").isZero();
    assertThat(attack.hotspots().exact()).as("hidden hotspot counts found exactly").isEmpty();
    DisclosureAttack.InformationLoss loss = attack.loss();
    assertThat(loss.beyondRounding()).as("shown counts that are not the counted ones").isZero();
    assertThat(loss.shownCells()).isPositive();
    assertThat(loss.publishedShare("COMBINED"))
        .as("the complementary rules hide more than primary suppression alone, never less")
        .isGreaterThanOrEqualTo(loss.primaryOnlyShare("COMBINED"))
        .isLessThan(1.0);
  }

  /**
   * Linkage at hard mess ({@code quality --mess hard}: swapped and transposed dates of birth,
   * typos, double-barrelled and Polish or Nordic names, middle names, unlisted nicknames, moves,
   * unknown sex, twins and namesakes), with the floors set from what the fuzzy linkage measures
   * (deploy/local/README.md): the exact-key baseline beside it misses most of this mess.
   */
  @Test
  void linkageAtHardMessHoldsItsFloors() throws Exception {
    QualityReport r = quality("--mess", "hard");

    assertThat(r.records()).isGreaterThan(4000);
    assertThat(r.linkage().precision())
        .as("precision at hard mess")
        .isGreaterThanOrEqualTo(PRECISION);
    assertThat(r.linkage().recall()).as("recall at hard mess").isGreaterThanOrEqualTo(RECALL);
    assertThat(r.baseline().recall())
        .as("the exact-key baseline misses what the encodings find")
        .isLessThan(r.linkage().recall() - 0.15);
    assertThat(r.lookalikeFalseMerges("TWIN").pairs()).as("twins generated").isGreaterThan(30);
    assertThat(r.lookalikeFalseMerges("TWIN").mergedByHub()).as("twins merged").isZero();
    assertThat(r.lookalikeFalseMerges("NAMESAKE").mergedByHub())
        .as("namesakes merged (9 of 45 measured), beside the baseline's (35)")
        .isLessThan(r.lookalikeFalseMerges("NAMESAKE").mergedByBaseline() / 2);
    for (String kind :
        new String[] {
          "DOB_SWAP",
          "DOB_TRANSPOSITION",
          "SURNAME_TYPO",
          "NICKNAME_UNLISTED",
          "ASCII_FOLDED",
          "BARREL_SWAPPED",
          "BARREL_HALF",
          "MISSING_SEX",
          "MIDDLE_NAMES",
          "DUPLICATE_NOMINAL"
        }) {
      assertThat(r.linkageBy("mess", kind).recall())
          .as("recall with %s", kind)
          .isGreaterThanOrEqualTo(0.7);
      assertThat(r.baselineBy("mess", kind).recall())
          .as("baseline recall with %s", kind)
          .isLessThan(r.linkageBy("mess", kind).recall());
    }
    assertThat(r.disclosures()).as("identifiers in topic bytes").isZero();
    assertThat(r.logDisclosures()).as("identifiers in the services' log").isZero();
  }

  /**
   * Floors at hard mess, set from what the quality command's fixed data (seed 20261123, the three
   * months before 2026-12-01) measures: precision 0.989, recall 0.978 (BENCHMARKS.md, beside four
   * other dates: precision 0.992 to 0.996, recall 0.970 to 0.976). Each floor sits a little below
   * the measure: which of two namesakes a record without an address joins can depend on the order
   * the three agencies' records meet in.
   */
  private static final double PRECISION = 0.98;

  private static final double RECALL = 0.96;

  private static QualityReport quality(String... options) throws java.io.IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    QualityCommand command =
        new QualityCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          throw e;
        });
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "--kafka-port",
                Integer.toString(DemoIT.freePort()),
                "--controller-port",
                Integer.toString(DemoIT.freePort()),
                "--registry-port",
                Integer.toString(DemoIT.freePort()),
                "--http-port",
                Integer.toString(DemoIT.freeRun(4)),
                "--policy",
                "../policy/vru-hub-isa.yaml"));
    args.addAll(java.util.List.of(options));
    int status = cli.execute(args.toArray(new String[0]));
    System.out.println(
        printed.toString(StandardCharsets.UTF_8).replaceAll("(?s).*(Quality against)", "$1"));
    assertThat(status).isZero();
    return command.report();
  }
}
