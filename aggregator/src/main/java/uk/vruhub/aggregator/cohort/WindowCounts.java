package uk.vruhub.aggregator.cohort;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.hub.RiskFlag;

/**
 * What a person's facts inside the look-back add up to, kept incrementally: adding or removing one
 * fact changes the counts by that fact alone. Only removing a fact that holds an extreme (the first
 * or last event, the latest age or home area, the earliest event after the window) needs the
 * person's other facts, and {@link #remove} says so. The profile is a function of these counts and
 * the rules ({@link #profile}), so it is the same whatever order the facts arrived in.
 *
 * <p>The latest age and home area follow the profile's total order of facts: day, then kind, then
 * age (unknown first), then home area (unknown first).
 */
final class WindowCounts {

  private static final Agency[] AGENCIES = Agency.values();
  private static final Sex[] SEXES = Sex.values();
  private static final PersonFact.Kind[] KINDS = PersonFact.Kind.values();

  /** Orders facts as a profile reads them, for the latest age. */
  private static final Comparator<PersonFact> AGE_ORDER =
      Comparator.comparing(PersonFact::day)
          .thenComparing(PersonFact::kind)
          .thenComparing(f -> f.age() == null ? -1 : f.age());

  /** Orders facts as a profile reads them, for the latest home area. */
  private static final Comparator<PersonFact> HOME_ORDER =
      AGE_ORDER.thenComparing(f -> f.homeArea() == null ? "" : f.homeArea());

  private int facts;
  private int[] agencies = new int[AGENCIES.length];
  private int[] sexes = new int[SEXES.length];
  private int[] kinds = new int[KINDS.length];
  private int violence;
  private int weapon;
  private int violentVictim;
  private int violentSuspect;
  private LocalDate first;
  private LocalDate last;

  /** The fact (keys dropped) whose age the profile shows, or null. */
  private PersonFact ageHolder;

  /** The fact (keys dropped) whose home area the profile shows, or null. */
  private PersonFact homeHolder;

  /** The earliest day of a fact after the window, which joins it when the month reaches it. */
  private LocalDate pending;

  /** The look-back window ending with a month: [from, until). */
  record Window(LocalDate from, LocalDate until) {
    static Window of(LocalDate asOfMonth, int lookbackMonths) {
      return new Window(asOfMonth.minusMonths(lookbackMonths - 1L), asOfMonth.plusMonths(1));
    }

    boolean contains(LocalDate day) {
      return !day.isBefore(from) && day.isBefore(until);
    }

    boolean after(LocalDate day) {
      return !day.isBefore(until);
    }
  }

  /** The counts of these facts under that window. */
  static WindowCounts of(Iterable<PersonFact> facts, Window window) {
    WindowCounts c = new WindowCounts();
    for (PersonFact f : facts) {
      c.add(f, window);
    }
    return c;
  }

  void add(PersonFact f, Window window) {
    if (window.after(f.day())) {
      pending = pending == null || f.day().isBefore(pending) ? f.day() : pending;
      return;
    }
    if (!window.contains(f.day())) {
      return;
    }
    count(f, 1);
    first = first == null || f.day().isBefore(first) ? f.day() : first;
    last = last == null || f.day().isAfter(last) ? f.day() : last;
    if (f.age() != null && (ageHolder == null || AGE_ORDER.compare(f, ageHolder) > 0)) {
      ageHolder = f.bare();
    }
    if (f.homeArea() != null && (homeHolder == null || HOME_ORDER.compare(f, homeHolder) > 0)) {
      homeHolder = f.bare();
    }
  }

  /**
   * Takes one fact's share back.
   *
   * @return false when the fact held an extreme: the counts are then incomplete and must be rebuilt
   *     from the person's remaining facts ({@link #of})
   */
  boolean remove(PersonFact f, Window window) {
    if (window.after(f.day())) {
      return !f.day().equals(pending);
    }
    if (!window.contains(f.day())) {
      return true;
    }
    count(f, -1);
    return !f.day().equals(first)
        && !f.day().equals(last)
        && (ageHolder == null || f.age() == null || AGE_ORDER.compare(f, ageHolder) != 0)
        && (homeHolder == null || f.homeArea() == null || HOME_ORDER.compare(f, homeHolder) != 0);
  }

  private void count(PersonFact f, int by) {
    facts += by;
    agencies[f.agency().ordinal()] += by;
    sexes[f.sex().ordinal()] += by;
    kinds[f.kind().ordinal()] += by;
    violence += f.violence() ? by : 0;
    weapon += f.weapon() ? by : 0;
    if (f.violence() && f.kind() == PersonFact.Kind.POLICE_VICTIM) {
      violentVictim += by;
    }
    if (f.violence() && f.kind() == PersonFact.Kind.POLICE_SUSPECT_OR_OFFENDER) {
      violentSuspect += by;
    }
  }

  /**
   * The first month at which the window's membership changes for this person: when the oldest fact
   * in it ages out, or the earliest fact after it comes in; null when neither can happen.
   */
  LocalDate nextChange(int lookbackMonths) {
    LocalDate leaves = first == null ? null : first.withDayOfMonth(1).plusMonths(lookbackMonths);
    LocalDate enters = pending == null ? null : pending.withDayOfMonth(1);
    if (leaves == null) {
      return enters;
    }
    return enters == null || leaves.isBefore(enters) ? leaves : enters;
  }

  /**
   * The person's profile, or null when they are not in the cohort: no events in the look-back, or
   * the inclusion rule not met.
   */
  Profile profile(String personId, CohortRules rules) {
    if (facts == 0) {
      return null;
    }
    List<Agency> known = new ArrayList<>(AGENCIES.length);
    for (Agency a : AGENCIES) {
      if (agencies[a.ordinal()] > 0) {
        known.add(a);
      }
    }
    Integer age = ageHolder == null ? null : ageHolder.age();
    boolean young = age != null && age >= rules.minAge() && age <= rules.maxAge();
    boolean included =
        (young && known.size() >= rules.minAgencies()) || violence >= rules.minViolenceEvents();
    if (!included) {
      return null;
    }
    int ed = kinds[PersonFact.Kind.ED_ASSAULT_ATTENDANCE.ordinal()];
    int suspensions = kinds[PersonFact.Kind.SCHOOL_SUSPENSION.ordinal()];
    int exclusions = kinds[PersonFact.Kind.PERMANENT_EXCLUSION.ordinal()];
    int absence = kinds[PersonFact.Kind.PERSISTENT_ABSENCE.ordinal()];
    List<RiskFlag> flags = new ArrayList<>();
    if (violentVictim > 0) {
      flags.add(RiskFlag.VIOLENCE_VICTIM);
    }
    if (violentSuspect > 0) {
      flags.add(RiskFlag.VIOLENCE_SUSPECT_OR_OFFENDER);
    }
    if (weapon > 0) {
      flags.add(RiskFlag.WEAPON_INVOLVED);
    }
    if (ed > 0) {
      flags.add(RiskFlag.ED_ASSAULT_ATTENDANCE);
    }
    if (suspensions > 0) {
      flags.add(RiskFlag.SCHOOL_SUSPENSION);
    }
    if (exclusions > 0) {
      flags.add(RiskFlag.PERMANENT_EXCLUSION);
    }
    if (absence > 0) {
      flags.add(RiskFlag.PERSISTENT_ABSENCE);
    }
    if (known.size() >= 2) {
      flags.add(RiskFlag.MULTI_AGENCY);
    }
    // The most frequent known sex; a tie goes to the one the Sex enum declares first.
    Sex sex = Sex.UNKNOWN;
    int most = 0;
    for (Sex s : SEXES) {
      if (s != Sex.UNKNOWN && sexes[s.ordinal()] > most) {
        sex = s;
        most = sexes[s.ordinal()];
      }
    }
    return new Profile(
        personId,
        age,
        sex,
        homeHolder == null ? null : homeHolder.homeArea(),
        List.copyOf(known),
        kinds[PersonFact.Kind.POLICE_VICTIM.ordinal()],
        kinds[PersonFact.Kind.POLICE_SUSPECT_OR_OFFENDER.ordinal()],
        violence,
        ed,
        suspensions,
        exclusions,
        absence,
        List.copyOf(flags),
        first,
        last);
  }

  /** Counts per symbol, for tests and diagnostics. */
  int agency(Agency a) {
    return agencies[a.ordinal()];
  }

  int kind(PersonFact.Kind k) {
    return kinds[k.ordinal()];
  }

  int sex(Sex s) {
    return sexes[s.ordinal()];
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(facts);
    StateCodec.writeCounts(out, AGENCIES, agencies);
    StateCodec.writeCounts(out, SEXES, sexes);
    StateCodec.writeCounts(out, KINDS, kinds);
    out.writeInt(violence);
    out.writeInt(weapon);
    out.writeInt(violentVictim);
    out.writeInt(violentSuspect);
    StateCodec.writeNullableDate(out, first);
    StateCodec.writeNullableDate(out, last);
    writeHolder(out, ageHolder);
    writeHolder(out, homeHolder);
    StateCodec.writeNullableDate(out, pending);
  }

  static WindowCounts read(DataInputStream in) throws IOException {
    WindowCounts c = new WindowCounts();
    c.facts = in.readInt();
    c.agencies = StateCodec.readCounts(in, Agency.class);
    c.sexes = StateCodec.readCounts(in, Sex.class);
    c.kinds = StateCodec.readCounts(in, PersonFact.Kind.class);
    c.violence = in.readInt();
    c.weapon = in.readInt();
    c.violentVictim = in.readInt();
    c.violentSuspect = in.readInt();
    c.first = StateCodec.readNullableDate(in);
    c.last = StateCodec.readNullableDate(in);
    c.ageHolder = readHolder(in);
    c.homeHolder = readHolder(in);
    c.pending = StateCodec.readNullableDate(in);
    return c;
  }

  private static void writeHolder(DataOutputStream out, PersonFact f) throws IOException {
    out.writeBoolean(f != null);
    if (f != null) {
      PersonFact.write(f, out);
    }
  }

  private static PersonFact readHolder(DataInputStream in) throws IOException {
    return in.readBoolean() ? PersonFact.read(in) : null;
  }
}
