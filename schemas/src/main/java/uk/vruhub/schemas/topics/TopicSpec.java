package uk.vruhub.schemas.topics;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import uk.vruhub.schemas.HubSchemas;

/**
 * One topic as the topic spec declares it.
 *
 * @param id stable logical id used in code and the policy file (e.g. {@code hotspots})
 * @param name the Kafka topic name (e.g. {@code hub.hotspots.v1})
 * @param key {@code string} for UTF-8 string keys, or the full name of an Avro key record
 * @param value full name of the Avro value record
 * @param level {@code internal}, {@code audit}, or the information-sharing level ({@code 1}, {@code
 *     2})
 * @param partitions partition count the topic is created with
 * @param config topic configuration (cleanup policy, retention)
 * @param description one line for people
 */
public record TopicSpec(
    String id,
    String name,
    String key,
    String value,
    String level,
    int partitions,
    Map<String, String> config,
    String description) {

  /** Key format for plain string keys. */
  public static final String STRING_KEY = "string";

  public TopicSpec {
    Objects.requireNonNull(id, "topic id");
    Objects.requireNonNull(name, "topic name of " + id);
    Objects.requireNonNull(key, "key of " + id);
    Objects.requireNonNull(value, "value of " + id);
    Objects.requireNonNull(level, "level of " + id);
    if (partitions < 1) {
      throw new IllegalArgumentException("Topic " + id + ": partitions must be at least 1");
    }
    config = config == null ? Map.of() : Map.copyOf(config);
    description = description == null ? "" : description;
  }

  /** True when keys are Avro records rather than strings. */
  public boolean avroKey() {
    return !STRING_KEY.equals(key);
  }

  /** The generated class of the value record. */
  public Class<? extends SpecificRecord> valueClass() {
    return HubSchemas.recordClass(value);
  }

  /** The generated class of the key record; only for topics with Avro keys. */
  public Class<? extends SpecificRecord> keyClass() {
    if (!avroKey()) {
      throw new IllegalStateException("Topic " + name + " has string keys");
    }
    return HubSchemas.recordClass(key);
  }

  /** Subject of the value schema under the topic-name strategy. */
  public String valueSubject() {
    return name + "-value";
  }

  /** Subject of the key schema under the topic-name strategy. */
  public String keySubject() {
    return name + "-key";
  }
}
