package uk.vruhub.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;
import uk.vruhub.schemas.registry.InMemorySchemaRegistry;
import uk.vruhub.schemas.registry.SchemaRegistry;

/**
 * A reader resolves each record against the writer schema named by the id in the record, so a
 * schema can gain an optional field without breaking readers on either side (BACKWARD and FORWARD).
 */
class SchemaEvolutionTest {

  private static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Cell","namespace":"t","fields":[
                {"name":"area","type":"string"},
                {"name":"count","type":"int"}]}\
              """);

  private static final Schema V2 =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Cell","namespace":"t","fields":[
                {"name":"area","type":"string"},
                {"name":"count","type":"int"},
                {"name":"rate","type":["null","double"],"default":null}]}\
              """);

  private final SchemaRegistry registry = new InMemorySchemaRegistry(1);

  @Test
  void aV2ReaderReadsV1RecordsWithTheNewFieldDefaulted() {
    byte[] written =
        new AvroSerializer<GenericRecord>(registry, true, false)
            .serialize("t", record(V1, "E01", 7, null));

    GenericRecord read = readAs(V2, written);

    assertThat(read.get("area")).hasToString("E01");
    assertThat(read.get("count")).isEqualTo(7);
    assertThat(read.get("rate")).isNull();
  }

  @Test
  void aV1ReaderReadsV2RecordsIgnoringTheNewField() {
    byte[] written =
        new AvroSerializer<GenericRecord>(registry, true, false)
            .serialize("t", record(V2, "E02", 3, 1.5));

    GenericRecord read = readAs(V1, written);

    assertThat(read.getSchema()).isEqualTo(V1);
    assertThat(read.get("count")).isEqualTo(3);
    assertThat(read.hasField("rate")).isFalse();
  }

  @Test
  void eachVersionGetsItsOwnIdAndTheSameSchemaKeepsItsId() {
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, true, false);
    byte[] a = serializer.serialize("t", record(V1, "E01", 1, null));
    byte[] b = serializer.serialize("t", record(V2, "E01", 1, null));
    byte[] c = serializer.serialize("t", record(V1, "E01", 2, null));

    assertThat(WireFormat.schemaId(a))
        .isEqualTo(WireFormat.schemaId(c))
        .isNotEqualTo(WireFormat.schemaId(b));
  }

  private GenericRecord readAs(Schema reader, byte[] framed) {
    return new AvroDeserializer<GenericRecord>(registry, reader).deserialize("t", framed);
  }

  private static GenericRecord record(Schema schema, String area, int count, Double rate) {
    GenericRecordBuilder builder =
        new GenericRecordBuilder(schema).set("area", area).set("count", count);
    if (schema.getField("rate") != null) {
      builder.set("rate", rate);
    }
    return builder.build();
  }
}
