package uk.vruhub.local.quality;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.avro.hub.CohortSummaryKey;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.local.disclosure.CountRule;
import uk.vruhub.local.disclosure.Interval;
import uk.vruhub.local.disclosure.SubtractionAttack;
import uk.vruhub.local.disclosure.SubtractionAttack.Key;
import uk.vruhub.local.disclosure.SubtractionAttack.Revision;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.model.DisclosureControl;
import uk.vruhub.policy.model.Treatment;
import uk.vruhub.schemas.serde.AvroSerdeConfig;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * Reads every record ever published on the level-1 topics (every revision, read_committed, from the
 * first offset) and attacks them with {@link SubtractionAttack}, knowing the policy and the
 * definitions as any reader may.
 */
public final class DisclosureAttack {

  /**
   * What disclosure control cost the hotspot tables, over the LSOA cells of every definition and
   * period as last published, against the counts the aggregator holds: the share of events in
   * hidden cells under primary suppression alone (counts 1 to threshold-1 hidden) and as published
   * (with the complementary rules), and the mean difference rounding makes to a shown count.
   *
   * @param events events in the LSOA cells, by source
   * @param primaryOnly events in cells primary suppression alone would hide, by source
   * @param published events in the cells published hidden, by source
   * @param shownCells LSOA cells shown with a count
   * @param meanRoundingError mean |shown - counted| over them
   * @param beyondRounding shown counts further from the counted one than half the rounding base:
   *     must be 0, or the published cells are not what the aggregator counted
   */
  public record InformationLoss(
      Map<String, Long> events,
      Map<String, Long> primaryOnly,
      Map<String, Long> published,
      long shownCells,
      double meanRoundingError,
      long beyondRounding) {

    double share(Map<String, Long> hidden, String source) {
      long all = events.getOrDefault(source, 0L);
      return all == 0 ? 0 : (double) hidden.getOrDefault(source, 0L) / all;
    }

    /** Share of events in hidden cells as published, of one source (POLICE, HEALTH, COMBINED). */
    public double publishedShare(String source) {
      return share(published, source);
    }

    /** Share of events in cells primary suppression alone hides, of one source. */
    public double primaryOnlyShare(String source) {
      return share(primaryOnly, source);
    }
  }

  /** The figures of one attack on both level-1 topics. */
  public record Report(
      SubtractionAttack.Result hotspots,
      SubtractionAttack.Result cohortSummary,
      InformationLoss loss,
      int protectionWidth,
      boolean nestedPeriods,
      long millis) {

    /** Hidden counts or small changes recovered below the protection rule: must be 0. */
    public int recoverable() {
      return hotspots.recoverable() + cohortSummary.recoverable();
    }

    public void print(PrintStream out) {
      out.println();
      out.println(
          "Disclosure attack (linear programming over every revision published"
              + (nestedPeriods ? ", nested periods" : "; each period alone")
              + " and nested definitions included)");
      out.println(
          "--------------------------------------------------------------------------------");
      print(out, "hub.hotspots.v1", hotspots);
      print(out, "hub.cohort-summary.v1", cohortSummary);
      out.printf(
          "%-52s %,9d   (protection: interval at least %d wide; %.1f s)%n",
          "Recoverable (must be 0)", recoverable(), protectionWidth, millis / 1000.0);
      if (loss != null) {
        out.println(
            "Information loss: events in hidden LSOA cells, share of all (primary suppression"
                + " alone -> as published)");
        for (String source : List.of("COMBINED", "POLICE", "HEALTH")) {
          out.printf(
              "  %-50s %8.1f %% -> %.1f %%   (%,d events)%n",
              source,
              100 * loss.primaryOnlyShare(source),
              100 * loss.publishedShare(source),
              loss.events().getOrDefault(source, 0L));
        }
        out.printf(
            "  %-50s %8.2f   (over %,d shown cells; %d beyond half the base)%n",
            "mean |shown - counted| of a shown count",
            loss.meanRoundingError(),
            loss.shownCells(),
            loss.beyondRounding());
      }
    }

    private static void print(PrintStream out, String topic, SubtractionAttack.Result r) {
      out.printf(
          "%-52s %,9d records, %,d cells, %,d snapshots%n",
          topic, r.revisions(), r.cellsPublished(), r.snapshots());
      out.printf(
          "%-52s %,9d   (of which COMBINED hidden with both parts: %,d)%n",
          "  hidden now", r.hiddenNow(), r.hiddenComplementaryNow());
      out.printf(
          "%-52s %,9d   (narrowed below what was shown: %,d)%n",
          "  hidden counts attacked, over every snapshot", r.hiddenAttacked(), r.narrowed());
      out.printf("%-52s %,9d%n", "  recovered exactly", r.exact().size());
      out.printf(
          "%-52s %,9d%n", "  narrowed below the protection width", r.belowProtection().size());
      out.printf("%-52s %,9d%n", "  small changes pinned by revisions", r.revisionLeaks().size());
      r.belowProtection().stream()
          .limit(3)
          .forEach(
              f -> out.println("    e.g. " + f.key() + ": " + f.prior() + " -> " + f.attacked()));
      r.revisionLeaks().stream()
          .limit(3)
          .forEach(f -> out.println("    e.g. change of " + f.key() + ": " + f.attacked()));
    }
  }

  private DisclosureAttack() {}

  /**
   * Attacks what the hub published.
   *
   * @param kafka a client that may read the level-1 topics
   * @param serde the registry, as a reader of the hub's schemas
   * @param policy the policy the hub enforces
   * @param truth the events the aggregator counted per hotspot cell (LSOA keys), to measure
   *     information loss against; null to skip that
   * @param dump where the revisions read are written (tab-separated), or null
   * @param nestedDefinitions the definitions the hub counts under, as {@code
   *     Definitions.nestedIn()} gives them: which admit every incident which others admit
   */
  public static Report attack(
      Map<String, Object> kafka,
      AvroSerdeConfig serde,
      Policy policy,
      Map<Key, Integer> truth,
      Path dump,
      boolean nestedPeriods,
      Map<String, Set<String>> nestedDefinitions,
      Consumer<String> progress) {
    long started = System.currentTimeMillis();
    TopicCatalogue topics = TopicCatalogue.load();
    Treatment.Count countTreatment = countTreatment(policy, Ids.HOTSPOTS, "count");
    CountRule count = CountRule.of(countTreatment);
    int floor = count.threshold();
    int width = protectionWidth(policy);
    CountRule unlocated = rule(policy, Ids.HOTSPOTS, "unlocatedIncluded");
    List<Revision> hotspots = new ArrayList<>();
    read(
        kafka,
        topics.byId(Ids.HOTSPOTS),
        serde,
        (HotspotKey k, HotspotCell v, Long t) -> {
          Key key =
              new Key(
                  k.getPeriodType().name(),
                  k.getPeriodStart(),
                  k.getDefinitionId(),
                  k.getAreaCode(),
                  v != null && v.getAreaLevel().name().equals("VRU_AREA"),
                  k.getSource().name());
          hotspots.add(
              v == null
                  ? new Revision(key, Interval.exactly(0), false, Interval.exactly(0), t)
                  : new Revision(
                      key,
                      count.of(v.getCount(), v.getSuppressed()),
                      v.getSuppressed(),
                      unlocatedOf(unlocated, v.getUnlocatedIncluded()),
                      t));
        });
    CountRule persons = rule(policy, Ids.COHORT_SUMMARY, "persons");
    List<Revision> cohort = new ArrayList<>();
    read(
        kafka,
        topics.byId(Ids.COHORT_SUMMARY),
        serde,
        (CohortSummaryKey k, CohortSummaryCell v, Long t) -> {
          Key key =
              new Key(
                  "COHORT",
                  null,
                  k.getAgeBand() + " " + k.getRiskFlags(),
                  k.getAreaCode(),
                  false,
                  "PERSONS");
          cohort.add(
              v == null
                  ? new Revision(key, Interval.exactly(0), false, Interval.exactly(0), t)
                  : new Revision(
                      key,
                      persons.of(v.getPersons(), v.getSuppressed()),
                      v.getSuppressed(),
                      Interval.exactly(0),
                      t));
        });
    if (dump != null) {
      write(dump, hotspots, cohort);
    }
    SubtractionAttack.Result h =
        new SubtractionAttack(
                floor, width, nestedPeriods, vruAreaTotals(policy), nestedDefinitions, progress)
            .run(hotspots);
    SubtractionAttack.Result c =
        new SubtractionAttack(floor, width, nestedPeriods, progress).run(cohort);
    InformationLoss loss = truth == null ? null : loss(hotspots, truth, floor, countTreatment);
    return new Report(h, c, loss, width, nestedPeriods, System.currentTimeMillis() - started);
  }

  /** Information loss of the hotspot LSOA cells as last published, against the counted truth. */
  static InformationLoss loss(
      List<Revision> hotspots, Map<Key, Integer> truth, int floor, Treatment.Count rounding) {
    Map<Key, Revision> last = new HashMap<>();
    Set<String> vruAreas = new HashSet<>();
    for (Revision r : hotspots) {
      last.merge(r.key(), r, (a, b) -> b.time() >= a.time() ? b : a);
      if (r.key().vruArea()) {
        vruAreas.add(r.key().area());
      }
    }
    Map<String, Long> events = new TreeMap<>();
    Map<String, Long> primary = new TreeMap<>();
    Map<String, Long> published = new TreeMap<>();
    long shown = 0;
    long error = 0;
    long beyond = 0;
    for (Map.Entry<Key, Integer> t : truth.entrySet()) {
      if (vruAreas.contains(t.getKey().area())) {
        continue; // the VRU area's cells are margins, not LSOA cells
      }
      String source = t.getKey().source();
      int n = t.getValue();
      events.merge(source, (long) n, Long::sum);
      if (n > 0 && n < floor) {
        primary.merge(source, (long) n, Long::sum);
      }
      Revision r = last.get(t.getKey());
      if (r == null) {
        continue; // never published: no event was ever counted there
      }
      if (r.hidden()) {
        published.merge(source, (long) n, Long::sum);
      } else {
        shown++;
        error += Math.abs(rounding.rounded(n) - n);
        if (!r.count().contains(n)) {
          beyond++;
        }
      }
    }
    return new InformationLoss(
        events, primary, published, shown, shown == 0 ? 0 : (double) error / shown, beyond);
  }

  /**
   * The protection width of the policy's {@code levels: 1: disclosure-control:} section; without
   * the section, {@link DisclosureControl#DEFAULT_PROTECTION_WIDTH} (at least three values).
   */
  static int protectionWidth(Policy policy) {
    DisclosureControl dc = policy.disclosureControl();
    return dc == null ? DisclosureControl.DEFAULT_PROTECTION_WIDTH : dc.protectionWidth();
  }

  /**
   * Whether the policy's VRU area cells count all their events (a total over the areas), as they do
   * without a {@code levels: 1: disclosure-control:} section.
   */
  static boolean vruAreaTotals(Policy policy) {
    DisclosureControl dc = policy.disclosureControl();
    return dc == null || dc.vruAreaCount() == DisclosureControl.VruAreaCount.ALL_EVENTS;
  }

  /**
   * A shown 0 of unlocated events may be a small number, or one the hub withheld because the cell's
   * located events are few (aggregator README, "Disclosure control"): anything up to the count.
   */
  private static Interval unlocatedOf(CountRule rule, int shown) {
    Interval i = rule.of(shown, false);
    return i.lo() == 0 ? new Interval(0, Interval.UNBOUNDED) : i;
  }

  private static CountRule rule(Policy policy, String topicId, String field) {
    return CountRule.of(countTreatment(policy, topicId, field));
  }

  private static Treatment.Count countTreatment(Policy policy, String topicId, String field) {
    Treatment t = policy.topic(topicId).fields().get(field).treatment();
    if (!(t instanceof Treatment.Count c)) {
      throw new IllegalStateException(
          "The policy's " + topicId + "." + field + " is not a count (" + t.kind() + ")");
    }
    return c;
  }

  interface Each<K, V> {
    void accept(K key, V value, Long timestamp);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> void read(
      Map<String, Object> kafka, TopicSpec topic, AvroSerdeConfig serde, Each<K, V> each) {
    TopicBytes.readCommittedAvro(
        kafka, topic, serde, r -> each.accept((K) r.key(), (V) r.value(), r.timestamp()));
  }

  private static void write(Path dump, List<Revision> hotspots, List<Revision> cohort) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "topic\tperiodType\tperiodStart\tdefinition\tarea\tvru\tsource\tcountLo\tcountHi\thidden"
            + "\tunlocatedLo\tunlocatedHi\ttime");
    for (List<Revision> list : List.of(hotspots, cohort)) {
      String topic = list == hotspots ? "hotspots" : "cohort-summary";
      for (Revision r : list) {
        Key k = r.key();
        lines.add(
            String.join(
                "\t",
                topic,
                k.periodType(),
                String.valueOf(k.periodStart()),
                k.definition(),
                k.area(),
                Boolean.toString(k.vruArea()),
                k.source(),
                Integer.toString(r.count().lo()),
                Integer.toString(r.count().hi()),
                Boolean.toString(r.hidden()),
                Integer.toString(r.unlocated().lo()),
                Integer.toString(r.unlocated().hi()),
                Long.toString(r.time())));
      }
    }
    try {
      Files.createDirectories(dump.toAbsolutePath().getParent());
      Files.write(dump, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + dump, e);
    }
  }

  /** Reads a dump written by {@link #attack}: the revisions of one topic. */
  public static List<Revision> readDump(Path dump, String topic) throws IOException {
    List<Revision> out = new ArrayList<>();
    for (String line :
        Files.readAllLines(dump, StandardCharsets.UTF_8)
            .subList(1, Files.readAllLines(dump).size())) {
      String[] f = line.split("\t", -1);
      if (!f[0].equals(topic)) {
        continue;
      }
      Key k =
          new Key(
              f[1],
              f[2].equals("null") ? null : LocalDate.parse(f[2]),
              f[3],
              f[4],
              Boolean.parseBoolean(f[5]),
              f[6]);
      out.add(
          new Revision(
              k,
              new Interval(Integer.parseInt(f[7]), Integer.parseInt(f[8])),
              Boolean.parseBoolean(f[9]),
              new Interval(Integer.parseInt(f[10]), Integer.parseInt(f[11])),
              Long.parseLong(f[12])));
    }
    return out;
  }
}
