package uk.vruhub.aggregator.cohort;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
    List<String> keys) {

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

  /** The same fact without its match keys: what a person's state keeps (it holds the keys once). */
  PersonFact withoutKeys() {
    return keys.isEmpty()
        ? this
        : new PersonFact(
            agency, kind, day, extractDate, age, sex, homeArea, violence, weapon, List.of());
  }

  /**
   * Format 2: enums by name (format 1 wrote ordinals, which a reordered or extended enum would
   * relabel). Used on the linkage repartition topic.
   */
  public static Serde<PersonFact> serde() {
    return Binary.serde(FORMAT, PersonFact::write, PersonFact::read);
  }

  static final int FORMAT = 2;

  static void write(PersonFact f, DataOutputStream out) throws IOException {
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
  }

  static PersonFact read(DataInputStream in) throws IOException {
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
    return new PersonFact(
        agency, kind, day, extract, age < 0 ? null : age, sex, home, violence, weapon, keys);
  }
}
