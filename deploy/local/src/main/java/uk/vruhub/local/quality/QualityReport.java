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
    int planted,
    int plantedFound,
    int topN,
    Map<String, Long> disclosureHits,
    long bytesScanned,
    List<String> topicsScanned,
    Map<String, Long> logHits,
    long unsuppressedSmallCells,
    DisclosureAttack.Report attack) {

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
    row(out, "Hub: any strong key, transitively", linkage);
    row(out, "Baseline: exact full name + date of birth + sex", baseline);
    out.printf(
        "  over %,d records of %,d people (%,d true pairs)%n",
        records, people, linkage.truePairs());
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

  private static void row(PrintStream out, String label, PairwiseScore s) {
    out.printf("  %-50s %9.4f %9.4f %9.4f%n", label, s.precision(), s.recall(), s.f1());
  }
}
