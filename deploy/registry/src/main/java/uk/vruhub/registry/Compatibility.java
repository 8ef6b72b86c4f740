package uk.vruhub.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import uk.vruhub.schemas.registry.CompatibilityLevel;

/**
 * Decides whether a new schema may follow earlier ones under a compatibility level, using Avro's
 * own reader/writer compatibility check. BACKWARD: the new schema reads data written with the
 * previous one. FORWARD: the previous schema reads data written with the new one. FULL: both.
 * TRANSITIVE levels check against every earlier version, the others against the latest only.
 */
final class Compatibility {

  private Compatibility() {}

  /** Why the new schema breaks the level, one message per problem; empty when it may be added. */
  static List<String> problems(
      CompatibilityLevel level, Schema candidate, List<Schema> earlierOldestFirst) {
    List<String> out = new ArrayList<>();
    if (level == CompatibilityLevel.NONE || earlierOldestFirst.isEmpty()) {
      return out;
    }
    List<Schema> against =
        level.transitive()
            ? earlierOldestFirst
            : List.of(earlierOldestFirst.get(earlierOldestFirst.size() - 1));
    for (Schema earlier : against) {
      if (level.backward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier),
            "the new schema cannot read data written with an earlier one",
            out);
      }
      if (level.forward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate),
            "an earlier schema cannot read data written with the new one",
            out);
      }
    }
    return out;
  }

  private static void describe(
      SchemaCompatibility.SchemaPairCompatibility result, String direction, List<String> out) {
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (Incompatibility i : result.getResult().getIncompatibilities()) {
      out.add(
          "{errorType:'"
              + i.getType()
              + "', description:'"
              + direction
              + ": "
              + i.getMessage()
              + "', location:'"
              + i.getLocation()
              + "'}");
    }
  }
}
