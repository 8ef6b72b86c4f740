package uk.vruhub.aggregator.cohort;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.aggregator.state.Binary;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;

/**
 * What one agency record tells the cohort about a person: the kind of event, when, the person's
 * age, sex and home area then, whether it was serious violence under the cohort's definition or
 * involved a weapon, and the strong match keys that link it to other records.
 *
 * @param agency the agency
 * @param kind what happened
 * @param day when (UK date)
 * @param extractDate the extract that carried the record (drives the cohort's "as of" month)
 * @param age age then, or null
 * @param sex sex as recorded
 * @param homeArea finest home area code, or null
 * @param violence the event meets the cohort's serious-violence definition
 * @param weapon a weapon was involved
 * @param keys strong match keys, as {@code SCHEME|value}
 * @param homeDistrict home local authority district code, or null
 * @param encoding the record's similarity encoding, or null when it had none
 */
public record PersonFact(
    Agency agency,
    Kind kind,
    LocalDate day,
    LocalDate extractDate,
    Integer age,
    Sex sex,
    String homeArea,
    boolean violence,
    boolean weapon,
    List<String> keys,
    String homeDistrict,
    Encoding encoding) {

  /** A fact without a district or encoding: linked by its strong keys alone. */
  public PersonFact(
      Agency agency,
      Kind kind,
      LocalDate day,
      LocalDate extractDate,
      Integer age,
      Sex sex,
      String homeArea,
      boolean violence,
      boolean weapon,
      List<String> keys) {
    this(agency, kind, day, extractDate, age, sex, homeArea, violence, weapon, keys, null, null);
  }

  /**
   * The same fact without its keys or encoding: what the look-back counts keep of the record that
   * gave a profile its latest age or home area.
   */
  PersonFact bare() {
    return keys.isEmpty() && encoding == null
        ? this
        : new PersonFact(
            agency,
            kind,
            day,
            extractDate,
            age,
            sex,
            homeArea,
            violence,
            weapon,
            List.of(),
            homeDistrict,
            null);
  }

  /** What the linkage compares of this record. */
  IdentityVariant variant() {
    return IdentityVariant.of(this);
  }

  /**
   * Kinds of event a person can have. Their declaration order breaks ties between events of one day
   * when a profile takes the latest age and home area; stored state names them, so the order can
   * change without relabelling what is stored.
   */
  public enum Kind {
    POLICE_VICTIM,
    POLICE_SUSPECT_OR_OFFENDER,
    POLICE_OTHER,
    ED_ASSAULT_ATTENDANCE,
    SCHOOL_SUSPENSION,
    PERMANENT_EXCLUSION,
    PERSISTENT_ABSENCE
  }

  /**
   * Format 4: format 2 (enums by name; format 1 wrote ordinals, which a reordered or extended enum
   * would relabel) with the home district and the similarity encoding (format 3), whose blocks
   * carry the given names' initials. Used on the linkage repartition topic.
   */
  public static Serde<PersonFact> serde() {
    return Binary.serde(FORMAT, PersonFact::write, PersonFact::read);
  }

  static final int FORMAT = 4;

  static void write(PersonFact f, DataOutputStream out) throws IOException {
    writeCommon(f, out);
    out.writeBoolean(f.encoding != null);
    if (f.encoding != null) {
      Encoding.write(f.encoding, out);
    }
  }

  static PersonFact read(DataInputStream in) throws IOException {
    PersonFact f = readCommon(in);
    return in.readBoolean() ? f.with(Encoding.read(in)) : f;
  }

  /**
   * Writes a fact of a person's state: an encoding the person's records already wrote is written as
   * its index in {@code written} (encodings in the order first written), so a person's hundred
   * records of one spelling store it once.
   */
  static void write(PersonFact f, DataOutputStream out, Map<Encoding, Integer> written)
      throws IOException {
    writeCommon(f, out);
    if (f.encoding == null) {
      out.writeShort(-1);
      return;
    }
    Integer index = written.get(f.encoding);
    if (index != null) {
      out.writeShort(index);
    } else {
      out.writeShort(-2);
      Encoding.write(f.encoding, out);
      written.put(f.encoding, written.size());
    }
  }

  /** Reads a fact written by {@link #write(PersonFact, DataOutputStream, Map)}. */
  static PersonFact read(DataInputStream in, List<Encoding> read) throws IOException {
    PersonFact f = readCommon(in);
    int ref = in.readShort();
    if (ref == -1) {
      return f;
    }
    if (ref == -2) {
      Encoding e = Encoding.read(in);
      read.add(e);
      return f.with(e);
    }
    return f.with(read.get(ref));
  }

  private PersonFact with(Encoding e) {
    return new PersonFact(
        agency,
        kind,
        day,
        extractDate,
        age,
        sex,
        homeArea,
        violence,
        weapon,
        keys,
        homeDistrict,
        e);
  }

  private static void writeCommon(PersonFact f, DataOutputStream out) throws IOException {
    StateCodec.writeEnum(out, f.agency);
    StateCodec.writeEnum(out, f.kind);
    StateCodec.writeDate(out, f.day);
    StateCodec.writeDate(out, f.extractDate);
    out.writeShort(f.age == null ? -1 : f.age);
    StateCodec.writeEnum(out, f.sex);
    Binary.writeNullableString(out, f.homeArea);
    out.writeBoolean(f.violence);
    out.writeBoolean(f.weapon);
    out.writeShort(f.keys.size());
    for (String k : f.keys) {
      out.writeUTF(k);
    }
    Binary.writeNullableString(out, f.homeDistrict);
  }

  private static PersonFact readCommon(DataInputStream in) throws IOException {
    Agency agency = Binary.readEnum(in, Agency.class);
    Kind kind = Binary.readEnum(in, Kind.class);
    LocalDate day = StateCodec.readDate(in);
    LocalDate extract = StateCodec.readDate(in);
    int age = in.readShort();
    Sex sex = Binary.readEnum(in, Sex.class);
    String home = Binary.readNullableString(in);
    boolean violence = in.readBoolean();
    boolean weapon = in.readBoolean();
    int n = in.readShort();
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(in.readUTF());
    }
    String district = Binary.readNullableString(in);
    return new PersonFact(
        agency,
        kind,
        day,
        extract,
        age < 0 ? null : age,
        sex,
        home,
        violence,
        weapon,
        keys,
        district,
        null);
  }
}
