package uk.vruhub.aggregator.state;

import java.io.IOException;
import java.time.LocalDate;
import org.apache.kafka.common.serialization.Serde;

/**
 * What one incident adds to the hotspot counts: which definitions it meets, which source it is
 * from, the area it is counted in (null when its location is unknown), its day, and its VRU area.
 * Kept per incident so a correction can take back exactly what the earlier version added.
 */
public record Contribution(int membership, int source, String area, LocalDate day, String vruArea) {

  public static Serde<Contribution> serde() {
    return Binary.serde(
        1,
        (c, out) -> {
          out.writeInt(c.membership());
          out.writeByte(c.source());
          Binary.writeNullableString(out, c.area());
          out.writeInt((int) c.day().toEpochDay());
          out.writeUTF(c.vruArea());
        },
        in -> readContribution(in));
  }

  private static Contribution readContribution(java.io.DataInputStream in) throws IOException {
    return new Contribution(
        in.readInt(),
        in.readByte(),
        Binary.readNullableString(in),
        LocalDate.ofEpochDay(in.readInt()),
        in.readUTF());
  }
}
