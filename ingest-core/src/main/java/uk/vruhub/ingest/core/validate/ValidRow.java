package uk.vruhub.ingest.core.validate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A row that passed its contract, with typed values: strings (codes upper-cased, postcodes and
 * identifiers in standard form), dates, instants, integers, booleans and code lists. Absent
 * optional values are null.
 */
public final class ValidRow {

  private final long row;
  private final Map<String, Object> values;

  public ValidRow(long row, Map<String, Object> values) {
    this.row = row;
    this.values = values;
  }

  /** Row number, header = 1. */
  public long row() {
    return row;
  }

  public String text(String column) {
    return (String) values.get(column);
  }

  public LocalDate date(String column) {
    return (LocalDate) values.get(column);
  }

  public Instant instant(String column) {
    return (Instant) values.get(column);
  }

  public Integer integer(String column) {
    return (Integer) values.get(column);
  }

  public Boolean flag(String column) {
    return (Boolean) values.get(column);
  }

  @SuppressWarnings("unchecked")
  public List<String> codes(String column) {
    Object value = values.get(column);
    return value == null ? List.of() : (List<String>) value;
  }

  public boolean has(String column) {
    return values.get(column) != null;
  }
}
