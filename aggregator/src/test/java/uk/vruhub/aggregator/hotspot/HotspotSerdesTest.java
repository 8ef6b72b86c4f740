package uk.vruhub.aggregator.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.definitions.Incident;
import uk.vruhub.avro.hub.PeriodType;

/**
 * The stored forms of the hotspot keys and state, byte for byte: enums by name and definitions by
 * key, so neither a new enum symbol nor a new order of the definitions file changes what stored
 * bytes mean. A format written by an older aggregator is refused with the way out, not misread.
 */
class HotspotSerdesTest {

  private static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);

  interface Writes {
    void to(DataOutputStream out) throws IOException;
  }

  private static byte[] bytes(Writes w) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      w.to(out);
    }
    return b.toByteArray();
  }

  @Test
  void aCellDefinitionIsItsAreaPeriodNameStartAndDefinitionKey() throws IOException {
    CellDefinition key = new Cell("E01900003", PeriodType.WEEK, MONDAY).under("hips-2023@1");
    byte[] expected =
        bytes(
            out -> {
              out.writeByte(1);
              out.writeUTF("E01900003");
              out.writeUTF("WEEK");
              out.writeInt((int) MONDAY.toEpochDay());
              out.writeUTF("hips-2023@1");
            });
    assertThat(HotspotSerdes.cellDefinition().serializer().serialize("t", key)).isEqualTo(expected);
    assertThat(HotspotSerdes.cellDefinition().deserializer().deserialize("t", expected))
        .isEqualTo(key);
  }

  @Test
  void countsAreNamedFieldsNotSlotsOfADefinitionVector() throws IOException {
    byte[] expected =
        bytes(
            out -> {
              out.writeByte(1);
              out.writeInt(5);
              out.writeInt(0);
              out.writeInt(2);
              out.writeInt(3);
            });
    assertThat(HotspotSerdes.counts().deserializer().deserialize("t", expected))
        .isEqualTo(new Counts(5, 0, 2, 3));
    assertThat(HotspotSerdes.counts().serializer().serialize("t", new Counts(5, 0, 2, 3)))
        .isEqualTo(expected);
  }

  @Test
  void aContributionNamesItsDefinitionsAndSource() throws IOException {
    Contribution c =
        new Contribution(
            List.of("hips-2023@1", "sussex-2020@1"),
            Incident.Source.HEALTH,
            null,
            MONDAY,
            "E23900001");
    byte[] expected =
        bytes(
            out -> {
              out.writeByte(2);
              out.writeShort(2);
              out.writeUTF("hips-2023@1");
              out.writeUTF("sussex-2020@1");
              out.writeUTF("HEALTH");
              out.writeBoolean(false);
              out.writeInt((int) MONDAY.toEpochDay());
              out.writeUTF("E23900001");
            });
    assertThat(HotspotSerdes.contribution().serializer().serialize("t", c)).isEqualTo(expected);
    assertThat(HotspotSerdes.contribution().deserializer().deserialize("t", expected)).isEqualTo(c);
  }

  @Test
  void theOldPositionBitsetIsRefusedWithTheWayOut() throws IOException {
    // Format 1: membership bits by position in the definitions file, source as a byte.
    byte[] old =
        bytes(
            out -> {
              out.writeByte(1);
              out.writeInt(0b0101);
              out.writeByte(0);
              out.writeBoolean(false);
              out.writeInt((int) MONDAY.toEpochDay());
              out.writeUTF("E23900001");
            });
    assertThatThrownBy(() -> HotspotSerdes.contribution().deserializer().deserialize("t", old))
        .hasMessageContaining("format 1")
        .hasMessageContaining("reset the aggregator's state");
  }

  @Test
  void anUnknownEnumNameIsRefusedNotMisread() throws IOException {
    byte[] later =
        bytes(
            out -> {
              out.writeByte(1);
              out.writeUTF("E01900003");
              out.writeUTF("FORTNIGHT");
              out.writeInt((int) MONDAY.toEpochDay());
            });
    assertThatThrownBy(() -> HotspotSerdes.cell().deserializer().deserialize("t", later))
        .hasMessageContaining("PeriodType 'FORTNIGHT'");
  }

  @Test
  void cellCountsAreByDefinitionKey() throws IOException {
    byte[] expected =
        bytes(
            out -> {
              out.writeByte(1);
              out.writeShort(2);
              out.writeUTF("hips-2023@1");
              for (int n : new int[] {6, 0, 1, 2}) {
                out.writeInt(n);
              }
              out.writeUTF("sussex-2020@1");
              for (int n : new int[] {5, 0, 0, 0}) {
                out.writeInt(n);
              }
            });
    CellCounts counts =
        CellCounts.of("sussex-2020@1", new Counts(5, 0, 0, 0))
            .plus(CellCounts.of("hips-2023@1", new Counts(6, 0, 1, 2)));
    assertThat(HotspotSerdes.cellCounts().serializer().serialize("t", counts)).isEqualTo(expected);
    assertThat(HotspotSerdes.cellCounts().deserializer().deserialize("t", expected))
        .isEqualTo(counts);
  }
}
