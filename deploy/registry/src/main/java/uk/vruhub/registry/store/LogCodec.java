package uk.vruhub.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import uk.vruhub.schemas.registry.CompatibilityLevel;

/**
 * JSON form of log entries in the schema topic. Keys identify what an entry replaces, so log
 * compaction keeps exactly the latest entry per subject version and per configuration.
 */
final class LogCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LogCodec() {}

  static byte[] key(LogEntry entry) {
    ObjectNode key = JSON.createObjectNode();
    if (entry instanceof LogEntry.SchemaRegistered s) {
      key.put("keytype", "SCHEMA").put("subject", s.subject()).put("version", s.version());
    } else if (entry instanceof LogEntry.CompatibilitySet c) {
      key.put("keytype", "CONFIG").put("subject", c.subject());
    }
    return bytes(key);
  }

  static byte[] value(LogEntry entry) {
    if (entry instanceof LogEntry.SchemaRegistered s) {
      return bytes(
          JSON.createObjectNode()
              .put("subject", s.subject())
              .put("version", s.version())
              .put("id", s.id())
              .put("schema", s.schema()));
    }
    LogEntry.CompatibilitySet c = (LogEntry.CompatibilitySet) entry;
    return c.level() == null
        ? null
        : bytes(JSON.createObjectNode().put("compatibilityLevel", c.level().name()));
  }

  /** The entry a record holds, or null for a record this version does not understand. */
  static LogEntry decode(byte[] key, byte[] value) {
    JsonNode k = tree(key);
    String subject =
        k.path("subject").isNull() || k.path("subject").isMissingNode()
            ? null
            : k.path("subject").asText();
    switch (k.path("keytype").asText()) {
      case "SCHEMA" -> {
        if (value == null) {
          return null;
        }
        JsonNode v = tree(value);
        return new LogEntry.SchemaRegistered(
            subject, v.path("version").asInt(), v.path("id").asInt(), v.path("schema").asText());
      }
      case "CONFIG" -> {
        CompatibilityLevel level =
            value == null
                ? null
                : CompatibilityLevel.valueOf(tree(value).path("compatibilityLevel").asText());
        return new LogEntry.CompatibilitySet(subject, level);
      }
      default -> {
        return null;
      }
    }
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode tree(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable entry in the schema topic", e);
    }
  }
}
