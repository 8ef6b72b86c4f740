package uk.vruhub.schemas.serde;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import uk.vruhub.schemas.registry.SchemaRegistry;
import uk.vruhub.schemas.registry.SchemaRegistryException;

/**
 * A registry held in memory, for wire-format tests that must not depend on HTTP. Registry behaviour
 * itself (ids, compatibility, error codes) is tested against the real registry in deploy/registry.
 */
final class InMemorySchemaRegistry implements SchemaRegistry {

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<String, Integer> bySubjectSchema = new HashMap<>();
  private int nextId;

  InMemorySchemaRegistry(int firstId) {
    this.nextId = firstId;
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    return bySubjectSchema.computeIfAbsent(
        subject + "|" + schema,
        k -> {
          for (Map.Entry<Integer, Schema> e : byId.entrySet()) {
            if (e.getValue().equals(schema)) {
              return e.getKey();
            }
          }
          byId.put(nextId, schema);
          return nextId++;
        });
  }

  @Override
  public synchronized Optional<Integer> idOf(String subject, Schema schema) {
    return Optional.ofNullable(bySubjectSchema.get(subject + "|" + schema));
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException("Schema " + id + " not found", 404, 40403, null);
    }
    return schema;
  }

  @Override
  public String location() {
    return "memory";
  }
}
