package uk.vruhub.bench.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.common.Area;
import uk.vruhub.avro.common.MatchKey;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.schemas.registry.InMemorySchemaRegistry;
import uk.vruhub.schemas.serde.AvroSerdes;

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
    event = policeEvent();
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

  /**
   * A young victim of a knife assault in a public place: field for field the record of testkit's
   * {@code SampleEvents.policeEvent("r-1")}, so the figures in BENCHMARKS.md stay comparable, but
   * built here because testkit is test-only and stays off the benchmarks' runtime class path.
   */
  private static PoliceCrimeEvent policeEvent() {
    Area incident =
        Area.newBuilder()
            .setLsoa("E01999001")
            .setWard("E05999001")
            .setLocalAuthority("E07999001")
            .build();
    Area home =
        Area.newBuilder()
            .setLsoa("E01999002")
            .setWard("E05999001")
            .setLocalAuthority("E07999001")
            .build();
    MatchKey key =
        MatchKey.newBuilder()
            .setScheme(MatchKeyScheme.FULLNAME_DOB_SEX)
            .setValue("r-1-FULLNAME_DOB_SEX-0000000000000000000000")
            .build();
    return PoliceCrimeEvent.newBuilder()
        .setRecordPseudonym("r-1")
        .setCrimePseudonym("crime-r-1")
        .setMatchKeys(List.of(key))
        .setLinkageKeyId("test-key-1")
        .setOffenceCode("5A")
        .setLocalCategory("1a")
        .setOccurredFrom(Instant.parse("2026-03-14T22:40:00Z"))
        .setReportedAt(Instant.parse("2026-03-14T23:05:00Z"))
        .setIncidentArea(incident)
        .setPlaceType(PlaceType.PUBLIC)
        .setDomesticAbuse(false)
        .setWeapon(Weapon.KNIFE_OR_BLADED)
        .setInjury(InjuryLevel.SERIOUS)
        .setRole(PersonRole.VICTIM)
        .setAgeAtEvent(17)
        .setSex(Sex.MALE)
        .setHomeArea(home)
        .setFeedId("police-2026-03-15-0000")
        .setExtractDate(LocalDate.of(2026, 3, 15))
        .build();
  }
}
