package uk.vruhub.policy.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import uk.vruhub.policy.model.FieldRule;
import uk.vruhub.policy.model.Flow;
import uk.vruhub.policy.model.LawfulBasis;
import uk.vruhub.policy.model.LevelRules;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.policy.model.TopicRules;
import uk.vruhub.policy.model.Treatment;

/**
 * What changed between two versions of a policy, in plain words, each change marked as widening
 * (more is disclosed, or to more people, or for longer), narrowing, or neutral. An IG officer signs
 * off the widenings.
 */
public final class PolicyDiff {

  /** Which way a change moves disclosure. */
  public enum Direction {
    WIDENS,
    NARROWS,
    NEUTRAL
  }

  /** One change, said in words. */
  public record Change(Direction direction, String where, String what) {
    @Override
    public String toString() {
      return direction + "  " + where + ": " + what;
    }
  }

  private final List<Change> out = new ArrayList<>();

  private PolicyDiff() {}

  public static List<Change> between(PolicyDocument before, PolicyDocument after) {
    PolicyDiff diff = new PolicyDiff();
    diff.agreement(before, after);
    diff.levels(before, after);
    diff.recipients(before, after);
    diff.retention(before, after);
    diff.topics(before, after);
    diff.lawfulBases(before, after);
    return List.copyOf(diff.out);
  }

  private void agreement(PolicyDocument b, PolicyDocument a) {
    if (!Objects.equals(b.agreement().version(), a.agreement().version())) {
      add(
          Direction.NEUTRAL,
          "agreement",
          "version " + b.agreement().version() + " -> " + a.agreement().version());
    }
    if (!Objects.equals(b.agreement().effective(), a.agreement().effective())) {
      add(
          Direction.NEUTRAL,
          "agreement",
          "effective date " + b.agreement().effective() + " -> " + a.agreement().effective());
    }
  }

  private void levels(PolicyDocument b, PolicyDocument a) {
    for (int level : Set.of(1, 2)) {
      LevelRules x = b.levels().get(level);
      LevelRules y = a.levels().get(level);
      if (x == null || y == null) {
        continue;
      }
      String where = "level " + level;
      if (x.finestArea() != y.finestArea()) {
        add(
            y.finestArea().ordinal() < x.finestArea().ordinal()
                ? Direction.WIDENS
                : Direction.NARROWS,
            where,
            "finest area " + x.finestArea() + " -> " + y.finestArea());
      }
      if (x.finestTime() != y.finestTime()) {
        add(
            y.finestTime().ordinal() < x.finestTime().ordinal()
                ? Direction.WIDENS
                : Direction.NARROWS,
            where,
            "finest time " + x.finestTime() + " -> " + y.finestTime());
      }
      if (!Objects.equals(x.suppressionFloor(), y.suppressionFloor())
          && x.suppressionFloor() != null
          && y.suppressionFloor() != null) {
        add(
            y.suppressionFloor() < x.suppressionFloor() ? Direction.WIDENS : Direction.NARROWS,
            where,
            "suppression floor " + x.suppressionFloor() + " -> " + y.suppressionFloor());
      }
      if (!Objects.equals(x.narrowestAgeBand(), y.narrowestAgeBand())
          && x.narrowestAgeBand() != null
          && y.narrowestAgeBand() != null) {
        add(
            y.narrowestAgeBand() < x.narrowestAgeBand() ? Direction.WIDENS : Direction.NARROWS,
            where,
            "narrowest age band "
                + x.narrowestAgeBand()
                + " -> "
                + y.narrowestAgeBand()
                + " years");
      }
    }
  }

  private void recipients(PolicyDocument b, PolicyDocument a) {
    Map<String, Recipient> before = byId(b.recipients());
    Map<String, Recipient> after = byId(a.recipients());
    for (Recipient r : a.recipients()) {
      Recipient old = before.get(r.id());
      String where = "recipient " + r.id();
      if (old == null) {
        add(Direction.WIDENS, where, "added, level " + r.maxLevel() + ", topics " + r.topics());
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
      if (!Objects.equals(r.principal(), old.principal())) {
        add(Direction.NEUTRAL, where, "principal " + old.principal() + " -> " + r.principal());
      }
    }
    for (String id : before.keySet()) {
      if (!after.containsKey(id)) {
        add(Direction.NARROWS, "recipient " + id, "removed");
      }
    }
  }

  private void retention(PolicyDocument b, PolicyDocument a) {
    for (Map.Entry<String, Duration> e : a.retention().entrySet()) {
      Duration old = b.retention().get(e.getKey());
      if (old != null && !old.equals(e.getValue())) {
        add(
            e.getValue().compareTo(old) > 0 ? Direction.WIDENS : Direction.NARROWS,
            "retention " + e.getKey(),
            old.toDays() + " -> " + e.getValue().toDays() + " days");
      }
    }
  }

  private void topics(PolicyDocument b, PolicyDocument a) {
    for (TopicRules after : a.topics().values()) {
      TopicRules before = b.topics().get(after.topicId());
      String where = "topic " + after.topicId();
      if (before == null) {
        add(Direction.WIDENS, where, "newly published at level " + after.level());
        continue;
      }
      if (before.level() != after.level()) {
        add(
            after.level() > before.level() ? Direction.WIDENS : Direction.NARROWS,
            where,
            "level " + before.level() + " -> " + after.level());
      }
      Set<String> seen = new HashSet<>();
      for (FieldRule f : after.fields().values()) {
        seen.add(f.field());
        FieldRule old = before.fields().get(f.field());
        String at = where + ", field " + f.field();
        if (old == null) {
          add(Direction.WIDENS, at, "newly published (" + describe(f.treatment()) + ")");
          continue;
        }
        if (!Objects.equals(old.source(), f.source())) {
          add(Direction.NEUTRAL, at, "source " + old.source() + " -> " + f.source());
        }
        if (!Objects.equals(old.treatment(), f.treatment())) {
          add(
              compare(old.treatment(), f.treatment()),
              at,
              describe(old.treatment()) + " -> " + describe(f.treatment()));
        }
        if (!Objects.equals(old.rationale(), f.rationale())) {
          add(Direction.NEUTRAL, at, "rationale reworded");
        }
      }
      for (String field : before.fields().keySet()) {
        if (!seen.contains(field)) {
          add(Direction.NARROWS, where + ", field " + field, "no longer published");
        }
      }
    }
    for (String topic : b.topics().keySet()) {
      if (!a.topics().containsKey(topic)) {
        add(Direction.NARROWS, "topic " + topic, "no longer published");
      }
    }
  }

  /** Whether the new treatment of a field discloses more than the old one. */
  static Direction compare(Treatment before, Treatment after) {
    if (before instanceof Treatment.GeneraliseArea x
        && after instanceof Treatment.GeneraliseArea y) {
      return order(y.level().ordinal(), x.level().ordinal());
    }
    if (before instanceof Treatment.TruncateTime x
        && after instanceof Treatment.TruncateTime y
        && x.unit() != null
        && y.unit() != null) {
      return order(y.unit().ordinal(), x.unit().ordinal());
    }
    if (before instanceof Treatment.Count x && after instanceof Treatment.Count y) {
      if (y.suppressBelow() != x.suppressBelow()) {
        return order(y.suppressBelow(), x.suppressBelow());
      }
      if (!Objects.equals(x.roundTo(), y.roundTo())) {
        return y.roundTo() == null || (x.roundTo() != null && y.roundTo() < x.roundTo())
            ? Direction.WIDENS
            : Direction.NARROWS;
      }
      return Direction.NEUTRAL;
    }
    if (before instanceof Treatment.TopCode x && after instanceof Treatment.TopCode y) {
      return y.max() > x.max() ? Direction.WIDENS : Direction.NARROWS;
    }
    if (before instanceof Treatment.AgeBand x && after instanceof Treatment.AgeBand y) {
      return y.bands().size() > x.bands().size()
          ? Direction.WIDENS
          : y.bands().size() < x.bands().size() ? Direction.NARROWS : Direction.NEUTRAL;
    }
    if (before instanceof Treatment.Keep x && after instanceof Treatment.Keep y) {
      if (y.allowed().isEmpty() && !x.allowed().isEmpty()) {
        return Direction.WIDENS;
      }
      if (x.allowed().isEmpty() && !y.allowed().isEmpty()) {
        return Direction.NARROWS;
      }
      return y.allowed().size() >= x.allowed().size() ? Direction.WIDENS : Direction.NARROWS;
    }
    if (after instanceof Treatment.Keep && !(before instanceof Treatment.Keep)) {
      return Direction.WIDENS;
    }
    if (before instanceof Treatment.Keep) {
      return Direction.NARROWS;
    }
    return Direction.NEUTRAL;
  }

  /** WIDENS when the new value is finer (smaller) than the old. */
  private static Direction order(int after, int before) {
    return after < before
        ? Direction.WIDENS
        : after > before ? Direction.NARROWS : Direction.NEUTRAL;
  }

  private static String describe(Treatment t) {
    return t == null ? "no treatment" : t.describe();
  }

  private static Map<String, Recipient> byId(List<Recipient> recipients) {
    Map<String, Recipient> out = new java.util.LinkedHashMap<>();
    recipients.forEach(r -> out.put(r.id(), r));
    return out;
  }

  private void add(Direction direction, String where, String what) {
    out.add(new Change(direction, where, what));
  }

  // ---- lawful-basis schedule -------------------------------------------------------------------

  /**
   * Changes to the lawful-basis schedule. A basis removed, a condition of a basis removed or
   * changed, a changed statutory power, or a flow or field that no longer names a basis it named,
   * widens: the IG officer must sign off that the sharing still has a lawful basis. A basis or
   * condition added is neutral.
   */
  private void lawfulBases(PolicyDocument b, PolicyDocument a) {
    for (LawfulBasis x : b.lawfulBases().values()) {
      String where = "lawful-bases." + x.id();
      LawfulBasis y = a.lawfulBases().get(x.id());
      if (y == null) {
        add(Direction.WIDENS, where, "lawful basis removed");
        continue;
      }
      basisPart(where, "Art. 6(1) basis", x.article6(), y.article6());
      basisPart(where, "Art. 9(2) condition", x.article9(), y.article9());
      basisPart(where, "Art. 9 Schedule 1 condition", x.article9Schedule1(), y.article9Schedule1());
      basisPart(
          where, "Art. 10 Schedule 1 condition", x.article10Schedule1(), y.article10Schedule1());
      basisPart(where, "Part 3 Schedule 8 condition", x.part3Schedule8(), y.part3Schedule8());
      basisPart(where, "duty-of-confidentiality basis", x.confidentiality(), y.confidentiality());
      if (!Objects.equals(x.statutoryPower(), y.statutoryPower())) {
        add(
            Direction.WIDENS,
            where,
            "statutory power changed: '"
                + x.statutoryPower()
                + "' -> '"
                + y.statutoryPower()
                + "'");
      }
    }
    for (String id : a.lawfulBases().keySet()) {
      if (!b.lawfulBases().containsKey(id)) {
        add(Direction.NEUTRAL, "lawful-bases." + id, "lawful basis added");
      }
    }
    for (Flow x : b.flows().values()) {
      Flow y = a.flows().get(x.topicId());
      basisIds("flows." + x.topicId(), x.lawfulBasis(), y == null ? List.of() : y.lawfulBasis());
    }
    for (TopicRules x : b.topics().values()) {
      TopicRules y = a.topics().get(x.topicId());
      for (FieldRule f : x.fields().values()) {
        FieldRule g = y == null ? null : y.fields().get(f.field());
        if (g != null) {
          basisIds(
              "topics." + x.topicId() + ".fields." + f.field(), f.lawfulBasis(), g.lawfulBasis());
        }
      }
    }
  }

  private void basisPart(String where, String what, Object before, Object after) {
    if (Objects.equals(before, after)) {
      return;
    }
    if (before == null) {
      add(Direction.NEUTRAL, where, what + " added: " + describeBasisPart(after));
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
      add(Direction.NEUTRAL, where, "lawful basis added: " + String.join(", ", added));
    }
  }
}
