package uk.vruhub.schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.FeedReceipt;
import uk.vruhub.avro.hub.CohortProfile;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.avro.hub.CohortSummaryKey;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;

/** The top-level record types the hub writes to Kafka, keys included. */
public final class HubSchemas {

  private static final List<Class<? extends SpecificRecord>> TOP_LEVEL =
      List.of(
          PoliceCrimeEvent.class,
          EdAssaultAttendance.class,
          SchoolEvent.class,
          FeedReceipt.class,
          HotspotKey.class,
          HotspotCell.class,
          CohortSummaryKey.class,
          CohortSummaryCell.class,
          CohortProfile.class,
          AuditEvent.class);

  private HubSchemas() {}

  /** Every top-level record class, in a stable order. */
  public static List<Class<? extends SpecificRecord>> recordClasses() {
    return TOP_LEVEL;
  }

  /** The schema of a generated record class. */
  public static Schema schemaOf(Class<? extends SpecificRecord> type) {
    try {
      return (Schema) type.getField("SCHEMA$").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(type.getName() + " is not a generated Avro record", e);
    }
  }

  /** The top-level record class with this full name. */
  public static Class<? extends SpecificRecord> recordClass(String fullName) {
    for (Class<? extends SpecificRecord> type : TOP_LEVEL) {
      if (type.getName().equals(fullName)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "No hub record type named '"
            + fullName
            + "'; known: "
            + TOP_LEVEL.stream().map(Class::getName).toList());
  }

  /**
   * Every field reachable from a schema, nested records included, by dotted path (e.g. {@code
   * incidentArea.lsoa}). Records met twice (shared types) are listed under each path.
   */
  public static Map<String, Schema.Field> fieldsByPath(Schema record) {
    Map<String, Schema.Field> out = new LinkedHashMap<>();
    collect(record, "", out, new ArrayList<>());
    return out;
  }

  private static void collect(
      Schema schema, String prefix, Map<String, Schema.Field> out, List<String> stack) {
    switch (schema.getType()) {
      case RECORD -> {
        if (stack.contains(schema.getFullName())) {
          return;
        }
        stack.add(schema.getFullName());
        for (Schema.Field field : schema.getFields()) {
          String path = prefix.isEmpty() ? field.name() : prefix + "." + field.name();
          out.put(path, field);
          collect(field.schema(), path, out, stack);
        }
        stack.remove(stack.size() - 1);
      }
      case UNION -> schema.getTypes().forEach(branch -> collect(branch, prefix, out, stack));
      case ARRAY -> collect(schema.getElementType(), prefix, out, stack);
      case MAP -> collect(schema.getValueType(), prefix, out, stack);
      default -> {
        // Primitive, enum or fixed: no nested fields.
      }
    }
  }
}
