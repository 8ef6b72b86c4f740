package uk.vruhub.policy.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import uk.vruhub.policy.model.Agreement;
import uk.vruhub.policy.model.DisclosureControl;
import uk.vruhub.policy.model.FieldRule;
import uk.vruhub.policy.model.Flow;
import uk.vruhub.policy.model.LawfulBasis;
import uk.vruhub.policy.model.LevelRules;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.policy.model.TopicRules;
import uk.vruhub.policy.model.Treatment;

/**
 * What changed between two versions of a policy, in plain words ({@code old -> new}), each change
 * marked as widening (more is disclosed, or to more people, or for longer), narrowing, or neutral.
 * An IG officer signs off the widenings; {@code policy diff --fail-on-widening} lets a pipeline
 * refuse them until then.
 *
 * <p>Every component of every model record is compared ({@link #COMPARED} names them, and {@code
 * PolicyDiffCompletenessTest} mutates each one), so any difference between two policies is
 * reported. The rule is "when in doubt, publish less": a change whose direction cannot be decided
 * is marked {@code WIDENS} and says {@code (review required)}; {@code NEUTRAL} is kept for text
 * that only describes and that nothing enforces or relies on. The rules:
 *
 * <ul>
 *   <li><b>Agreement.</b> A new agreement id, a changed or removed reference (ISA, DPIA, legal
 *       basis text), a changed effective date, a later or removed review-by date, an approver
 *       removed, or an approval withdrawn or re-dated widens; a reference or approver added, an
 *       earlier or newly set review-by date, or a pending approval now dated narrows. The version,
 *       the agreement's name and an approver's role wording are neutral.
 *   <li><b>Levels.</b> A finer finest-area or finest-time, a lower suppression floor or narrowest
 *       age band, or one of them removed, widens; the opposite narrows. A changed meaning, or a
 *       level's rules added or removed, widens (review required); a level's name is neutral.
 *   <li><b>Recipients.</b> A recipient added, a higher highest level or a topic added widens; a
 *       recipient removed, a lower level or a topic removed narrows. A changed principal widens
 *       (review required: another Kafka principal gets the grants); the description is neutral.
 *   <li><b>Retention.</b> Longer widens, shorter narrows; retention added or removed for a topic
 *       widens (review required: the topic spec's default applies instead, which may be longer).
 *   <li><b>Topics and fields.</b> A topic or field added, a higher level, or a changed key widens;
 *       a topic or field removed or a lower level narrows. A changed source widens (review
 *       required: another value is published under the same name); a field's rationale is neutral.
 *   <li><b>Treatments.</b> Compared component by component: finer generalise-area or truncate-time,
 *       a lower suppress-below, rounding removed or to a smaller base, zeros no longer hidden, a
 *       higher top-code, keep values added (or the list dropped, so every value is kept) or age
 *       bands that separate ages the old bands kept together widen; the opposite narrows. Any other
 *       change of a treatment — a new pseudonymise recipient, suppressed-as, a truncate-time unit
 *       taken from another field, a derivation's inputs, band labels, or one kind of treatment
 *       replaced by another — widens (review required), except that becoming {@code keep} widens
 *       and leaving {@code keep} narrows.
 *   <li><b>Lawful bases and flows.</b> A basis removed, a condition of a basis removed or changed,
 *       a changed statutory power or note, a flow added or its sender changed, or a flow or field
 *       that no longer names a basis it named, widens; a basis, condition, statutory power, note or
 *       named basis added, or a flow removed, narrows (it only adds to what must hold).
 *   <li><b>Order.</b> A list whose only change is its order (recipients, a recipient's topics, keep
 *       values, a field's lawful bases, approvers) is neutral; a key's order widens (review
 *       required). Map entries (topics, fields, retention, levels, bases, flows) have no order.
 * </ul>
 *
 * <p>The policy identity's SHA-256 is not compared: it changes with every byte of the file,
 * comments included, and its id and version are the agreement's, compared above.
 */
public final class PolicyDiff {

  /** Which way a change moves disclosure. */
  public enum Direction {
    WIDENS,
    NARROWS,
    /** Descriptive text only: it does not change what is disclosed, to whom or for how long. */
    NEUTRAL
  }

  /** One change, said in words. */
  public record Change(Direction direction, String where, String what) {
    @Override
    public String toString() {
      return direction + "  " + where + ": " + what;
    }
  }

  /** Appended to a change marked WIDENS because its direction cannot be decided. */
  public static final String REVIEW = " (review required)";

  /** Appended to a change of a component that no rule here covers yet (see {@link #COMPARED}). */
  static final String NO_RULE = " (no rule for this component yet; review required)";

  /**
   * The components of each model record that this class compares, by record type. A component of a
   * model record that is not named here is still reported when it differs, as a widening that needs
   * review; {@code PolicyDiffCompletenessTest} fails until it is named here with a rule.
   */
  static final Map<Class<?>, Set<String>> COMPARED =
      Map.ofEntries(
          Map.entry(
              PolicyDocument.class,
              Set.of(
                  "agreement",
                  "levels",
                  "recipients",
                  "retention",
                  "topics",
                  "lawfulBases",
                  "flows")),
          Map.entry(
              Agreement.class,
              Set.of("id", "name", "version", "effective", "reviewBy", "references", "approvers")),
          Map.entry(Agreement.Approver.class, Set.of("role", "approved")),
          Map.entry(
              LevelRules.class,
              Set.of(
                  "level",
                  "name",
                  "meaning",
                  "finestArea",
                  "finestTime",
                  "suppressionFloor",
                  "narrowestAgeBand",
                  "disclosureControl")),
          Map.entry(
              DisclosureControl.class,
              Set.of(
                  "roundingBase", "suppressZero", "protectionWidth", "revisions", "vruAreaCount")),
          Map.entry(
              Recipient.class, Set.of("id", "principal", "description", "maxLevel", "topics")),
          Map.entry(TopicRules.class, Set.of("topicId", "level", "key", "fields")),
          Map.entry(
              FieldRule.class, Set.of("field", "source", "treatment", "rationale", "lawfulBasis")),
          Map.entry(
              LawfulBasis.class,
              Set.of(
                  "id",
                  "article6",
                  "article9",
                  "article9Schedule1",
                  "article10Schedule1",
                  "part3Schedule8",
                  "confidentiality",
                  "statutoryPower",
                  "note")),
          Map.entry(Flow.class, Set.of("topicId", "from", "lawfulBasis")),
          Map.entry(Treatment.Keep.class, Set.of("allowed")),
          Map.entry(Treatment.Pseudonymise.class, Set.of("recipient")),
          Map.entry(Treatment.AgeBand.class, Set.of("bands")),
          Map.entry(Treatment.Band.class, Set.of("from", "to", "label")),
          Map.entry(Treatment.GeneraliseArea.class, Set.of("level")),
          Map.entry(Treatment.TruncateTime.class, Set.of("unit", "unitFrom")),
          Map.entry(
              Treatment.Count.class,
              Set.of("suppressBelow", "roundTo", "suppressedAs", "suppressZero")),
          Map.entry(Treatment.TopCode.class, Set.of("max")),
          Map.entry(Treatment.Derive.class, Set.of("derivation", "of", "population")));

  /** Components deliberately not compared, with the reason. */
  static final Map<String, String> NOT_COMPARED =
      Map.of(
          "PolicyDocument.identity",
          "its SHA-256 changes with every byte of the file, comments included; its id and version"
              + " are the agreement's, which are compared");

  private final List<Change> out = new ArrayList<>();

  private PolicyDiff() {}

  public static List<Change> between(PolicyDocument before, PolicyDocument after) {
    PolicyDiff diff = new PolicyDiff();
    diff.agreement(before.agreement(), after.agreement());
    diff.levels(before, after);
    diff.recipients(before, after);
    diff.retention(before, after);
    diff.topics(before, after);
    diff.lawfulBases(before, after);
    diff.rest("policy", before, after);
    if (diff.out.isEmpty() && !withoutIdentity(before).equals(withoutIdentity(after))) {
      diff.add(Direction.WIDENS, "policy", "changed where no rule looks" + NO_RULE);
    }
    return List.copyOf(diff.out);
  }

  private static PolicyDocument withoutIdentity(PolicyDocument d) {
    return new PolicyDocument(
        null,
        d.agreement(),
        d.levels(),
        d.recipients(),
        d.retention(),
        d.topics(),
        d.lawfulBases(),
        d.flows());
  }

  // ---- agreement -------------------------------------------------------------------------------

  private void agreement(Agreement x, Agreement y) {
    String where = "agreement";
    if (x == null || y == null) {
      if (x != y) {
        review(where, (x == null ? "added" : "removed"));
      }
      return;
    }
    if (!Objects.equals(x.id(), y.id())) {
      review(where, "id " + x.id() + " -> " + y.id() + ", a different agreement");
    }
    if (!Objects.equals(x.name(), y.name())) {
      add(Direction.NEUTRAL, where, "name '" + x.name() + "' -> '" + y.name() + "'");
    }
    if (!Objects.equals(x.version(), y.version())) {
      add(Direction.NEUTRAL, where, "version " + x.version() + " -> " + y.version());
    }
    if (!Objects.equals(x.effective(), y.effective())) {
      review(where, "effective date " + x.effective() + " -> " + y.effective());
    }
    if (!Objects.equals(x.reviewBy(), y.reviewBy())) {
      add(
          later(x.reviewBy(), y.reviewBy()) ? Direction.WIDENS : Direction.NARROWS,
          where,
          "review-by date " + none(x.reviewBy()) + " -> " + none(y.reviewBy()));
    }
    references(where, x.references(), y.references());
    approvers(where, x.approvers(), y.approvers());
    rest(where, x, y);
  }

  /** Whether a review-by date moved later or was removed (no review due). */
  private static boolean later(LocalDate before, LocalDate after) {
    return after == null || (before != null && after.isAfter(before));
  }

  private void references(String where, Map<String, String> x, Map<String, String> y) {
    for (Map.Entry<String, String> e : x.entrySet()) {
      String now = y.get(e.getKey());
      String at = where + ", reference " + e.getKey();
      if (!y.containsKey(e.getKey())) {
        add(Direction.WIDENS, at, "removed (was '" + e.getValue() + "')");
      } else if (!Objects.equals(e.getValue(), now)) {
        review(at, "'" + e.getValue() + "' -> '" + now + "'");
      }
    }
    for (Map.Entry<String, String> e : y.entrySet()) {
      if (!x.containsKey(e.getKey())) {
        add(
            Direction.NARROWS,
            where + ", reference " + e.getKey(),
            "added: '" + e.getValue() + "'");
      }
    }
  }

  private void approvers(String where, List<Agreement.Approver> x, List<Agreement.Approver> y) {
    List<Agreement.Approver> left = new ArrayList<>(x);
    List<Agreement.Approver> right = new ArrayList<>(y);
    List<Agreement.Approver[]> pairs = new ArrayList<>();
    for (Agreement.Approver a : x) {
      for (Agreement.Approver b : right) {
        if (Objects.equals(a.role(), b.role())) {
          pairs.add(new Agreement.Approver[] {a, b});
          left.remove(a);
          right.remove(b);
          break;
        }
      }
    }
    // What is left on both sides, in order, is the same approver with its role reworded.
    while (!left.isEmpty() && !right.isEmpty()) {
      pairs.add(new Agreement.Approver[] {left.remove(0), right.remove(0)});
    }
    for (Agreement.Approver[] p : pairs) {
      Agreement.Approver a = p[0];
      Agreement.Approver b = p[1];
      String at = where + ", approver " + b.role();
      if (!Objects.equals(a.role(), b.role())) {
        add(Direction.NEUTRAL, at, "role reworded: '" + a.role() + "' -> '" + b.role() + "'");
      }
      if (!Objects.equals(a.approved(), b.approved())) {
        String what = "approved " + pending(a.approved()) + " -> " + pending(b.approved());
        if (a.approved() == null) {
          add(Direction.NARROWS, at, what);
        } else {
          review(at, what);
        }
      }
      rest(at, a, b);
    }
    for (Agreement.Approver a : left) {
      add(Direction.WIDENS, where + ", approver " + a.role(), "removed, no longer signs off");
    }
    for (Agreement.Approver b : right) {
      add(
          Direction.NARROWS,
          where + ", approver " + b.role(),
          "added, approved " + pending(b.approved()));
    }
    if (left.isEmpty()
        && right.isEmpty()
        && pairs.stream().allMatch(p -> p[0].equals(p[1]))
        && !x.equals(y)) {
      add(Direction.NEUTRAL, where, "approvers reordered");
    }
  }

  private static String pending(LocalDate date) {
    return date == null ? "pending" : date.toString();
  }

  // ---- levels ----------------------------------------------------------------------------------

  private void levels(PolicyDocument b, PolicyDocument a) {
    Set<Integer> all = new TreeSet<>(b.levels().keySet());
    all.addAll(a.levels().keySet());
    for (int level : all) {
      LevelRules x = b.levels().get(level);
      LevelRules y = a.levels().get(level);
      String where = "level " + level;
      if (x == null || y == null) {
        review(where, x == null ? "rules added" : "rules removed");
        continue;
      }
      if (x.level() != y.level()) {
        review(where, "level number " + x.level() + " -> " + y.level());
      }
      if (!Objects.equals(x.name(), y.name())) {
        add(Direction.NEUTRAL, where, "name '" + x.name() + "' -> '" + y.name() + "'");
      }
      if (!Objects.equals(x.meaning(), y.meaning())) {
        review(where, "meaning '" + x.meaning() + "' -> '" + y.meaning() + "'");
      }
      finest(where, "finest area", x.finestArea(), y.finestArea());
      finest(where, "finest time", x.finestTime(), y.finestTime());
      protection(where, "suppression floor", x.suppressionFloor(), y.suppressionFloor(), "");
      protection(where, "narrowest age band", x.narrowestAgeBand(), y.narrowestAgeBand(), " years");
      disclosureControl(where, x.disclosureControl(), y.disclosureControl());
      rest(where, x, y);
    }
  }

  /**
   * The level-1 disclosure-control section: added narrows and removed widens (its rules no longer
   * bind the counts); within it a smaller or removed rounding base, zeros no longer hidden, a
   * narrower protection width, revisions published per event or a VRU area counting all its events
   * (a total over its areas) widen, and the opposite narrows.
   */
  private void disclosureControl(String where, DisclosureControl x, DisclosureControl y) {
    if (Objects.equals(x, y)) {
      return;
    }
    String at = where + ", disclosure control";
    if (x == null || y == null) {
      add(
          x == null ? Direction.NARROWS : Direction.WIDENS,
          at,
          x == null
              ? "section added"
              : "section removed (only the suppression floor binds counts)");
      return;
    }
    protection(at, "rounding base", x.roundingBase(), y.roundingBase(), "");
    if (x.suppressZero() != y.suppressZero()) {
      add(
          y.suppressZero() ? Direction.NARROWS : Direction.WIDENS,
          at,
          "suppress-zero " + x.suppressZero() + " -> " + y.suppressZero());
    }
    protection(at, "protection width", x.protectionWidth(), y.protectionWidth(), "");
    if (x.revisions() != y.revisions()) {
      boolean widens =
          y.revisions() == null || y.revisions() == DisclosureControl.Revisions.PER_EVENT_ROUNDED;
      add(
          widens ? Direction.WIDENS : Direction.NARROWS,
          at,
          "revisions "
              + (x.revisions() == null ? "not stated" : x.revisions().key())
              + " -> "
              + (y.revisions() == null ? "not stated" : y.revisions().key()));
    }
    if (x.vruAreaCount() != y.vruAreaCount()) {
      // A VRU total over the areas is a margin the hidden areas can be subtracted from.
      add(
          y.vruAreaCount() == DisclosureControl.VruAreaCount.ALL_EVENTS
              ? Direction.WIDENS
              : Direction.NARROWS,
          at,
          "vru-area-count " + x.vruAreaCount().key() + " -> " + y.vruAreaCount().key());
    }
  }

  /**
   * A limit on how fine a value may be (enums ordered finest first): finer or removed widens,
   * coarser or newly set narrows.
   */
  private void finest(String where, String what, Enum<?> before, Enum<?> after) {
    if (Objects.equals(before, after)) {
      return;
    }
    boolean widens = after == null || (before != null && after.ordinal() < before.ordinal());
    add(
        widens ? Direction.WIDENS : Direction.NARROWS,
        where,
        what + " " + none(before) + " -> " + none(after));
  }

  /**
   * A number that protects more the higher it is (a floor, a band width, a rounding base): lower or
   * removed widens, higher or newly set narrows.
   */
  private void protection(String where, String what, Integer before, Integer after, String unit) {
    if (Objects.equals(before, after)) {
      return;
    }
    boolean widens = after == null || (before != null && after < before);
    add(
        widens ? Direction.WIDENS : Direction.NARROWS,
        where,
        what + " " + none(before) + " -> " + none(after) + unit);
  }

  // ---- recipients ------------------------------------------------------------------------------

  private void recipients(PolicyDocument b, PolicyDocument a) {
    int reported = out.size();
    Map<String, Recipient> before = byId(b.recipients());
    Map<String, Recipient> after = byId(a.recipients());
    for (Recipient r : after.values()) {
      Recipient old = before.get(r.id());
      String where = "recipient " + r.id();
      if (old == null) {
        add(
            Direction.WIDENS,
            where,
            "added, principal "
                + r.principal()
                + ", level "
                + r.maxLevel()
                + ", topics "
                + r.topics());
        continue;
      }
      if (r.maxLevel() != old.maxLevel()) {
        add(
            r.maxLevel() > old.maxLevel() ? Direction.WIDENS : Direction.NARROWS,
            where,
            "highest level " + old.maxLevel() + " -> " + r.maxLevel());
      }
      for (String t : r.topics()) {
        if (!old.topics().contains(t)) {
          add(Direction.WIDENS, where, "now receives " + t);
        }
      }
      for (String t : old.topics()) {
        if (!r.topics().contains(t)) {
          add(Direction.NARROWS, where, "no longer receives " + t);
        }
      }
      order(where, "topics", old.topics(), r.topics());
      if (!Objects.equals(r.principal(), old.principal())) {
        review(
            where,
            "principal "
                + old.principal()
                + " -> "
                + r.principal()
                + ": the new principal is granted the recipient's topics");
      }
      if (!Objects.equals(r.description(), old.description())) {
        add(
            Direction.NEUTRAL,
            where,
            "description '" + old.description() + "' -> '" + r.description() + "'");
      }
      rest(where, old, r);
    }
    for (String id : before.keySet()) {
      if (!after.containsKey(id)) {
        add(Direction.NARROWS, "recipient " + id, "removed");
      }
    }
    if (before.keySet().equals(after.keySet())
        && !b.recipients().equals(a.recipients())
        && new HashSet<>(b.recipients()).equals(new HashSet<>(a.recipients()))) {
      add(
          Direction.NEUTRAL,
          "recipients",
          "order " + before.keySet() + " -> " + after.keySet() + " (order only)");
    }
    if (out.size() == reported && !b.recipients().equals(a.recipients())) {
      // Only a recipient id listed twice can get here, which `check` refuses.
      review(
          "recipients",
          "ids " + ids(b.recipients()) + " -> " + ids(a.recipients()) + ", an id listed twice");
    }
  }

  private static List<String> ids(List<Recipient> recipients) {
    return recipients.stream().map(Recipient::id).toList();
  }

  /** A list whose order the hub does not use: an order-only change is neutral. */
  private void order(String where, String what, List<?> before, List<?> after) {
    if (!before.equals(after) && new HashSet<>(before).equals(new HashSet<>(after))) {
      add(Direction.NEUTRAL, where, what + " " + before + " -> " + after + " (order only)");
    }
  }

  // ---- retention -------------------------------------------------------------------------------

  private void retention(PolicyDocument b, PolicyDocument a) {
    for (Map.Entry<String, Duration> e : a.retention().entrySet()) {
      Duration old = b.retention().get(e.getKey());
      String where = "retention " + e.getKey();
      if (old == null) {
        review(
            where,
            "none -> "
                + days(e.getValue())
                + " days (was the topic spec's default, which may be longer or shorter)");
      } else if (!old.equals(e.getValue())) {
        add(
            e.getValue().compareTo(old) > 0 ? Direction.WIDENS : Direction.NARROWS,
            where,
            days(old) + " -> " + days(e.getValue()) + " days");
      }
    }
    for (Map.Entry<String, Duration> e : b.retention().entrySet()) {
      if (!a.retention().containsKey(e.getKey())) {
        review(
            "retention " + e.getKey(),
            days(e.getValue())
                + " days -> none (the topic spec's default applies, which may be longer)");
      }
    }
  }

  /** Days, with any remainder shown so a change of hours is not hidden. */
  private static String days(Duration d) {
    return d.toSeconds() % 86_400 == 0 ? String.valueOf(d.toDays()) : d.toString();
  }

  // ---- topics and fields -----------------------------------------------------------------------

  private void topics(PolicyDocument b, PolicyDocument a) {
    for (Map.Entry<String, TopicRules> entry : a.topics().entrySet()) {
      TopicRules after = entry.getValue();
      TopicRules before = b.topics().get(entry.getKey());
      String where = "topic " + entry.getKey();
      if (before == null) {
        add(Direction.WIDENS, where, "newly published at level " + after.level());
        continue;
      }
      if (!Objects.equals(before.topicId(), after.topicId())) {
        review(where, "topic id " + before.topicId() + " -> " + after.topicId());
      }
      if (before.level() != after.level()) {
        add(
            after.level() > before.level() ? Direction.WIDENS : Direction.NARROWS,
            where,
            "level " + before.level() + " -> " + after.level());
      }
      if (!Objects.equals(before.key(), after.key())) {
        review(where, "key " + before.key() + " -> " + after.key());
      }
      for (Map.Entry<String, FieldRule> fe : after.fields().entrySet()) {
        FieldRule f = fe.getValue();
        FieldRule old = before.fields().get(fe.getKey());
        String at = where + ", field " + fe.getKey();
        if (old == null) {
          add(Direction.WIDENS, at, "newly published (" + describe(f.treatment()) + ")");
          continue;
        }
        field(at, old, f);
      }
      for (String field : before.fields().keySet()) {
        if (!after.fields().containsKey(field)) {
          add(Direction.NARROWS, where + ", field " + field, "no longer published");
        }
      }
      rest(where, before, after);
    }
    for (String topic : b.topics().keySet()) {
      if (!a.topics().containsKey(topic)) {
        add(Direction.NARROWS, "topic " + topic, "no longer published");
      }
    }
  }

  /** One field's changes; its lawful bases are compared with the schedule, below. */
  private void field(String at, FieldRule old, FieldRule f) {
    if (!Objects.equals(old.field(), f.field())) {
      review(at, "field name " + old.field() + " -> " + f.field());
    }
    if (!Objects.equals(old.source(), f.source())) {
      review(
          at,
          "source "
              + none(old.source())
              + " -> "
              + none(f.source())
              + ": another value is published under the same name");
    }
    treatment(at, old.treatment(), f.treatment());
    if (!Objects.equals(old.rationale(), f.rationale())) {
      add(
          Direction.NEUTRAL,
          at,
          "rationale reworded: '" + old.rationale() + "' -> '" + f.rationale() + "'");
    }
    rest(at, old, f);
  }

  // ---- treatments ------------------------------------------------------------------------------

  private void treatment(String at, Treatment x, Treatment y) {
    if (Objects.equals(x, y)) {
      return;
    }
    String change = describe(x) + " -> " + describe(y);
    if (x == null || y == null || x.getClass() != y.getClass()) {
      if (y instanceof Treatment.Keep) {
        add(Direction.WIDENS, at, change);
      } else if (x instanceof Treatment.Keep) {
        add(Direction.NARROWS, at, change);
      } else {
        review(at, change);
      }
      return;
    }
    if (x instanceof Treatment.Keep a && y instanceof Treatment.Keep b) {
      keep(at, a, b);
    } else if (x instanceof Treatment.Pseudonymise a && y instanceof Treatment.Pseudonymise b) {
      if (!Objects.equals(a.recipient(), b.recipient())) {
        review(
            at,
            change
                + ": the pseudonyms are made with another recipient's secret and link to its"
                + " data");
      }
    } else if (x instanceof Treatment.AgeBand a && y instanceof Treatment.AgeBand b) {
      ageBands(at, a, b, change);
    } else if (x instanceof Treatment.GeneraliseArea a && y instanceof Treatment.GeneraliseArea b) {
      finestTreatment(at, a.level(), b.level(), change);
    } else if (x instanceof Treatment.TruncateTime a && y instanceof Treatment.TruncateTime b) {
      if (a.unit() != null && b.unit() != null) {
        finestTreatment(at, a.unit(), b.unit(), change);
      } else if (!Objects.equals(a.unit(), b.unit())) {
        review(at, change);
      }
      if (!Objects.equals(a.unitFrom(), b.unitFrom()) && a.unit() == b.unit()) {
        review(at, "unit taken from " + none(a.unitFrom()) + " -> " + none(b.unitFrom()));
      }
    } else if (x instanceof Treatment.Count a && y instanceof Treatment.Count b) {
      count(at, a, b);
    } else if (x instanceof Treatment.TopCode a && y instanceof Treatment.TopCode b) {
      if (a.max() != b.max()) {
        add(b.max() > a.max() ? Direction.WIDENS : Direction.NARROWS, at, change);
      }
    } else if (x instanceof Treatment.Derive a && y instanceof Treatment.Derive b) {
      if (a.derivation() != b.derivation()) {
        review(
            at,
            "derivation "
                + label(a.derivation())
                + " -> "
                + label(b.derivation())
                + " ("
                + change
                + ")");
      }
      if (!Objects.equals(a.of(), b.of())) {
        review(at, "derived from " + none(a.of()) + " -> " + none(b.of()));
      }
      if (!Objects.equals(a.population(), b.population())) {
        review(at, "population from " + none(a.population()) + " -> " + none(b.population()));
      }
    }
    rest(at, x, y);
  }

  private static String label(Treatment.Derivation d) {
    return d == null ? "none" : d.label();
  }

  private void finestTreatment(String at, Enum<?> before, Enum<?> after, String change) {
    if (before != after) {
      add(after.ordinal() < before.ordinal() ? Direction.WIDENS : Direction.NARROWS, at, change);
    }
  }

  /** An empty keep list keeps every value. */
  private void keep(String at, Treatment.Keep a, Treatment.Keep b) {
    Set<String> before = new LinkedHashSet<>(a.allowed());
    Set<String> after = new LinkedHashSet<>(b.allowed());
    String change = a.describe() + " -> " + b.describe();
    if (before.equals(after)) {
      order(at, "keep values", a.allowed(), b.allowed());
      return;
    }
    boolean widens = after.isEmpty() || (!before.isEmpty() && !before.containsAll(after));
    add(widens ? Direction.WIDENS : Direction.NARROWS, at, change);
  }

  /**
   * New bands widen when they separate ages the old bands kept together (a boundary the old bands
   * did not have); bands that only merge old ones narrow; the same boundaries with other labels
   * need review, as the published values change.
   */
  private void ageBands(String at, Treatment.AgeBand a, Treatment.AgeBand b, String change) {
    Set<Integer> before = boundaries(a.bands());
    Set<Integer> after = boundaries(b.bands());
    if (before.equals(after)) {
      review(at, "band labels " + change);
    } else {
      add(before.containsAll(after) ? Direction.NARROWS : Direction.WIDENS, at, change);
    }
  }

  private static Set<Integer> boundaries(List<Treatment.Band> bands) {
    Set<Integer> out = new TreeSet<>();
    for (Treatment.Band band : bands) {
      out.add(band.from());
      if (band.to() != null) {
        out.add(band.to() + 1);
      }
    }
    return out;
  }

  private void count(String at, Treatment.Count a, Treatment.Count b) {
    if (a.suppressBelow() != b.suppressBelow()) {
      add(
          b.suppressBelow() < a.suppressBelow() ? Direction.WIDENS : Direction.NARROWS,
          at,
          "count, "
              + (a.suppressZero() ? "0-" : "1-")
              + (a.suppressBelow() - 1)
              + " hidden -> count, "
              + (b.suppressZero() ? "0-" : "1-")
              + (b.suppressBelow() - 1)
              + " hidden");
    }
    if (!Objects.equals(a.roundTo(), b.roundTo())) {
      boolean widens = b.roundTo() == null || (a.roundTo() != null && b.roundTo() < a.roundTo());
      add(
          widens ? Direction.WIDENS : Direction.NARROWS,
          at,
          "shown counts " + rounding(a.roundTo()) + " -> " + rounding(b.roundTo()));
    }
    if (!Objects.equals(a.suppressedAs(), b.suppressedAs())) {
      review(
          at,
          "hidden counts published as "
              + (a.suppressedAs() == null ? "null" : a.suppressedAs())
              + " -> "
              + (b.suppressedAs() == null ? "null" : b.suppressedAs()));
    }
    if (a.suppressZero() != b.suppressZero()) {
      add(
          b.suppressZero() ? Direction.NARROWS : Direction.WIDENS,
          at,
          "zeros " + zeros(a.suppressZero()) + " -> " + zeros(b.suppressZero()));
    }
  }

  private static String rounding(Integer roundTo) {
    return roundTo == null ? "not rounded" : "rounded to nearest " + roundTo;
  }

  private static String zeros(boolean hidden) {
    return hidden ? "hidden like small counts" : "published as 0";
  }

  // ---- lawful-basis schedule -------------------------------------------------------------------

  /**
   * Changes to the lawful-basis schedule. A basis removed, a condition of a basis removed or
   * changed, a changed statutory power or note, a new flow or a flow's new sender, or a flow or
   * field that no longer names a basis it named, widens: the IG officer must sign off that the
   * sharing still has a lawful basis. A basis, condition or named basis added, or a flow removed,
   * narrows.
   */
  private void lawfulBases(PolicyDocument b, PolicyDocument a) {
    for (Map.Entry<String, LawfulBasis> entry : b.lawfulBases().entrySet()) {
      LawfulBasis x = entry.getValue();
      String where = "lawful-bases." + entry.getKey();
      LawfulBasis y = a.lawfulBases().get(entry.getKey());
      if (y == null) {
        add(Direction.WIDENS, where, "lawful basis removed");
        continue;
      }
      if (!Objects.equals(x.id(), y.id())) {
        review(where, "id " + x.id() + " -> " + y.id());
      }
      basisPart(where, "Art. 6(1) basis", x.article6(), y.article6());
      basisPart(where, "Art. 9(2) condition", x.article9(), y.article9());
      basisPart(where, "Art. 9 Schedule 1 condition", x.article9Schedule1(), y.article9Schedule1());
      basisPart(
          where, "Art. 10 Schedule 1 condition", x.article10Schedule1(), y.article10Schedule1());
      basisPart(where, "Part 3 Schedule 8 condition", x.part3Schedule8(), y.part3Schedule8());
      basisPart(where, "duty-of-confidentiality basis", x.confidentiality(), y.confidentiality());
      basisText(where, "statutory power", x.statutoryPower(), y.statutoryPower());
      basisText(where, "note", x.note(), y.note());
      rest(where, x, y);
    }
    for (String id : a.lawfulBases().keySet()) {
      if (!b.lawfulBases().containsKey(id)) {
        add(Direction.NARROWS, "lawful-bases." + id, "lawful basis added");
      }
    }
    for (Map.Entry<String, Flow> entry : b.flows().entrySet()) {
      Flow x = entry.getValue();
      Flow y = a.flows().get(entry.getKey());
      String where = "flows." + entry.getKey();
      if (y == null) {
        add(Direction.NARROWS, where, "flow removed (was from " + x.from() + ")");
        continue;
      }
      if (!Objects.equals(x.topicId(), y.topicId())) {
        review(where, "input topic " + x.topicId() + " -> " + y.topicId());
      }
      if (!Objects.equals(x.from(), y.from())) {
        review(where, "sent by '" + x.from() + "' -> '" + y.from() + "'");
      }
      basisIds(where, x.lawfulBasis(), y.lawfulBasis());
      rest(where, x, y);
    }
    for (Map.Entry<String, Flow> entry : a.flows().entrySet()) {
      if (!b.flows().containsKey(entry.getKey())) {
        Flow y = entry.getValue();
        add(
            Direction.WIDENS,
            "flows." + entry.getKey(),
            "flow added, from " + y.from() + ", under " + y.lawfulBasis());
      }
    }
    for (Map.Entry<String, TopicRules> entry : b.topics().entrySet()) {
      TopicRules y = a.topics().get(entry.getKey());
      for (Map.Entry<String, FieldRule> fe : entry.getValue().fields().entrySet()) {
        FieldRule g = y == null ? null : y.fields().get(fe.getKey());
        if (g != null) {
          basisIds(
              "topics." + entry.getKey() + ".fields." + fe.getKey(),
              fe.getValue().lawfulBasis(),
              g.lawfulBasis());
        }
      }
    }
  }

  private void basisText(String where, String what, String before, String after) {
    if (Objects.equals(before, after)) {
      return;
    }
    if (before == null) {
      add(Direction.NARROWS, where, what + " added: '" + after + "'");
    } else if (after == null) {
      add(Direction.WIDENS, where, what + " removed (was '" + before + "')");
    } else {
      add(Direction.WIDENS, where, what + " changed: '" + before + "' -> '" + after + "'");
    }
  }

  private void basisPart(String where, String what, Object before, Object after) {
    if (Objects.equals(before, after)) {
      return;
    }
    if (before == null) {
      add(Direction.NARROWS, where, what + " added: " + describeBasisPart(after));
    } else if (after == null) {
      add(Direction.WIDENS, where, what + " removed (was " + describeBasisPart(before) + ")");
    } else {
      add(
          Direction.WIDENS,
          where,
          what + " changed: " + describeBasisPart(before) + " -> " + describeBasisPart(after));
    }
  }

  private static String describeBasisPart(Object part) {
    if (part instanceof LawfulBasis.Article6 x) {
      return x.describe();
    } else if (part instanceof LawfulBasis.Article9 x) {
      return x.describe();
    } else if (part instanceof LawfulBasis.Schedule1 x) {
      return x.describe();
    } else if (part instanceof LawfulBasis.Schedule8 x) {
      return x.describe();
    } else if (part instanceof LawfulBasis.Confidentiality x) {
      return x.label();
    }
    return String.valueOf(part);
  }

  private void basisIds(String where, List<String> before, List<String> after) {
    List<String> removed = before.stream().filter(id -> !after.contains(id)).toList();
    List<String> added = after.stream().filter(id -> !before.contains(id)).toList();
    if (!removed.isEmpty()) {
      add(
          Direction.WIDENS,
          where,
          "no longer names lawful basis "
              + String.join(", ", removed)
              + (added.isEmpty() ? "" : " (now also " + String.join(", ", added) + ")"));
    } else if (!added.isEmpty()) {
      add(Direction.NARROWS, where, "lawful basis added: " + String.join(", ", added));
    } else {
      order(where, "lawful bases", before, after);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static String describe(Treatment t) {
    return t == null ? "no treatment" : t.describe();
  }

  private static String none(Object value) {
    return value == null ? "none" : value.toString();
  }

  private static Map<String, Recipient> byId(List<Recipient> recipients) {
    Map<String, Recipient> out = new LinkedHashMap<>();
    recipients.forEach(r -> out.putIfAbsent(r.id(), r));
    return out;
  }

  private void add(Direction direction, String where, String what) {
    out.add(new Change(direction, where, what));
  }

  /** A change whose direction cannot be decided: a widening until someone has looked. */
  private void review(String where, String what) {
    add(Direction.WIDENS, where, what + REVIEW);
  }

  /**
   * Reports, as a widening that needs review, every component of a model record that differs and
   * that {@link #COMPARED} does not name: a component added to the model later is never missed.
   */
  private void rest(String where, Record before, Record after) {
    if (before == null || after == null || before.getClass() != after.getClass()) {
      return;
    }
    Set<String> compared = COMPARED.getOrDefault(before.getClass(), Set.of());
    for (RecordComponent c : before.getClass().getRecordComponents()) {
      if (compared.contains(c.getName())
          || NOT_COMPARED.containsKey(before.getClass().getSimpleName() + "." + c.getName())) {
        continue;
      }
      Object x = value(c, before);
      Object y = value(c, after);
      if (!Objects.equals(x, y)) {
        add(Direction.WIDENS, where, c.getName() + " " + none(x) + " -> " + none(y) + NO_RULE);
      }
    }
  }

  private void rest(String where, Treatment before, Treatment after) {
    if (before instanceof Record x && after instanceof Record y) {
      rest(where, x, y);
    }
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
    }
  }
}
