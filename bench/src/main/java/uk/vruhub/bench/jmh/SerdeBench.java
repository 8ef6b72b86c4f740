package uk.vruhub.bench.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.schemas.registry.InMemorySchemaRegistry;
import uk.vruhub.schemas.serde.AvroSerdes;
import uk.vruhub.testkit.SampleEvents;

/**
 * The Confluent-wire-format serde (schema id lookup, magic byte, Avro binary, resolution against
 * the reader schema) beside Avro's own binary encoder and decoder of the same record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBench {

  private static final String TOPIC = "police.crime-events.v1";

  private PoliceCrimeEvent event;
  private Serializer<PoliceCrimeEvent> serializer;
  private Deserializer<PoliceCrimeEvent> deserializer;
  private byte[] wire;
  private byte[] plain;
  private final SpecificDatumWriter<PoliceCrimeEvent> writer =
      new SpecificDatumWriter<>(PoliceCrimeEvent.class);
  private final SpecificDatumReader<PoliceCrimeEvent> reader =
      new SpecificDatumReader<>(PoliceCrimeEvent.class);
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  @Setup
  public void setUp() throws IOException {
    event = SampleEvents.policeEvent("r-1");
    Serde<PoliceCrimeEvent> serde =
        AvroSerdes.specific(PoliceCrimeEvent.class, new InMemorySchemaRegistry(1), true, false);
    serializer = serde.serializer();
    deserializer = serde.deserializer();
    wire = serializer.serialize(TOPIC, event);
    plain = baselineAvroEncode();
  }

  @Benchmark
  public byte[] serializeConfluentFormat() {
    return serializer.serialize(TOPIC, event);
  }

  @Benchmark
  public byte[] baselineAvroEncode() throws IOException {
    buffer.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    writer.write(event, encoder);
    encoder.flush();
    return buffer.toByteArray();
  }

  @Benchmark
  public PoliceCrimeEvent deserializeConfluentFormat() {
    return deserializer.deserialize(TOPIC, wire);
  }

  @Benchmark
  public PoliceCrimeEvent baselineAvroDecode() throws IOException {
    decoder = DecoderFactory.get().binaryDecoder(plain, decoder);
    return reader.read(null, decoder);
  }
}
