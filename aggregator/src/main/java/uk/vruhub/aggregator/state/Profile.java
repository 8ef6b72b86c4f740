package uk.vruhub.aggregator.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.hub.RiskFlag;

/**
 * A person in the cohort, before the policy is applied: what the hub knows of them across agencies
 * within the look-back. Only the policy enforcer turns this into a published record.
 */
public record Profile(
    String personId,
    Integer age,
    Sex sex,
    String homeArea,
    List<Agency> agencies,
    int policeVictimEvents,
    int policeSuspectOrOffenderEvents,
    int violenceEvents,
    int edAssaultAttendances,
    int schoolSuspensions,
    int permanentExclusions,
    int persistentAbsenceTerms,
    List<RiskFlag> flags,
    LocalDate firstEvent,
    LocalDate lastEvent) {

  /**
   * The profile of a person from their records' facts, or null when they are not in the cohort: no
   * events in the look-back, or the inclusion rule not met.
   */
  public static Profile compute(
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

  public static Serde<Profile> serde() {
    return Binary.serde(1, Profile::write, Profile::read);
  }

  private static void write(Profile p, DataOutputStream out) throws IOException {
    out.writeUTF(p.personId);
    out.writeShort(p.age == null ? -1 : p.age);
    out.writeByte(p.sex.ordinal());
    Binary.writeNullableString(out, p.homeArea);
    out.writeByte(p.agencies.size());
    for (Agency a : p.agencies) {
      out.writeByte(a.ordinal());
    }
    for (int n :
        new int[] {
          p.policeVictimEvents,
          p.policeSuspectOrOffenderEvents,
          p.violenceEvents,
          p.edAssaultAttendances,
          p.schoolSuspensions,
          p.permanentExclusions,
          p.persistentAbsenceTerms
        }) {
      out.writeInt(n);
    }
    out.writeByte(p.flags.size());
    for (RiskFlag f : p.flags) {
      out.writeByte(f.ordinal());
    }
    out.writeInt((int) p.firstEvent.toEpochDay());
    out.writeInt((int) p.lastEvent.toEpochDay());
  }

  private static Profile read(DataInputStream in) throws IOException {
    String id = in.readUTF();
    int age = in.readShort();
    Sex sex = Sex.values()[in.readByte()];
    String home = Binary.readNullableString(in);
    List<Agency> agencies = new ArrayList<>();
    int na = in.readByte();
    for (int i = 0; i < na; i++) {
      agencies.add(Agency.values()[in.readByte()]);
    }
    int[] n = new int[7];
    for (int i = 0; i < 7; i++) {
      n[i] = in.readInt();
    }
    List<RiskFlag> flags = new ArrayList<>();
    int nf = in.readByte();
    for (int i = 0; i < nf; i++) {
      flags.add(RiskFlag.values()[in.readByte()]);
    }
    return new Profile(
        id,
        age < 0 ? null : age,
        sex,
        home,
        agencies,
        n[0],
        n[1],
        n[2],
        n[3],
        n[4],
        n[5],
        n[6],
        flags,
        LocalDate.ofEpochDay(in.readInt()),
        LocalDate.ofEpochDay(in.readInt()));
  }
}
