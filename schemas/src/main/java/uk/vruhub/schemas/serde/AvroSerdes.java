package uk.vruhub.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import uk.vruhub.schemas.registry.SchemaRegistry;
import uk.vruhub.schemas.topics.TopicSpec;

/** Ready serdes for the hub's record types and topics. */
public final class AvroSerdes {

  private AvroSerdes() {}

  /** A serde for one generated record type. */
  public static <T extends SpecificRecord> Serde<T> specific(
      Class<T> type, AvroSerdeConfig config, boolean isKey) {
    return Serdes.serdeFrom(
        new AvroSerializer<>(config.client(), config.autoRegister(), isKey),
        new AvroDeserializer<>(config.client(), type));
  }

  /**
   * A serde for one generated record type, against any registry (e.g. an in-memory one in tests).
   */
  public static <T extends SpecificRecord> Serde<T> specific(
      Class<T> type, SchemaRegistry registry, boolean autoRegister, boolean isKey) {
    return Serdes.serdeFrom(
        new AvroSerializer<>(registry, autoRegister, isKey),
        new AvroDeserializer<>(registry, type));
  }

  /** The value serde of a topic. */
  @SuppressWarnings("unchecked")
  public static <V> Serde<V> valueSerde(TopicSpec topic, AvroSerdeConfig config) {
    return (Serde<V>) specific(topic.valueClass(), config, false);
  }

  /** The key serde of a topic: UTF-8 strings, or Avro records for cell-keyed topics. */
  @SuppressWarnings("unchecked")
  public static <K> Serde<K> keySerde(TopicSpec topic, AvroSerdeConfig config) {
    if (!topic.avroKey()) {
      return (Serde<K>) Serdes.String();
    }
    return (Serde<K>) specific(topic.keyClass(), config, true);
  }
}
