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
import uk.vruhub.avro.hub.RiskFlag;

/**
 * A person in the cohort, before the policy is applied: what the hub knows of them across agencies
 * within the look-back. Only the policy enforcer turns this into a published record. Derived from a
 * person's {@link WindowCounts}; equal profiles publish nothing new.
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

  /** Format 2: enums by name (format 1 wrote ordinals). */
  public static Serde<Profile> serde() {
    return Binary.serde(2, Profile::write, Profile::read);
  }

  private static void write(Profile p, DataOutputStream out) throws IOException {
    out.writeUTF(p.personId);
    out.writeShort(p.age == null ? -1 : p.age);
    StateCodec.writeEnum(out, p.sex);
    Binary.writeNullableString(out, p.homeArea);
    out.writeByte(p.agencies.size());
    for (Agency a : p.agencies) {
      StateCodec.writeEnum(out, a);
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
      StateCodec.writeEnum(out, f);
    }
    StateCodec.writeDate(out, p.firstEvent);
    StateCodec.writeDate(out, p.lastEvent);
  }

  private static Profile read(DataInputStream in) throws IOException {
    String id = in.readUTF();
    int age = in.readShort();
    Sex sex = Binary.readEnum(in, Sex.class);
    String home = Binary.readNullableString(in);
    List<Agency> agencies = new ArrayList<>();
    int na = in.readByte();
    for (int i = 0; i < na; i++) {
      agencies.add(Binary.readEnum(in, Agency.class));
    }
    int[] n = new int[7];
    for (int i = 0; i < 7; i++) {
      n[i] = in.readInt();
    }
    List<RiskFlag> flags = new ArrayList<>();
    int nf = in.readByte();
    for (int i = 0; i < nf; i++) {
      flags.add(Binary.readEnum(in, RiskFlag.class));
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
        StateCodec.readDate(in),
        StateCodec.readDate(in));
  }
}
