package uk.vruhub.schemas.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What the serde needs of a schema registry. {@link SchemaRegistryClient} is the implementation
 * that talks to a registry over HTTP; the interface keeps the wire-format code testable on its own.
 */
public interface SchemaRegistry {

  /** Registers the schema under the subject, or finds it registered, and returns its id. */
  int register(String subject, Schema schema);

  /** The id of exactly this schema under the subject, or empty if it is not registered. */
  Optional<Integer> idOf(String subject, Schema schema);

  /** The schema with this id; throws {@link SchemaRegistryException} (40403) when there is none. */
  Schema schemaById(int id);

  /** Where the registry is, for error messages. */
  String location();
}
