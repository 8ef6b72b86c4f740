package uk.vruhub.local.quality;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The measured quality of one run against its ground truth.
 *
 * @param records agency records evaluated (sent, valid and not withdrawn)
 * @param people true people among them
 * @param linkage the aggregator's linkage
 * @param baseline exact matching on one key (full name, date of birth and sex)
 * @param breakdowns linkage and baseline by dimension ({@code age}: the band at the end of the run,
 *     0-9, 10-17, 18-24, 25-34, 35+; {@code sex}: M or F; {@code agencies}: POLICE-HEALTH,
 *     POLICE-EDUCATION, HEALTH-EDUCATION and within one, POLICE-POLICE...; {@code mess}: the kinds
 *     of mess either record carries, NONE when neither carries any)
 * @param lookalikes false merges of look-alike people, by kind (TWIN, NAMESAKE)
 * @param planted planted hotspot cells
 * @param plantedFound planted cells among the top cells of their month
 * @param topN how many top cells count as found
 * @param disclosureHits identifiers found in any topic's bytes, by kind
 * @param bytesScanned bytes of all topics scanned
 * @param topicsScanned topics scanned, internal ones included
 * @param logHits identifiers found in the services' log file, by kind
 * @param unsuppressedSmallCells level 1 cells published with a count below the threshold
 */
public record QualityReport(
    int records,
    int people,
    PairwiseScore linkage,
    PairwiseScore baseline,
    List<Breakdown> breakdowns,
    Map<String, LookalikeMerges> lookalikes,
    int planted,
    int plantedFound,
    int topN,
    Map<String, Long> disclosureHits,
    long bytesScanned,
    List<String> topicsScanned,
    Map<String, Long> logHits,
    long unsuppressedSmallCells,
    DisclosureAttack.Report attack) {

  /**
   * One group's scores: a true pair counts under the group when either record (or, for agencies,
   * the pair) is in it, and so does a linked pair.
   */
  public record Breakdown(
      String dimension, String group, PairwiseScore linkage, PairwiseScore baseline) {}

  /** The hub's linkage within a group, e.g. {@code linkageBy("mess", "DOB_SWAP")}. */
  public PairwiseScore linkageBy(String dimension, String group) {
    return breakdown(dimension, group).linkage();
  }

  /** The exact-key baseline within a group. */
  public PairwiseScore baselineBy(String dimension, String group) {
    return breakdown(dimension, group).baseline();
  }

  /** The groups of a dimension, in the order printed. */
  public List<Breakdown> breakdowns(String dimension) {
    return breakdowns.stream().filter(b -> b.dimension().equals(dimension)).toList();
  }

  /** A group's scores; no pairs when the run had none in it. */
  public Breakdown breakdown(String dimension, String group) {
    return breakdowns.stream()
        .filter(b -> b.dimension().equals(dimension) && b.group().equals(group))
        .findFirst()
        .orElse(new Breakdown(dimension, group, PairwiseScore.NONE, PairwiseScore.NONE));
  }

  /** How many look-alike pairs of a kind (TWIN, NAMESAKE) each clustering merged. */
  public LookalikeMerges lookalikeFalseMerges(String kind) {
    return lookalikes.getOrDefault(kind, new LookalikeMerges(kind, 0, 0, 0, 0, 0));
  }

  public double hotspotRecall() {
    return planted == 0 ? 1.0 : (double) plantedFound / planted;
  }

  public long disclosures() {
    return disclosureHits.values().stream().mapToLong(Long::longValue).sum();
  }

  public long logDisclosures() {
    return logHits.values().stream().mapToLong(Long::longValue).sum();
  }

  public void print(PrintStream out) {
    out.println();
    out.println("Quality against the ground truth");
    out.println("--------------------------------------------------------------------------------");
    out.printf("%-52s %9s %9s %9s%n", "Linkage (pairs of records)", "precision", "recall", "F1");
    row(out, "Hub: identifiers, then fuzzy matching", linkage);
    row(out, "Baseline: exact full name + date of birth + sex", baseline);
    out.printf(
        "  over %,d records of %,d people (%,d true pairs)%n",
        records, people, linkage.truePairs());
    printBreakdowns(out);
    out.println();
    out.printf(
        "%-52s %d of %d (%.0f %%)%n",
        "Planted hotspots in their month's top " + topN,
        plantedFound,
        planted,
        100 * hotspotRecall());
    out.printf(
        "%-52s %d%s%n",
        "Identifiers found in topic bytes",
        disclosures(),
        disclosures() == 0 ? "" : " " + disclosureHits);
    out.printf(
        "  scanned %,d bytes of %d topics (internal topics included)%n",
        bytesScanned, topicsScanned.size());
    out.printf(
        "%-52s %d%s%n",
        "Identifiers found in the services' log",
        logDisclosures(),
        logDisclosures() == 0 ? "" : " " + logHits);
    out.printf(
        "%-52s %d%n", "Level 1 cells below the threshold, unsuppressed", unsuppressedSmallCells);
    if (attack != null) {
      attack.print(out);
    }
  }

  private static final Map<String, String> DIMENSIONS =
      Map.of(
          "age", "By age band (at the end of the run)",
          "sex", "By sex",
          "agencies", "By agency pair",
          "mess", "By kind of mess (either record)");

  private void printBreakdowns(PrintStream out) {
    if (breakdowns.isEmpty()) {
      return;
    }
    for (String dimension : List.of("age", "sex", "agencies", "mess")) {
      List<Breakdown> rows = breakdowns(dimension);
      if (rows.isEmpty()) {
        continue;
      }
      out.println();
      out.printf(
          "%-34s %10s  %-21s  %-21s%n",
          DIMENSIONS.get(dimension), "true pairs", "  hub P / R / F1", "  baseline P / R / F1");
      for (Breakdown b : rows) {
        out.printf(
            "  %-32s %10d  %s  %s%n",
            b.group(), b.linkage().truePairs(), triple(b.linkage()), triple(b.baseline()));
      }
    }
    if (!lookalikes.isEmpty()) {
      out.println();
      out.printf(
          "%-34s %10s  %-21s  %-21s%n",
          "Look-alikes falsely merged",
          "pairs",
          "  hub pairs (records)",
          "  baseline pairs (records)");
      for (LookalikeMerges l : lookalikes.values()) {
        out.printf(
            "  %-32s %10d  %-21s  %-21s%n",
            l.kind(),
            l.pairs(),
            String.format("%d (%d)", l.mergedByHub(), l.hubRecordPairs()),
            String.format("%d (%d)", l.mergedByBaseline(), l.baselineRecordPairs()));
      }
    }
  }

  private static String triple(PairwiseScore s) {
    return String.format("%.3f / %.3f / %.3f", s.precision(), s.recall(), s.f1());
  }

  private static void row(PrintStream out, String label, PairwiseScore s) {
    out.printf("  %-50s %9.4f %9.4f %9.4f%n", label, s.precision(), s.recall(), s.f1());
  }
}
