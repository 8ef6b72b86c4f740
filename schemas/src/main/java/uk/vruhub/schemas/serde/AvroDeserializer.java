package uk.vruhub.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import uk.vruhub.schemas.HubSchemas;
import uk.vruhub.schemas.registry.SchemaRegistry;
import uk.vruhub.schemas.registry.SchemaRegistryException;

/**
 * Reads Avro records in the Confluent wire format. The writer schema is fetched by the id in the
 * record (once per id) and resolved against the reader schema: the generated class's schema for a
 * specific reader, the writer's own for a generic one. So a reader on schema v2 reads records
 * written with v1 and the other way round, as far as Avro's resolution rules allow.
 *
 * @param <T> the record type produced
 */
public class AvroDeserializer<T> implements Deserializer<T> {

  private SchemaRegistry registry;
  private final Class<? extends SpecificRecord> specificType;
  private final Schema genericReaderSchema;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

  /**
   * A generic reader for instantiation by Kafka from class name; {@link #configure} must follow.
   */
  public AvroDeserializer() {
    this.specificType = null;
    this.genericReaderSchema = null;
  }

  /**
   * A ready reader; {@code specificType} null reads {@link org.apache.avro.generic.GenericRecord}s.
   */
  public AvroDeserializer(SchemaRegistry registry, Class<? extends SpecificRecord> specificType) {
    this.registry = registry;
    this.specificType = specificType;
    this.genericReaderSchema = null;
  }

  /**
   * A generic reader that resolves every record to the given reader schema, as a consumer built
   * against one version of a schema does.
   */
  public AvroDeserializer(SchemaRegistry registry, Schema genericReaderSchema) {
    this.registry = registry;
    this.specificType = null;
    this.genericReaderSchema = genericReaderSchema;
  }

  /** A reader that still needs {@link #configure}. */
  public static <R extends SpecificRecord> AvroDeserializer<R> of(Class<R> specificType) {
    return new AvroDeserializer<>(null, specificType);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = AvroSerdeConfig.from(configs).client();
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException(
          "AvroDeserializer used before configure(): no schema registry URL");
    }
    if (data.length < WireFormat.HEADER_LENGTH || data[0] != WireFormat.MAGIC_BYTE) {
      throw new SerializationException(
          String.format(
              "Record on topic %s is not in the Confluent wire format: %s",
              topic,
              data.length == 0
                  ? "it is empty"
                  : data.length < WireFormat.HEADER_LENGTH
                      ? "it has only " + data.length + " bytes"
                      : String.format("magic byte is 0x%02x, expected 0x00", data[0])));
    }
    int id = WireFormat.schemaId(data);
    DatumReader<T> reader = readers.computeIfAbsent(id, i -> readerFor(topic, i));
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null);
      return reader.read(null, decoder);
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "Cannot read record with schema id " + id + " on topic " + topic + ": " + e.getMessage(),
          e);
    }
  }

  private DatumReader<T> readerFor(String topic, int id) {
    Schema writer;
    try {
      writer = registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Record on topic "
              + topic
              + " names schema id "
              + id
              + (e.errorCode() == 40403
                  ? ", which the schema registry at "
                      + registry.location()
                      + " does not hold (error 40403)"
                  : ", which could not be fetched: " + e.getMessage()),
          e);
    }
    if (specificType == null) {
      return new GenericDatumReader<>(
          writer, genericReaderSchema == null ? writer : genericReaderSchema, GenericData.get());
    }
    Schema reader = HubSchemas.schemaOf(specificType);
    return new SpecificDatumReader<>(writer, reader, SpecificData.getForClass(specificType));
  }
}
