package uk.vruhub.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.schemas.registry.InMemorySchemaRegistry;

class WireFormatTest {

  private static final HotspotKey KEY =
      HotspotKey.newBuilder()
          .setAreaCode("E01000001")
          .setPeriodType(PeriodType.WEEK)
          .setPeriodStart(LocalDate.of(2026, 1, 5))
          .setDefinitionId("hips-2023")
          .setSource(HotspotSource.COMBINED)
          .build();

  /**
   * The exact bytes, worked out by hand from the Confluent and Avro specifications: magic 00,
   * schema id 42 as 00 00 00 2a; then "E01000001" (zig-zag length 9 = 0x12, ASCII), WEEK (index 1 =
   * 0x02), 2026-01-05 (day 20458, zig-zag varint d4 bf 02), "hips-2023" (0x12, ASCII), COMBINED
   * (index 2 = 0x04).
   */
  private static final String GOLDEN =
      "000000002a" + "12453031303030303031" + "02" + "d4bf02" + "12686970732d32303233" + "04";

  @Test
  void writesTheConfluentWireFormatByteForByte() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry(42);
    AvroSerializer<HotspotKey> serializer = new AvroSerializer<>(registry, true, true);

    byte[] bytes = serializer.serialize("hub.hotspots.v1", KEY);

    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GOLDEN);
    assertThat(registry.idOf("hub.hotspots.v1-key", HotspotKey.getClassSchema())).contains(42);
  }

  @Test
  void readsTheGoldenBytesBack() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry(42);
    registry.register("hub.hotspots.v1-key", HotspotKey.getClassSchema());
    AvroDeserializer<HotspotKey> deserializer = new AvroDeserializer<>(registry, HotspotKey.class);

    assertThat(deserializer.deserialize("hub.hotspots.v1", HexFormat.of().parseHex(GOLDEN)))
        .isEqualTo(KEY);
  }

  @Test
  void nullIsATombstoneBothWays() {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);
    assertThat(new AvroSerializer<HotspotKey>(registry, true, false).serialize("t", null)).isNull();
    assertThat(new AvroDeserializer<HotspotKey>(registry, HotspotKey.class).deserialize("t", null))
        .isNull();
  }

  @Test
  void withoutAutoRegistrationAnUnregisteredSchemaIsRefusedByName() {
    AvroSerializer<HotspotKey> serializer =
        new AvroSerializer<>(new InMemorySchemaRegistry(1), false, true);

    assertThatThrownBy(() -> serializer.serialize("hub.hotspots.v1", KEY))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(
            "uk.vruhub.avro.hub.HotspotKey is not registered under subject 'hub.hotspots.v1-key'")
        .hasMessageContaining("auto.register.schemas is false");
  }

  @Test
  void anUnknownSchemaIdGivesAClearError() {
    AvroDeserializer<HotspotKey> deserializer =
        new AvroDeserializer<>(new InMemorySchemaRegistry(1), HotspotKey.class);
    byte[] framed = HexFormat.of().parseHex("00000003e7" + "00");

    assertThatThrownBy(() -> deserializer.deserialize("hub.hotspots.v1", framed))
        .isInstanceOf(SerializationException.class)
        .hasMessage(
            "Record on topic hub.hotspots.v1 names schema id 999, which the schema registry at"
                + " memory does not hold (error 40403)");
  }

  @Test
  void bytesNotInTheWireFormatAreRefusedWithTheReason() {
    AvroDeserializer<HotspotKey> deserializer =
        new AvroDeserializer<>(new InMemorySchemaRegistry(1), HotspotKey.class);

    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {'{', '"', 'a', '"', ':'}))
        .isInstanceOf(SerializationException.class)
        .hasMessage(
            "Record on topic t is not in the Confluent wire format: magic byte is 0x7b, expected"
                + " 0x00");
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0}))
        .hasMessage("Record on topic t is not in the Confluent wire format: it has only 2 bytes");
  }
}
