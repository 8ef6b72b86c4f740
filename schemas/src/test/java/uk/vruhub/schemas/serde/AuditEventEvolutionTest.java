package uk.vruhub.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.AuditType;
import uk.vruhub.schemas.registry.InMemorySchemaRegistry;
import uk.vruhub.schemas.registry.SchemaRegistry;

/**
 * The audit event gained a publication cycle's window and cell counts, and the {@code
 * PUBLICATION_CYCLE} type. The registry checks BACKWARD compatibility; this checks both ways:
 * today's reader reads the events written before (the new fields null), and a reader of the first
 * version reads today's events (the new fields ignored, the new type read as {@code OTHER}).
 */
class AuditEventEvolutionTest {

  private static final Schema V1 = v1();
  private static final Schema CURRENT = AuditEvent.getClassSchema();

  private final SchemaRegistry registry = new InMemorySchemaRegistry(1);

  private static Schema v1() {
    try (InputStream in =
        AuditEventEvolutionTest.class.getResourceAsStream(
            "/uk/vruhub/schemas/evolution/AuditEvent-v1.avsc")) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theCurrentSchemaIsCompatibleWithTheFirstBothWays() {
    assertThat(
            SchemaCompatibility.checkReaderWriterCompatibility(CURRENT, V1)
                .getResult()
                .getCompatibility())
        .as("BACKWARD: the current reader, first-version writer")
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(
            SchemaCompatibility.checkReaderWriterCompatibility(V1, CURRENT)
                .getResult()
                .getCompatibility())
        .as("FORWARD: the first-version reader, current writer")
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void todaysReaderReadsAnEventWrittenBeforeWithTheNewFieldsNull() {
    GenericRecord old =
        new GenericRecordBuilder(V1)
            .set("eventId", "e-1")
            .set("occurredAt", Instant.parse("2026-03-01T10:00:00Z").toEpochMilli())
            .set(
                "type",
                new GenericData.EnumSymbol(V1.getField("type").schema(), "CELLS_SUPPRESSED"))
            .set("component", "aggregator")
            .set("policyHash", "ab12")
            .set("topic", "hub.hotspots.v1")
            .set("count", 4L)
            .set("details", Map.of())
            .build();
    byte[] written = new AvroSerializer<GenericRecord>(registry, true, false).serialize("a", old);

    AuditEvent read =
        new AvroDeserializer<AuditEvent>(registry, AuditEvent.class).deserialize("a", written);

    assertThat(read.getType()).isEqualTo(AuditType.CELLS_SUPPRESSED);
    assertThat(read.getCount()).isEqualTo(4L);
    assertThat(read.getCellsPublished()).isNull();
    assertThat(read.getCellsSuppressed()).isNull();
    assertThat(read.getCellsWithdrawn()).isNull();
    assertThat(read.getWindowFrom()).isNull();
    assertThat(read.getWindowTo()).isNull();
  }

  @Test
  void aFirstVersionReaderReadsTodaysCycleAsOtherWithItsCount() {
    AuditEvent cycle =
        AuditEvent.newBuilder()
            .setEventId("e-2")
            .setOccurredAt(Instant.parse("2026-03-02T10:00:00Z"))
            .setType(AuditType.PUBLICATION_CYCLE)
            .setComponent("aggregator")
            .setPolicyId("demo-vru-isa")
            .setPolicyVersion("1.0")
            .setPolicyHash("ab12")
            .setTopic("hub.hotspots.v1")
            .setCount(12L)
            .setWindowFrom(Instant.parse("2026-03-02T09:59:00Z"))
            .setWindowTo(Instant.parse("2026-03-02T10:00:00Z"))
            .setCellsPublished(12L)
            .setCellsSuppressed(3L)
            .setCellsWithdrawn(0L)
            .build();
    byte[] written = new AvroSerializer<AuditEvent>(registry, true, false).serialize("a", cycle);

    GenericRecord read =
        new AvroDeserializer<GenericRecord>(registry, V1).deserialize("a", written);

    assertThat(read.get("type")).hasToString("OTHER");
    assertThat(read.get("count")).isEqualTo(12L);
    assertThat(read.get("policyHash")).hasToString("ab12");
    assertThat(read.hasField("cellsPublished")).isFalse();
  }
}
