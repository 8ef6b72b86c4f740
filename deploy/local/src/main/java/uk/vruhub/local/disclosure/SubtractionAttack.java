package uk.vruhub.local.disclosure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.local.Partition;
import uk.vruhub.policy.enforce.Periods;

/**
 * The attacker of the level-1 hotspot tables: reads every revision ever published, and for each
 * hidden count works out, by linear programming, the interval of values consistent with everything
 * published at the same moment, as τ-ARGUS and sdcTable's {@code attack} do.
 *
 * <p>The attacker knows the policy (thresholds, rounding, that a COMBINED count is hidden when both
 * its parts are) and the relations the tables satisfy:
 *
 * <ul>
 *   <li>sources: COMBINED = POLICE + HEALTH, for the count and for the unlocated events;
 *   <li>the area hierarchy: the VRU area's count = the sum of its LSOAs' counts + its unlocated
 *       events (events with no location are counted in the VRU area only); where the policy's VRU
 *       area cells count only the unlocated events, its count = its unlocated events;
 *   <li>a cell's unlocated events are at most its count;
 *   <li>nested periods: the counts of the periods of one type wholly inside a longer published
 *       period (the weeks inside a month, the months of a quarter) add up to at most its count, and
 *       to exactly its count when they cover it (a quarter's three months), for the same
 *       definition, area and source, and the same for the unlocated events.
 * </ul>
 *
 * Every moment at which something was published is a snapshot: the latest revision of every cell
 * then. A group of tables (a period and the published periods wholly inside it, every definition,
 * area and source) is solved again at every snapshot that revised it, so the stream of revisions is
 * attacked as well: the change of a count between two snapshots is bounded by the two intervals,
 * and a small change pinned down (e.g. 7 then 8 shows one event) is reported as a leak.
 *
 * <ul>
 *   <li>nested definitions: where the published definitions show one admits every incident another
 *       admits (the WHO definition admits all), the inner definition's count is at most the
 *       outer's, for the same period, area and source, and the same for the unlocated events. The
 *       definitions nested in each other are solved together.
 * </ul>
 *
 * <p>Nested definitions relate counts only by inequalities, and definitions are not known to be
 * disjoint, so no sum of several inner ones is bounded; nested periods differ: several disjoint
 * inner periods share one outer count, so shown inner counts near the outer's can bound a hidden
 * one from above.
 *
 * <p>Each interval is the exact optimum of the linear relaxation (ojAlgo), not an estimate: the
 * bound of a count is proved reached when a solution puts it there, and otherwise solved for.
 */
public final class SubtractionAttack {

  /** Where a published hotspot count sits. */
  public record Key(
      String periodType,
      LocalDate periodStart,
      String definition,
      String area,
      boolean vruArea,
      String source) {

    /** The period, or null for a key of no known period type. */
    Period period() {
      return Period.of(periodType, periodStart);
    }
  }

  /**
   * A period of a published type: [start, end). Types are ordered from the shortest; a longer type
   * can hold a shorter one wholly (a week inside a month) or not (a week across two months).
   */
  record Period(int type, LocalDate start, LocalDate end) {

    /** The published types, shortest first as the schema lists them; a type is its index here. */
    private static final PeriodType[] TYPES = PeriodType.values();

    static Period of(String type, LocalDate start) {
      if (start == null) {
        return null;
      }
      for (PeriodType t : TYPES) {
        if (t.name().equals(type)) {
          return new Period(t.ordinal(), start, Periods.end(start, t));
        }
      }
      return null;
    }

    /** The period of type {@code t} that holds the day {@code d}. */
    static Period holding(int t, LocalDate d) {
      LocalDate start = Periods.start(d, TYPES[t]);
      return new Period(t, start, Periods.end(start, TYPES[t]));
    }

    boolean inside(Period outer) {
      return !start.isBefore(outer.start) && !end.isAfter(outer.end);
    }

    String typeName() {
      return TYPES[type].name();
    }

    /** Whether the periods of type {@code t} wholly inside this one cover it. */
    boolean coveredBy(int t) {
      return holding(t, start).start.equals(start) && holding(t, end.minusDays(1)).end.equals(end);
    }
  }

  /**
   * One table: every area and source of one period under one definition, or under every definition
   * of a group nested in each other; attacked together with the tables of the periods wholly inside
   * it. Where no published count adds up the areas (the VRU area counts only its unlocated events),
   * no relation links one area's cells to another's, and each area is a table of its own: the same
   * intervals, from many small programmes instead of one large one.
   *
   * @param area the area, or null when the table holds every area
   */
  record Table(String periodType, LocalDate periodStart, String definition, String area) {}

  /**
   * One published revision of a cell.
   *
   * @param key the cell
   * @param count the values its count can have, from what was shown and the policy
   * @param hidden whether the count was hidden
   * @param unlocated the values its unlocated events can have
   * @param time when it was published (the record's timestamp); records of one moment form a
   *     snapshot
   */
  public record Revision(Key key, Interval count, boolean hidden, Interval unlocated, long time) {}

  /** A hidden count the attacker narrowed below the protection rule. */
  public record Finding(Key key, long time, Interval prior, Interval attacked) {}

  /** What the attacker learnt. */
  public record Result(
      int revisions,
      int snapshots,
      int cellsPublished,
      int hiddenNow,
      int hiddenComplementaryNow,
      long hiddenAttacked,
      long narrowed,
      List<Finding> exact,
      List<Finding> belowProtection,
      List<Finding> revisionLeaks,
      long solves) {

    /** Hidden counts narrowed below the protection rule, at any moment: must be none. */
    public int recoverable() {
      return belowProtection.size() + revisionLeaks.size();
    }
  }

  private static final double EPS = 1e-6;
  private static final String POLICE = "POLICE";
  private static final String HEALTH = "HEALTH";
  private static final String COMBINED = "COMBINED";

  private final int protectionWidth;
  private final int threshold;
  private final boolean nestedPeriods;
  private final boolean vruAreaTotals;
  private final Map<String, Set<String>> nestedIn;
  private final Map<String, String> definitionGroup;
  private final Consumer<String> progress;
  private final LongAdder solves = new LongAdder();

  /**
   * @param threshold counts below this are hidden
   * @param protectionWidth a hidden count must keep an interval at least this wide
   * @param progress where progress lines go
   */
  public SubtractionAttack(int threshold, int protectionWidth, Consumer<String> progress) {
    this(threshold, protectionWidth, true, progress);
  }

  /**
   * @param threshold counts below this are hidden
   * @param protectionWidth a hidden count must keep an interval at least this wide
   * @param nestedPeriods whether nested periods are in the programme: a month is then solved with
   *     its weeks, which costs about eight times as long on the demo (each table alone otherwise)
   * @param progress where progress lines go
   */
  public SubtractionAttack(
      int threshold, int protectionWidth, boolean nestedPeriods, Consumer<String> progress) {
    this(threshold, protectionWidth, nestedPeriods, true, progress);
  }

  /**
   * @param threshold counts below this are hidden
   * @param protectionWidth a hidden count must keep an interval at least this wide
   * @param nestedPeriods whether nested periods are in the programme
   * @param vruAreaTotals whether a VRU area's cell counts all its events, the sum of its areas'
   *     counts and its unlocated events (the policy's {@code vru-area-count: all-events}); when
   *     false it counts only its unlocated events ({@code unlocated-only}), and is a table of its
   *     own
   * @param progress where progress lines go
   */
  public SubtractionAttack(
      int threshold,
      int protectionWidth,
      boolean nestedPeriods,
      boolean vruAreaTotals,
      Consumer<String> progress) {
    this(threshold, protectionWidth, nestedPeriods, vruAreaTotals, Map.of(), progress);
  }

  /**
   * @param threshold counts below this are hidden
   * @param protectionWidth a hidden count must keep an interval at least this wide
   * @param nestedPeriods whether nested periods are in the programme
   * @param vruAreaTotals whether a VRU area's cell counts all its events (see above)
   * @param nestedIn for each definition key, the definitions that admit every incident it admits
   *     ({@code Definitions.nestedIn()}); empty to attack each definition alone
   * @param progress where progress lines go
   */
  public SubtractionAttack(
      int threshold,
      int protectionWidth,
      boolean nestedPeriods,
      boolean vruAreaTotals,
      Map<String, Set<String>> nestedIn,
      Consumer<String> progress) {
    this.threshold = threshold;
    this.protectionWidth = protectionWidth;
    this.nestedPeriods = nestedPeriods;
    this.vruAreaTotals = vruAreaTotals;
    this.nestedIn = Map.copyOf(nestedIn);
    this.definitionGroup = groups(this.nestedIn);
    this.progress = progress;
  }

  /**
   * The group each definition is attacked in: definitions linked by nesting, directly or through
   * others, share one.
   */
  private static Map<String, String> groups(Map<String, Set<String>> nestedIn) {
    Partition groups = new Partition();
    nestedIn.forEach((inner, outers) -> outers.forEach(outer -> groups.join(inner, outer)));
    return groups.groups();
  }

  /**
   * Attacks every snapshot of the revisions, in publication order. Tables share no relation, so
   * each table's stream of snapshots is attacked on its own, tables in parallel.
   */
  public Result run(List<Revision> published) {
    List<Revision> ordered = new ArrayList<>(published);
    ordered.sort(Comparator.comparingLong(Revision::time)); // stable: offsets order ties
    Set<Integer> types = new HashSet<>();
    for (Revision r : ordered) {
      Period p = r.key().period();
      if (p != null && nestedPeriods) {
        types.add(p.type());
      }
    }
    Map<Table, List<Revision>> byTable = new LinkedHashMap<>();
    for (Revision r : ordered) {
      byTable.computeIfAbsent(group(r.key(), types), t -> new ArrayList<>()).add(r);
    }
    AtomicLong done = new AtomicLong();
    AtomicLong lastReport = new AtomicLong(System.nanoTime());
    List<TableResult> results;
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      results =
          pool.submit(
                  () ->
                      byTable.values().parallelStream()
                          .map(
                              revisions -> {
                                TableResult r = attackTable(revisions);
                                report(
                                    done.addAndGet(revisions.size()), ordered.size(), lastReport);
                                return r;
                              })
                          .toList())
              .join();
    } finally {
      pool.shutdown();
    }
    List<Finding> exact = new ArrayList<>();
    List<Finding> below = new ArrayList<>();
    List<Finding> leaks = new ArrayList<>();
    Set<Long> snapshots = new HashSet<>();
    long attacked = 0;
    long narrowed = 0;
    int cellsPublished = 0;
    int hiddenNow = 0;
    int complementary = 0;
    for (TableResult r : results) {
      exact.addAll(r.exact);
      below.addAll(r.below);
      leaks.addAll(r.leaks);
      snapshots.addAll(r.snapshots);
      attacked += r.attacked;
      narrowed += r.narrowed;
      cellsPublished += r.cells.size();
      for (Revision c : r.cells.values()) {
        if (c.hidden()) {
          hiddenNow++;
          if (c.key().source().equals(COMBINED) && partsHidden(r.cells, c.key())) {
            complementary++;
          }
        }
      }
    }
    return new Result(
        ordered.size(),
        snapshots.size(),
        cellsPublished,
        hiddenNow,
        complementary,
        attacked,
        narrowed,
        exact,
        below,
        leaks,
        solves.sum());
  }

  /**
   * The table a key is attacked in: that of the longest published period wholly holding its own, so
   * that nested periods are solved together; its own table when none holds it.
   */
  private Table group(Key key, Set<Integer> types) {
    Period own = key.period();
    String definitions = definitionGroup.getOrDefault(key.definition(), key.definition());
    String area = vruAreaTotals ? null : key.area();
    if (own == null) {
      return new Table(key.periodType(), key.periodStart(), definitions, area);
    }
    Period outer = own;
    for (int t : types) {
      if (t > outer.type()) {
        Period holding = Period.holding(t, own.start());
        if (own.inside(holding)) {
          outer = holding;
        }
      }
    }
    return new Table(outer.typeName(), outer.start(), definitions, area);
  }

  private void report(long done, int total, AtomicLong lastReport) {
    long now = System.nanoTime();
    long last = lastReport.get();
    if (now - last > 10_000_000_000L && lastReport.compareAndSet(last, now)) {
      progress.accept(
          String.format("attacked %,d of %,d revisions (%,d solves)", done, total, solves.sum()));
    }
  }

  /** What the attack of one table found. */
  private static final class TableResult {
    final List<Finding> exact = new ArrayList<>();
    final List<Finding> below = new ArrayList<>();
    final List<Finding> leaks = new ArrayList<>();
    final Set<Long> snapshots = new HashSet<>();
    final Map<Key, Revision> cells = new HashMap<>();
    long attacked;
    long narrowed;
  }

  /** Attacks one table at every moment it was revised, given its revisions in time order. */
  private TableResult attackTable(List<Revision> revisions) {
    TableResult out = new TableResult();
    Map<Key, Revision> cells = out.cells;
    int i = 0;
    while (i < revisions.size()) {
      long time = revisions.get(i).time();
      Map<Key, Revision> was = null;
      Set<Key> revised = new LinkedHashSet<>();
      for (; i < revisions.size() && revisions.get(i).time() == time; i++) {
        Revision r = revisions.get(i);
        Revision before = cells.get(r.key());
        if (before != null
            && before.count().equals(r.count())
            && before.hidden() == r.hidden()
            && before.unlocated().equals(r.unlocated())) {
          continue;
        }
        if (was == null) {
          was = new HashMap<>(cells);
        }
        cells.put(r.key(), r);
        revised.add(r.key());
      }
      if (was == null) {
        continue;
      }
      out.snapshots.add(time);
      Map<Key, Interval> priors = priors(cells);
      Set<Key> targets = new LinkedHashSet<>();
      Set<Key> changed = new LinkedHashSet<>();
      for (Revision r : cells.values()) {
        if (r.hidden()) {
          targets.add(r.key());
        }
        if (revised.contains(r.key()) && was.containsKey(r.key())) {
          targets.add(r.key());
          changed.add(r.key());
        }
      }
      Map<Key, Interval> got = solve(cells, priors, targets);
      Map<Key, Interval> before = changed.isEmpty() ? Map.of() : solve(was, priors(was), changed);
      for (Key key : targets) {
        Revision r = cells.get(key);
        Interval interval = got.get(key);
        if (r.hidden()) {
          out.attacked++;
          Interval prior = priors.get(key);
          if (!interval.equals(prior)) {
            out.narrowed++;
          }
          if (interval.exact()) {
            out.exact.add(new Finding(key, time, prior, interval));
          }
          if (interval.width() < protectionWidth) {
            out.below.add(new Finding(key, time, prior, interval));
          }
        }
        if (changed.contains(key)) {
          Interval change = change(before.get(key), interval);
          if (change != null && change.width() < protectionWidth && small(change)) {
            out.leaks.add(new Finding(key, time, before.get(key), change));
          }
        }
      }
    }
    return out;
  }

  /** A change between two intervals of one cell; null when it may be zero. */
  private static Interval change(Interval before, Interval after) {
    long lo =
        (long) after.lo() - (before.hi() == Interval.UNBOUNDED ? Integer.MAX_VALUE : before.hi());
    long hi =
        after.hi() == Interval.UNBOUNDED ? Interval.UNBOUNDED : (long) after.hi() - before.lo();
    if (lo <= 0 && hi >= 0) {
      return null;
    }
    return new Interval(
        (int) Math.max(lo, Integer.MIN_VALUE + 1L), (int) Math.min(hi, Interval.UNBOUNDED));
  }

  /** Whether a change lies wholly within the hidden range, up or down. */
  private boolean small(Interval change) {
    return change.lo() > -threshold && change.hi() < threshold;
  }

  /** The attacker's starting knowledge of each count: what was shown, and the policy's rules. */
  private Map<Key, Interval> priors(Map<Key, Revision> cells) {
    Map<Key, Interval> priors = new HashMap<>();
    for (Revision r : cells.values()) {
      Interval p = r.count();
      if (r.hidden() && r.key().source().equals(COMBINED) && partsHidden(cells, r.key())) {
        // The policy hides a COMBINED count whenever both its parts are hidden: it is their sum.
        p = new Interval(p.lo(), 2 * (threshold - 1));
      }
      priors.put(r.key(), p);
    }
    return priors;
  }

  private static boolean partsHidden(Map<Key, Revision> cells, Key combined) {
    Revision p = cells.get(sibling(combined, POLICE));
    Revision h = cells.get(sibling(combined, HEALTH));
    return p != null && h != null && p.hidden() && h.hidden();
  }

  private static Key sibling(Key k, String source) {
    return new Key(k.periodType(), k.periodStart(), k.definition(), k.area(), k.vruArea(), source);
  }

  /** The linear programme of one table, and every count's interval in it. */
  private Map<Key, Interval> solve(
      Map<Key, Revision> cells, Map<Key, Interval> priors, Set<Key> targets) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Map<Key, Variable> count = new LinkedHashMap<>();
    Map<Key, Variable> unlocated = new HashMap<>();
    Map<Key, Integer> index = new HashMap<>();
    int n = 0;
    for (Revision r : cells.values()) {
      Interval p = priors.get(r.key());
      index.put(r.key(), model.getVariables().size());
      count.put(r.key(), bounded(model.addVariable("c" + n), p));
      if (r.key().vruArea()) {
        // Events without a location are counted in the VRU area only.
        unlocated.put(r.key(), bounded(model.addVariable("u" + n), r.unlocated()));
      }
      n++;
    }
    int e = 0;
    Map<List<Object>, List<Key>> vruParts = new HashMap<>();
    for (Key k : cells.keySet()) {
      if (unlocated.containsKey(k)) {
        Expression notMore = model.addExpression("le" + e++).lower(0);
        notMore.set(count.get(k), 1);
        notMore.set(unlocated.get(k), -1);
      }
      if (k.source().equals(COMBINED)) {
        Key p = sibling(k, POLICE);
        Key h = sibling(k, HEALTH);
        if (count.containsKey(p) && count.containsKey(h)) {
          sum(model, "s" + e++, count.get(k), count.get(p), count.get(h));
          if (unlocated.containsKey(k) && unlocated.containsKey(p) && unlocated.containsKey(h)) {
            sum(model, "s" + e++, unlocated.get(k), unlocated.get(p), unlocated.get(h));
          }
        }
      }
      if (!k.vruArea()) {
        vruParts.computeIfAbsent(areaTotal(k), x -> new ArrayList<>()).add(k);
      }
    }
    for (Key k : cells.keySet()) {
      if (!k.vruArea()) {
        continue;
      }
      // The VRU area's located events are exactly its areas' events; where it counts only its
      // unlocated events, it has none.
      Expression total = model.addExpression("v" + e++).level(0);
      total.set(count.get(k), 1);
      total.set(unlocated.get(k), -1);
      if (vruAreaTotals) {
        for (Key part : vruParts.getOrDefault(areaTotal(k), List.of())) {
          total.set(count.get(part), -1);
        }
      }
    }
    if (nestedPeriods) {
      nesting(model, count, unlocated);
    }
    if (!nestedIn.isEmpty()) {
      nestedDefinitions(model, count, unlocated);
    }
    Map<Key, Interval> out = new HashMap<>();
    Map<Key, Double> lo = bounds(model, count, index, priors, targets, false);
    Map<Key, Double> hi = bounds(model, count, index, priors, targets, true);
    for (Key k : targets) {
      int l = (int) Math.ceil(lo.get(k) - EPS);
      double h = hi.get(k);
      int u = h >= Interval.UNBOUNDED - 1 ? Interval.UNBOUNDED : (int) Math.floor(h + EPS);
      out.put(k, new Interval(l, Math.max(l, u)));
    }
    return out;
  }

  /** What an area's count adds up into: the VRU area's cell of the same period and source. */
  private static List<Object> areaTotal(Key k) {
    return Arrays.asList(k.periodType(), k.periodStart(), k.definition(), k.source());
  }

  /**
   * Nested periods: for each cell and each shorter published type, the cells of that type wholly
   * inside it (same definition, area and source) count at most what it counts, exactly what it
   * counts when they cover it; a cell never published counts nothing.
   */
  private static void nesting(
      ExpressionsBasedModel model, Map<Key, Variable> count, Map<Key, Variable> unlocated) {
    int e = 0;
    Map<List<Object>, List<Key>> byCell = new HashMap<>();
    for (Key k : count.keySet()) {
      if (k.period() != null) {
        byCell
            .computeIfAbsent(
                Arrays.asList(k.definition(), k.area(), k.vruArea(), k.source()),
                x -> new ArrayList<>())
            .add(k);
      }
    }
    for (List<Key> keys : byCell.values()) {
      for (Key outer : keys) {
        Period o = outer.period();
        Map<Integer, List<Key>> inner = new HashMap<>();
        for (Key k : keys) {
          Period p = k.period();
          if (p.type() < o.type() && p.inside(o)) {
            inner.computeIfAbsent(p.type(), t -> new ArrayList<>()).add(k);
          }
        }
        for (Map.Entry<Integer, List<Key>> byType : inner.entrySet()) {
          boolean covers = o.coveredBy(byType.getKey());
          nested(model, "n" + e++, count.get(outer), byType.getValue(), count, covers);
          if (unlocated.containsKey(outer)) {
            nested(model, "n" + e++, unlocated.get(outer), byType.getValue(), unlocated, covers);
          }
        }
      }
    }
  }

  /**
   * Nested definitions: a definition's count is at most that of each definition that admits every
   * incident it admits, cell by cell (same period, area and source), unlocated events too.
   */
  private void nestedDefinitions(
      ExpressionsBasedModel model, Map<Key, Variable> count, Map<Key, Variable> unlocated) {
    int e = 0;
    for (Key inner : count.keySet()) {
      for (String definition : nestedIn.getOrDefault(inner.definition(), Set.of())) {
        Key outer =
            new Key(
                inner.periodType(),
                inner.periodStart(),
                definition,
                inner.area(),
                inner.vruArea(),
                inner.source());
        if (count.containsKey(outer)) {
          nested(model, "d" + e++, count.get(outer), List.of(inner), count, false);
          if (unlocated.containsKey(outer) && unlocated.containsKey(inner)) {
            nested(model, "d" + e++, unlocated.get(outer), List.of(inner), unlocated, false);
          }
        }
      }
    }
  }

  private static void nested(
      ExpressionsBasedModel model,
      String name,
      Variable outer,
      List<Key> inner,
      Map<Key, Variable> vars,
      boolean covers) {
    Expression rest = model.addExpression(name);
    if (covers) {
      rest.level(0);
    } else {
      rest.lower(0);
    }
    rest.set(outer, 1);
    for (Key k : inner) {
      rest.set(vars.get(k), -1);
    }
  }

  private static void sum(
      ExpressionsBasedModel model, String name, Variable total, Variable a, Variable b) {
    Expression s = model.addExpression(name).level(0);
    s.set(total, 1);
    s.set(a, -1);
    s.set(b, -1);
  }

  private static Variable bounded(Variable v, Interval i) {
    v.lower(i.lo());
    if (i.hi() != Interval.UNBOUNDED) {
      v.upper(i.hi());
    }
    return v;
  }

  /**
   * Every count's maximum (or minimum) over the table's relations. One programme pushes all of them
   * towards their prior bound at once; a count its solution leaves at that bound is proved there.
   * Each count still short of it is solved for on its own, and every solution proves the others it
   * reaches.
   */
  private Map<Key, Double> bounds(
      ExpressionsBasedModel model,
      Map<Key, Variable> vars,
      Map<Key, Integer> index,
      Map<Key, Interval> priors,
      Set<Key> targets,
      boolean max) {
    Map<Key, Double> out = new HashMap<>();
    List<Key> open = new ArrayList<>(targets);
    // Unbounded counts are proved unbounded only by their own programme.
    Optimisation.Result all =
        optimise(
            model,
            index,
            open.stream().filter(k -> !max || priors.get(k).hi() != Interval.UNBOUNDED).toList(),
            max);
    solves.increment();
    open = settle(index, priors, open, all, out, max);
    // Push the counts still short of their bound together again while that proves any more of
    // them; a count one programme cannot move to its bound is then solved for on its own.
    while (open.size() > 1) {
      List<Key> bounded =
          open.stream().filter(k -> !max || priors.get(k).hi() != Interval.UNBOUNDED).toList();
      if (bounded.size() < 2) {
        break;
      }
      Optimisation.Result again = optimise(model, index, bounded, max);
      solves.increment();
      List<Key> still = settle(index, priors, open, again, out, max);
      if (still.size() == open.size()) {
        break;
      }
      open = still;
    }
    while (!open.isEmpty()) {
      Key k = open.get(0);
      Optimisation.Result one = optimise(model, index, List.of(k), max);
      solves.increment();
      if (one.getState() == Optimisation.State.UNBOUNDED) {
        out.put(k, (double) Interval.UNBOUNDED);
      } else {
        requireSolved(one);
        out.put(k, one.doubleValue(index.get(k)));
      }
      open.remove(0);
      open = settle(index, priors, open, one, out, max);
    }
    return out;
  }

  private static void requireSolved(Optimisation.Result r) {
    if (!r.getState().isFeasible()) {
      throw new IllegalStateException(
          "The published tables admit no solution ("
              + r.getState()
              + "): the attacker's model of"
              + " the policy does not match what was published");
    }
  }

  private static List<Key> settle(
      Map<Key, Integer> index,
      Map<Key, Interval> priors,
      List<Key> open,
      Optimisation.Result solution,
      Map<Key, Double> out,
      boolean max) {
    if (!solution.getState().isFeasible()) {
      return open;
    }
    List<Key> still = new ArrayList<>();
    for (Key k : open) {
      Interval p = priors.get(k);
      double v = solution.doubleValue(index.get(k));
      double bound = max ? p.hi() : p.lo();
      boolean reached = max ? p.hi() != Interval.UNBOUNDED && v >= bound - EPS : v <= bound + EPS;
      if (reached) {
        out.put(k, bound);
      } else {
        still.add(k);
      }
    }
    return still;
  }

  /**
   * One programme: the sum of {@code weighted} maximised or minimised, on a copy of the model (a
   * model keeps the objective it was first solved with).
   */
  private static Optimisation.Result optimise(
      ExpressionsBasedModel model, Map<Key, Integer> index, Collection<Key> weighted, boolean max) {
    ExpressionsBasedModel copy = model.copy();
    for (Key k : weighted) {
      copy.getVariable(index.get(k)).weight(1);
    }
    return max ? copy.maximise() : copy.minimise();
  }
}
