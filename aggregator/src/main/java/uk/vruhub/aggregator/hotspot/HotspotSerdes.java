package uk.vruhub.aggregator.hotspot;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.aggregator.definitions.Incident;
import uk.vruhub.aggregator.state.Binary;
import uk.vruhub.avro.hub.PeriodType;

/**
 * Compact binary serdes of the hotspot keys and state. Each value starts with a format byte ({@link
 * Binary}); enums are written by name and definitions by key, never by ordinal or position, so
 * adding an enum symbol or reordering the definitions file reads old state exactly as it was
 * written.
 *
 * <pre>
 * Cell            1 | area (UTF) | period type name (UTF) | start (epoch day, int)
 * CellDefinition  1 | area | period type name | start | definition key (UTF)
 * Counts          1 | police located | police unlocated | health located | health unlocated (ints)
 * CellCounts      1 | n (short) | n × (definition key (UTF) | the four counts)
 * Contribution    2 | n (short) | n definition keys (UTF) | source name (UTF) | area? | day | VRU area
 * </pre>
 *
 * (Contribution format 1, the old position bitset, is refused with a message to reset the state.)
 */
public final class HotspotSerdes {

  private HotspotSerdes() {}

  public static Serde<Cell> cell() {
    return Binary.serde(1, HotspotSerdes::writeCell, HotspotSerdes::readCell);
  }

  public static Serde<CellDefinition> cellDefinition() {
    return Binary.serde(
        1,
        (k, out) -> {
          writeCell(k.cell(), out);
          out.writeUTF(k.definition());
        },
        in -> new CellDefinition(readCell(in), in.readUTF()));
  }

  public static Serde<Counts> counts() {
    return Binary.serde(1, HotspotSerdes::writeCounts, HotspotSerdes::readCounts);
  }

  public static Serde<Contribution> contribution() {
    return Binary.serde(
        2,
        (c, out) -> {
          out.writeShort(c.definitions().size());
          for (String d : c.definitions()) {
            out.writeUTF(d);
          }
          Binary.writeEnum(out, c.source());
          Binary.writeNullableString(out, c.area());
          out.writeInt((int) c.day().toEpochDay());
          out.writeUTF(c.vruArea());
        },
        HotspotSerdes::readContribution);
  }

  public static Serde<CellCounts> cellCounts() {
    return Binary.serde(
        1,
        (c, out) -> {
          out.writeShort(c.byDefinition().size());
          for (java.util.Map.Entry<String, Counts> e : c.byDefinition().entrySet()) {
            out.writeUTF(e.getKey());
            writeCounts(e.getValue(), out);
          }
        },
        in -> {
          int n = in.readShort();
          java.util.TreeMap<String, Counts> m = new java.util.TreeMap<>();
          for (int i = 0; i < n; i++) {
            m.put(in.readUTF(), readCounts(in));
          }
          return new CellCounts(m);
        });
  }

  private static void writeCounts(Counts c, DataOutputStream out) throws IOException {
    out.writeInt(c.policeLocated());
    out.writeInt(c.policeUnlocated());
    out.writeInt(c.healthLocated());
    out.writeInt(c.healthUnlocated());
  }

  private static Counts readCounts(DataInputStream in) throws IOException {
    return new Counts(in.readInt(), in.readInt(), in.readInt(), in.readInt());
  }

  private static void writeCell(Cell c, DataOutputStream out) throws IOException {
    out.writeUTF(c.area());
    Binary.writeEnum(out, c.period());
    out.writeInt((int) c.start().toEpochDay());
  }

  private static Cell readCell(DataInputStream in) throws IOException {
    String area = in.readUTF();
    PeriodType period = Binary.readEnum(in, PeriodType.class);
    return new Cell(area, period, LocalDate.ofEpochDay(in.readInt()));
  }

  private static Contribution readContribution(DataInputStream in) throws IOException {
    int n = in.readShort();
    List<String> definitions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      definitions.add(in.readUTF());
    }
    Incident.Source source = Binary.readEnum(in, Incident.Source.class);
    String area = Binary.readNullableString(in);
    LocalDate day = LocalDate.ofEpochDay(in.readInt());
    return new Contribution(definitions, source, area, day, in.readUTF());
  }
}
