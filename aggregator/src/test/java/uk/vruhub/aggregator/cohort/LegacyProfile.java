package uk.vruhub.aggregator.cohort;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.hub.RiskFlag;

/**
 * The profile as the linkage computed it before its counts became incremental: from all of a
 * person's facts at once, sorted. Kept verbatim as the tests' oracle, so the incremental counts are
 * shown to give exactly the profiles the rule always gave.
 */
final class LegacyProfile {

  private LegacyProfile() {}

  static Profile compute(
      String personId, List<PersonFact> facts, LocalDate asOfMonth, CohortRules rules) {
    LocalDate from = asOfMonth.minusMonths(rules.lookbackMonths() - 1L);
    LocalDate until = asOfMonth.plusMonths(1);
    List<PersonFact> window = new ArrayList<>();
    for (PersonFact f : facts) {
      if (!f.day().isBefore(from) && f.day().isBefore(until)) {
        window.add(f);
      }
    }
    if (window.isEmpty()) {
      return null;
    }
    // A total order, so the same facts give the same profile whatever order they arrived in.
    window.sort(
        java.util.Comparator.comparing(PersonFact::day)
            .thenComparing(PersonFact::kind)
            .thenComparing(f -> f.age() == null ? -1 : f.age())
            .thenComparing(f -> f.homeArea() == null ? "" : f.homeArea())
            .thenComparing(f -> f.sex().ordinal()));
    Set<Agency> agencies = EnumSet.noneOf(Agency.class);
    Map<Sex, Integer> sexes = new EnumMap<>(Sex.class);
    int victim = 0, suspect = 0, violence = 0, ed = 0, suspensions = 0, exclusions = 0, absence = 0;
    boolean weapon = false, violentVictim = false, violentSuspect = false;
    Integer age = null;
    String home = null;
    for (PersonFact f : window) {
      agencies.add(f.agency());
      if (f.sex() != Sex.UNKNOWN) {
        sexes.merge(f.sex(), 1, Integer::sum);
      }
      if (f.age() != null) {
        age = f.age();
      }
      if (f.homeArea() != null) {
        home = f.homeArea();
      }
      weapon |= f.weapon();
      if (f.violence()) {
        violence++;
      }
      switch (f.kind()) {
        case POLICE_VICTIM -> {
          victim++;
          violentVictim |= f.violence();
        }
        case POLICE_SUSPECT_OR_OFFENDER -> {
          suspect++;
          violentSuspect |= f.violence();
        }
        case ED_ASSAULT_ATTENDANCE -> ed++;
        case SCHOOL_SUSPENSION -> suspensions++;
        case PERMANENT_EXCLUSION -> exclusions++;
        case PERSISTENT_ABSENCE -> absence++;
        case POLICE_OTHER -> {
          // counted under agencies only
        }
      }
    }
    boolean young = age != null && age >= rules.minAge() && age <= rules.maxAge();
    boolean included =
        (young && agencies.size() >= rules.minAgencies()) || violence >= rules.minViolenceEvents();
    if (!included) {
      return null;
    }
    List<RiskFlag> flags = new ArrayList<>();
    if (violentVictim) {
      flags.add(RiskFlag.VIOLENCE_VICTIM);
    }
    if (violentSuspect) {
      flags.add(RiskFlag.VIOLENCE_SUSPECT_OR_OFFENDER);
    }
    if (weapon) {
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
    if (agencies.size() >= 2) {
      flags.add(RiskFlag.MULTI_AGENCY);
    }
    Sex sex =
        sexes.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(Sex.UNKNOWN);
    return new Profile(
        personId,
        age,
        sex,
        home,
        List.copyOf(agencies),
        victim,
        suspect,
        violence,
        ed,
        suspensions,
        exclusions,
        absence,
        List.copyOf(flags),
        window.get(0).day(),
        window.get(window.size() - 1).day());
  }
}
