package uk.vruhub.ingest.core.validate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import uk.vruhub.ingest.core.contract.FeedContract;

/**
 * A row that passed its contract, with typed values: strings (codes upper-cased, postcodes and
 * identifiers in standard form), dates, instants, integers, booleans and code lists. Absent
 * optional values, and columns the contract does not have, are null. The values are held by the
 * contract's column positions: one array per row, the name lookup shared by every row.
 */
public final class ValidRow {

  private final long row;
  private final Object[] values;
  private final FeedContract contract;

  /**
   * A row of typed values by the contract's column positions ({@link FeedContract#indexOf}).
   *
   * @param row the row as a spreadsheet shows it, header = 1
   */
  public ValidRow(long row, Object[] values, FeedContract contract) {
    this.row = row;
    this.values = values;
    this.contract = contract;
  }

  /** Row number, header = 1. */
  public long row() {
    return row;
  }

  private Object value(String column) {
    int index = contract.indexOf(column);
    return index < 0 ? null : values[index];
  }

  public String text(String column) {
    return (String) value(column);
  }

  public LocalDate date(String column) {
    return (LocalDate) value(column);
  }

  public Instant instant(String column) {
    return (Instant) value(column);
  }

  public Integer integer(String column) {
    return (Integer) value(column);
  }

  public Boolean flag(String column) {
    return (Boolean) value(column);
  }

  @SuppressWarnings("unchecked")
  public List<String> codes(String column) {
    Object value = value(column);
    return value == null ? List.of() : (List<String>) value;
  }

  public boolean has(String column) {
    return value(column) != null;
  }
}
