package uk.vruhub.aggregator.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Published records as rows: maps for JSON, and CSV with a header, as Power BI loads it. */
final class Tables {

  private Tables() {}

  static Map<String, Object> row(SpecificRecord record) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      out.put(field.name(), plain(record.get(field.pos())));
    }
    return out;
  }

  private static Object plain(Object value) {
    if (value == null
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof String) {
      return value;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    return value.toString();
  }

  static String csv(List<? extends SpecificRecord> records, Schema schema) {
    StringWriter out = new StringWriter();
    List<String> header = schema.getFields().stream().map(Schema.Field::name).toList();
    try (CSVPrinter printer =
        new CSVPrinter(
            out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
      for (SpecificRecord r : records) {
        List<Object> values = new ArrayList<>();
        for (Object v : row(r).values()) {
          values.add(
              v instanceof List<?> l
                  ? String.join("+", l.stream().map(Object::toString).toList())
                  : v);
        }
        printer.printRecord(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
