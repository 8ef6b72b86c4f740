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

  /**
   * The reused per-thread buffer and encoder write exactly the bytes a fresh direct encoder does:
   * random records of every size (some past the buffer's kept size, so it shrinks between them),
   * one after another on one thread and interleaved on several.
   */
  @Test
  void aReusedEncoderWritesTheBytesAFreshOneDoes() throws Exception {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry(7);
    AvroSerializer<HotspotKey> serializer = new AvroSerializer<>(registry, true, true);
    java.util.Random random = new java.util.Random(16);
    java.util.List<HotspotKey> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      int length = i % 97 == 0 ? 70_000 + random.nextInt(10_000) : random.nextInt(40);
      StringBuilder area = new StringBuilder();
      for (int c = 0; c < length; c++) {
        area.append((char) (random.nextBoolean() ? 'A' + random.nextInt(26) : 0xE9 + c % 40));
      }
      keys.add(
          HotspotKey.newBuilder(KEY)
              .setAreaCode(area.toString())
              .setPeriodStart(LocalDate.ofEpochDay(random.nextInt(40_000)))
              .setPeriodType(PeriodType.values()[random.nextInt(PeriodType.values().length)])
              .build());
    }
    for (HotspotKey key : keys) {
      assertThat(serializer.serialize("t", key)).isEqualTo(freshlyEncoded(7, key));
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      java.util.List<java.util.concurrent.Future<byte[]>> encoded = new java.util.ArrayList<>();
      for (HotspotKey key : keys) {
        encoded.add(pool.submit(() -> serializer.serialize("t", key)));
      }
      for (int i = 0; i < keys.size(); i++) {
        assertThat(encoded.get(i).get()).isEqualTo(freshlyEncoded(7, keys.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedWriteLeavesNothingBehindForTheNextRecord() throws Exception {
    AvroSerializer<HotspotKey> serializer =
        new AvroSerializer<>(new InMemorySchemaRegistry(3), true, true);
    HotspotKey broken = HotspotKey.newBuilder(KEY).build();
    broken.put(0, null); // a required string: the write fails part-way

    assertThatThrownBy(() -> serializer.serialize("t", broken))
        .isInstanceOf(SerializationException.class);
    assertThat(serializer.serialize("t", KEY)).isEqualTo(freshlyEncoded(3, KEY));
  }

  /** The record as a fresh, unbuffered encoder writes it after the wire-format header. */
  private static byte[] freshlyEncoded(int id, HotspotKey key) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] header = new byte[WireFormat.HEADER_LENGTH];
    WireFormat.writeHeader(header, id);
    out.write(header);
    org.apache.avro.io.BinaryEncoder encoder =
        org.apache.avro.io.EncoderFactory.get().directBinaryEncoder(out, null);
    new org.apache.avro.specific.SpecificDatumWriter<HotspotKey>(HotspotKey.getClassSchema())
        .write(key, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
