package uk.vruhub.aggregator.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.common.Area;

/**
 * One crime as the hub knows it from the rows of its people, built with adder and subtractor so a
 * corrected or withdrawn row changes the crime exactly once. The crime's attributes are worked out
 * from all its current rows, never from whichever row came last, so the same rows always make the
 * same crime whatever order they arrived in: the most serious weapon and injury any row records,
 * domestic abuse if any row flags it, and the offence, place, time and area of the first row by
 * record key.
 */
public final class CrimeState {

  /** One row of the crime: the person's part and the crime as that row records it. */
  public record PersonPart(
      PersonRole role,
      Integer age,
      String offenceCode,
      String localCategory,
      Weapon weapon,
      InjuryLevel injury,
      PlaceType place,
      boolean domesticAbuse,
      long occurredFrom,
      String area) {}

  private final Map<String, PersonPart> people = new TreeMap<>();

  /** Adds (or replaces) a row. */
  public CrimeState add(PoliceCrimeEvent row) {
    people.put(
        row.getRecordPseudonym(),
        new PersonPart(
            row.getRole(),
            row.getAgeAtEvent(),
            row.getOffenceCode(),
            row.getLocalCategory(),
            row.getWeapon(),
            row.getInjury(),
            row.getPlaceType(),
            row.getDomesticAbuse(),
            row.getOccurredFrom().toEpochMilli(),
            finest(row.getIncidentArea())));
    return this;
  }

  /** Removes a row (its old version, when corrected; the row, when withdrawn). */
  public CrimeState remove(PoliceCrimeEvent row) {
    people.remove(row.getRecordPseudonym());
    return this;
  }

  /** The finest code of an area, or null. */
  public static String finest(Area area) {
    if (area == null) {
      return null;
    }
    if (area.getLsoa() != null) {
      return area.getLsoa();
    }
    return area.getWard() != null ? area.getWard() : area.getLocalAuthority();
  }

  public boolean empty() {
    return people.isEmpty();
  }

  /** The rows, by record key. */
  public Map<String, PersonPart> people() {
    return people;
  }

  private PersonPart first() {
    return people.values().iterator().next();
  }

  public String offenceCode() {
    return first().offenceCode();
  }

  public String localCategory() {
    return first().localCategory();
  }

  /** The most serious weapon any row records (firearm, corrosive, knife, other, none, unknown). */
  public Weapon weapon() {
    Weapon best = Weapon.UNKNOWN;
    for (PersonPart p : people.values()) {
      if (severity(p.weapon()) > severity(best)) {
        best = p.weapon();
      }
    }
    return best;
  }

  private static int severity(Weapon w) {
    return switch (w) {
      case UNKNOWN -> 0;
      case NONE -> 1;
      case OTHER -> 2;
      case KNIFE_OR_BLADED -> 3;
      case CORROSIVE -> 4;
      case FIREARM -> 5;
    };
  }

  /** The most serious injury any row records. */
  public InjuryLevel injury() {
    InjuryLevel worst = InjuryLevel.UNKNOWN;
    for (PersonPart p : people.values()) {
      if (p.injury() != InjuryLevel.UNKNOWN
          && (worst == InjuryLevel.UNKNOWN || p.injury().ordinal() > worst.ordinal())) {
        worst = p.injury();
      }
    }
    return worst;
  }

  public PlaceType place() {
    return first().place();
  }

  public boolean domesticAbuse() {
    return people.values().stream().anyMatch(PersonPart::domesticAbuse);
  }

  public long occurredFrom() {
    return first().occurredFrom();
  }

  public String area() {
    return first().area();
  }

  public static Serde<CrimeState> serde() {
    // Format 3: enums by name (format 2 wrote their ordinals, which an added symbol would shift).
    return Binary.serde(3, CrimeState::write, CrimeState::read);
  }

  private static void write(CrimeState s, DataOutputStream out) throws IOException {
    out.writeShort(s.people.size());
    for (Map.Entry<String, PersonPart> e : s.people.entrySet()) {
      PersonPart p = e.getValue();
      out.writeUTF(e.getKey());
      Binary.writeEnum(out, p.role());
      out.writeShort(p.age() == null ? -1 : p.age());
      Binary.writeNullableString(out, p.offenceCode());
      Binary.writeNullableString(out, p.localCategory());
      Binary.writeEnum(out, p.weapon());
      Binary.writeEnum(out, p.injury());
      Binary.writeEnum(out, p.place());
      out.writeBoolean(p.domesticAbuse());
      out.writeLong(p.occurredFrom());
      Binary.writeNullableString(out, p.area());
    }
  }

  private static CrimeState read(DataInputStream in) throws IOException {
    CrimeState s = new CrimeState();
    int n = in.readShort();
    for (int i = 0; i < n; i++) {
      String key = in.readUTF();
      PersonRole role = Binary.readEnum(in, PersonRole.class);
      int age = in.readShort();
      s.people.put(
          key,
          new PersonPart(
              role,
              age < 0 ? null : age,
              Binary.readNullableString(in),
              Binary.readNullableString(in),
              Binary.readEnum(in, Weapon.class),
              Binary.readEnum(in, InjuryLevel.class),
              Binary.readEnum(in, PlaceType.class),
              in.readBoolean(),
              in.readLong(),
              Binary.readNullableString(in)));
    }
    return s;
  }
}
