package uk.vruhub.schemas.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A registry held in this process's memory, for topology tests and micro-benchmarks that must not
 * depend on HTTP: ids are assigned from {@code firstId}, the same schema keeps its id, and no
 * compatibility rule is checked. Never a substitute for a real registry between processes.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<String, Integer> bySubjectSchema = new HashMap<>();
  private int nextId;

  public InMemorySchemaRegistry(int firstId) {
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
