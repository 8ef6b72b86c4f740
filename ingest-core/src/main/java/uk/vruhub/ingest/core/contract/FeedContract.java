package uk.vruhub.ingest.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import uk.vruhub.avro.common.Agency;

/**
 * The machine-readable contract of one agency's feed: its columns, which are required, and what
 * each may hold. Loaded from a YAML resource shipped in the agency's service; it drives validation,
 * and the module README's column table is checked against it.
 */
public final class FeedContract {

  private static final Set<String> COLUMN_KEYS =
      Set.of(
          "name",
          "required",
          "type",
          "codes",
          "max-length",
          "pattern",
          "min",
          "max",
          "identifying",
          "description");

  private final String id;
  private final Agency agency;
  private final String description;
  private final Map<String, Column> columns;
  private final Column[] ordered;
  private final Map<String, Integer> indexes;

  private FeedContract(String id, Agency agency, String description, Map<String, Column> columns) {
    this.id = id;
    this.agency = agency;
    this.description = description;
    this.columns = columns;
    this.ordered = columns.values().toArray(Column[]::new);
    Map<String, Integer> byName = new java.util.HashMap<>();
    for (int i = 0; i < ordered.length; i++) {
      byName.put(ordered[i].name(), i);
    }
    this.indexes = Map.copyOf(byName);
  }

  /** Reads a contract from the classpath. */
  public static FeedContract load(String resource) {
    try (InputStream in = FeedContract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "Feed contract " + resource + " is missing from the classpath");
      }
      return parse(new ObjectMapper(new YAMLFactory()).readTree(in), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read feed contract " + resource, e);
    }
  }

  static FeedContract parse(JsonNode root, String source) {
    Map<String, Column> columns = new LinkedHashMap<>();
    for (JsonNode c : root.path("columns")) {
      c.fieldNames()
          .forEachRemaining(
              k -> {
                if (!COLUMN_KEYS.contains(k)) {
                  throw new IllegalArgumentException(
                      "Feed contract "
                          + source
                          + ": unknown key '"
                          + k
                          + "' in column "
                          + c.path("name").asText());
                }
              });
      String name = c.path("name").asText();
      ColumnType type =
          ColumnType.valueOf(c.path("type").asText().toUpperCase(Locale.ROOT).replace('-', '_'));
      List<String> codes = new ArrayList<>();
      c.path("codes").forEach(code -> codes.add(code.asText().toUpperCase(Locale.ROOT)));
      if ((type == ColumnType.CODE || type == ColumnType.CODES) && codes.isEmpty()) {
        throw new IllegalArgumentException(
            "Feed contract " + source + ": column " + name + " needs codes");
      }
      Column column =
          new Column(
              name,
              c.path("required").asBoolean(false),
              type,
              List.copyOf(codes),
              c.path("max-length").asInt(0),
              c.hasNonNull("pattern") ? Pattern.compile(c.path("pattern").asText()) : null,
              c.hasNonNull("min") ? c.path("min").asInt() : null,
              c.hasNonNull("max") ? c.path("max").asInt() : null,
              c.path("identifying").asBoolean(false),
              c.path("description").asText(""));
      if (columns.put(name, column) != null) {
        throw new IllegalArgumentException(
            "Feed contract " + source + " declares column " + name + " twice");
      }
    }
    return new FeedContract(
        root.path("contract").asText(),
        Agency.valueOf(root.path("agency").asText()),
        root.path("description").asText(""),
        Collections.unmodifiableMap(columns));
  }

  public String id() {
    return id;
  }

  public Agency agency() {
    return agency;
  }

  public String description() {
    return description;
  }

  /** The column with this name, or null. */
  public Column column(String name) {
    return columns.get(name);
  }

  /** Every column, by name, in the contract file's order. */
  public Map<String, Column> columns() {
    return columns;
  }

  /** Columns in the contract file's order. */
  public List<Column> orderedColumns() {
    return List.copyOf(columns.values());
  }

  /**
   * The position of a column in the contract file's order (the index rows are held by, so a row
   * needs an array rather than a map of its own), or -1 when the contract has no such column.
   */
  public int indexOf(String name) {
    Integer index = indexes.get(name);
    return index == null ? -1 : index;
  }

  /** The column at a position of the contract file's order. */
  public Column column(int index) {
    return ordered[index];
  }

  /** How many columns the contract has. */
  public int size() {
    return ordered.length;
  }
}
