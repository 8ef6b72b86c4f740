package uk.vruhub.ingest.core.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import uk.vruhub.ingest.core.feed.FeedSink;
import uk.vruhub.schemas.registry.InMemorySchemaRegistry;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerializer;
import uk.vruhub.schemas.serde.WireFormat;

/**
 * Feed transactions held in memory: what a committed transaction sent, and how many aborted. Values
 * are encoded in the Confluent wire format against an in-memory registry, as on Kafka, and read
 * back into records when sent, so a test sees what a consumer would.
 */
public final class MemoryTransactions implements FeedSink.Transactions {

  /** One record sent. */
  public record Sent(String topic, String key, SpecificRecord value) {}

  public final List<Sent> committed = new ArrayList<>();
  public int aborted;

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry(1);
  private final AvroSerializer<SpecificRecord> serializer =
      new AvroSerializer<>(registry, true, false);
  private final Map<Class<?>, AvroDeserializer<SpecificRecord>> readers = new ConcurrentHashMap<>();

  @Override
  public byte[] encode(String topic, SpecificRecord value) {
    return serializer.serialize(topic, value);
  }

  /** A value as a consumer of the topic would read it. */
  public SpecificRecord decode(String topic, byte[] value) {
    if (value == null) {
      return null;
    }
    Schema writer = registry.schemaById(WireFormat.schemaId(value));
    Class<?> type = SpecificData.get().getClass(writer);
    @SuppressWarnings("unchecked")
    Class<? extends SpecificRecord> specific = (Class<? extends SpecificRecord>) type;
    return readers
        .computeIfAbsent(type, t -> new AvroDeserializer<>(registry, specific))
        .deserialize(topic, value);
  }

  @Override
  public <T> T inTransaction(Function<FeedSink, T> work) {
    List<Sent> pending = new ArrayList<>();
    try {
      T result =
          work.apply(
              (topic, key, value) -> pending.add(new Sent(topic, key, decode(topic, value))));
      committed.addAll(pending);
      return result;
    } catch (RuntimeException e) {
      aborted++;
      throw e;
    }
  }

  public List<Sent> committed(String topic) {
    return committed.stream().filter(s -> s.topic().equals(topic)).toList();
  }
}
