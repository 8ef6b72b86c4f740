package uk.vruhub.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import uk.vruhub.schemas.registry.SchemaRegistry;
import uk.vruhub.schemas.registry.SchemaRegistryException;

/**
 * Writes Avro records in the Confluent wire format under the topic-name subject strategy ({@code
 * <topic>-value} or {@code <topic>-key}). The writer schema is the record's own; its id comes from
 * the registry once per topic and schema, by registration when {@code auto.register.schemas} is on
 * and by lookup otherwise. A {@code null} record is written as {@code null} (a tombstone).
 *
 * @param <T> specific or generic Avro record type
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

  private SchemaRegistry registry;
  private boolean autoRegister;
  private boolean isKey;

  private final Map<TopicSchema, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

  private record TopicSchema(String topic, Schema schema) {}

  /** For instantiation by Kafka from class name; {@link #configure} must follow. */
  public AvroSerializer() {}

  /** A ready serializer. */
  public AvroSerializer(SchemaRegistry registry, boolean autoRegister, boolean isKey) {
    this.registry = registry;
    this.autoRegister = autoRegister;
    this.isKey = isKey;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = AvroSerdeConfig.from(configs);
    this.registry = config.client();
    this.autoRegister = config.autoRegister();
    this.isKey = isKey;
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException(
          "AvroSerializer used before configure(): no schema registry URL");
    }
    Schema schema = record.getSchema();
    int id =
        ids.computeIfAbsent(
            new TopicSchema(topic, schema), ts -> resolveId(ts.topic(), ts.schema()));
    Buffer buffer = BUFFERS.get();
    buffer.reset();
    WireFormat.writeHeader(buffer.header, id);
    buffer.write(buffer.header, 0, buffer.header.length);
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer, buffer.encoder);
      buffer.encoder = encoder;
      writers.computeIfAbsent(schema, s -> writerFor(record, s)).write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      // A failed write may leave bytes in the encoder's own buffer: start afresh next time.
      buffer.encoder = null;
      throw new SerializationException(
          "Cannot write a " + schema.getFullName() + " to topic " + topic + ": " + e.getMessage(),
          e);
    }
    return buffer.bytesAndTrim();
  }

  /**
   * Each thread's output buffer and buffered encoder, reused record after record: a fresh encoder
   * and stream per record, and {@link ByteArrayOutputStream}'s synchronised write per byte, cost
   * more than the record's own fields. Kept small: after a record beyond {@link #KEPT_BYTES} the
   * buffer is shrunk back, so a thread never holds more than that between records.
   */
  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  private static final int KEPT_BYTES = 64 << 10;

  private static final class Buffer extends java.io.OutputStream {
    private final byte[] header = new byte[WireFormat.HEADER_LENGTH];
    private byte[] bytes = new byte[512];
    private int size;
    private BinaryEncoder encoder;

    void reset() {
      size = 0;
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    byte[] bytesAndTrim() {
      byte[] out = java.util.Arrays.copyOf(bytes, size);
      if (bytes.length > KEPT_BYTES) {
        bytes = new byte[512];
      }
      size = 0;
      return out;
    }
  }

  private int resolveId(String topic, Schema schema) {
    String subject = topic + (isKey ? "-key" : "-value");
    try {
      if (autoRegister) {
        return registry.register(subject, schema);
      }
      return registry
          .idOf(subject, schema)
          .orElseThrow(
              () ->
                  new SerializationException(
                      "Schema "
                          + schema.getFullName()
                          + " is not registered under subject '"
                          + subject
                          + "' and auto.register.schemas is false: register it first (e.g. with the"
                          + " release's schema step)"));
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot get a schema id for subject '" + subject + "': " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(IndexedRecord record, Schema schema) {
    if (record instanceof SpecificRecord) {
      return new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass()));
    }
    return (DatumWriter<Object>)
        (DatumWriter<?>) new GenericDatumWriter<>(schema, GenericData.get());
  }
}
