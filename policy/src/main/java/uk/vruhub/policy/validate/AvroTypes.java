package uk.vruhub.policy.validate;

import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/** Questions about a field's Avro type, nullable unions looked through. */
public final class AvroTypes {

  private AvroTypes() {}

  /** The non-null branch of a {@code ["null", T]} union, or the schema itself. */
  public static Schema base(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return branch;
        }
      }
    }
    return schema;
  }

  public static boolean nullable(Schema schema) {
    return schema.getType() == Schema.Type.UNION
        && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
  }

  public static boolean isString(Schema schema) {
    return base(schema).getType() == Schema.Type.STRING;
  }

  public static boolean isInt(Schema schema) {
    Schema b = base(schema);
    return (b.getType() == Schema.Type.INT || b.getType() == Schema.Type.LONG)
        && b.getLogicalType() == null;
  }

  public static boolean isDate(Schema schema) {
    LogicalType type = base(schema).getLogicalType();
    return type != null && "date".equals(type.getName());
  }

  public static boolean isEnum(Schema schema) {
    return base(schema).getType() == Schema.Type.ENUM;
  }

  /** An enum, or an array of enums: a small set of categories. */
  public static boolean isCategorical(Schema schema) {
    Schema b = base(schema);
    return b.getType() == Schema.Type.ENUM
        || (b.getType() == Schema.Type.ARRAY && b.getElementType().getType() == Schema.Type.ENUM);
  }

  public static boolean isBoolean(Schema schema) {
    return base(schema).getType() == Schema.Type.BOOLEAN;
  }

  public static boolean isDouble(Schema schema) {
    Schema.Type t = base(schema).getType();
    return t == Schema.Type.DOUBLE || t == Schema.Type.FLOAT;
  }

  /** The enum named {@code name}, as a field of this type would need. */
  public static boolean isEnumNamed(Schema schema, String fullName) {
    Schema b = base(schema);
    return b.getType() == Schema.Type.ENUM && b.getFullName().equals(fullName);
  }

  /**
   * A short name of the type for messages, e.g. {@code string}, {@code date}, {@code AreaLevel}.
   */
  public static String describe(Schema schema) {
    Schema b = base(schema);
    String name =
        b.getLogicalType() != null
            ? b.getLogicalType().getName()
            : switch (b.getType()) {
              case ENUM, RECORD, FIXED -> b.getName();
              case ARRAY -> "array of " + describe(b.getElementType());
              default -> b.getType().getName();
            };
    return nullable(schema) ? "optional " + name : name;
  }
}
