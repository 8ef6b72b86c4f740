package uk.vruhub.aggregator.cohort;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.aggregator.state.Binary;
import uk.vruhub.avro.hub.RiskFlag;

/**
 * A cohort summary cell: home area (already generalised by the policy, or the VRU area when
 * unknown), age band, and the combination of risk flags, in the profile's flag order. The key of
 * the summary store; flags are stored by name.
 *
 * @param area the area code people are counted in
 * @param ageBand the policy's age band, or null when the age is unknown
 * @param flags the risk flags
 */
public record SummaryCell(String area, String ageBand, List<RiskFlag> flags) {

  public SummaryCell {
    flags = List.copyOf(flags);
  }

  public static Serde<SummaryCell> serde() {
    return Binary.serde(1, SummaryCell::write, SummaryCell::read);
  }

  private static void write(SummaryCell c, DataOutputStream out) throws IOException {
    out.writeUTF(c.area);
    Binary.writeNullableString(out, c.ageBand);
    out.writeByte(c.flags.size());
    for (RiskFlag f : c.flags) {
      StateCodec.writeEnum(out, f);
    }
  }

  private static SummaryCell read(DataInputStream in) throws IOException {
    String area = in.readUTF();
    String band = Binary.readNullableString(in);
    int n = in.readByte();
    List<RiskFlag> flags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      flags.add(Binary.readEnum(in, RiskFlag.class));
    }
    return new SummaryCell(area, band, flags);
  }
}
