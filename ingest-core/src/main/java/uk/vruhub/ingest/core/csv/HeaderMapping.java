package uk.vruhub.ingest.core.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.vruhub.ingest.core.contract.Column;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * A feed's header matched to its contract, once per feed: which header position each contract
 * column is at, and the reverse, so that rows are read by index and never by name.
 *
 * @param headerSize fields the header declares
 * @param headerPositions for each contract column (by its index), its header position, or -1
 * @param contractIndexes for each header position, the contract column there, or -1
 * @param ignoredColumns header positions (first = 1) of columns the contract does not know
 */
record HeaderMapping(
    int headerSize, int[] headerPositions, int[] contractIndexes, List<Integer> ignoredColumns) {

  /**
   * Matches a header; refuses the feed when a column is named twice or a required one is missing.
   * Names the contract does not know are never repeated: they may be values.
   */
  static HeaderMapping of(List<String> header, FeedContract contract) {
    Map<String, Integer> positions = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    List<Integer> ignored = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).trim().toLowerCase(Locale.ROOT);
      // Unnamed columns (a spreadsheet's trailing commas) are ignored, however many there are.
      Integer before = name.isEmpty() ? null : seen.putIfAbsent(name, i);
      if (before != null) {
        throw new FeedRefusedException(
            "DUPLICATE_COLUMN",
            "Columns "
                + (before + 1)
                + " and "
                + (i + 1)
                + " of the header have the same name"
                + (contract.column(name) == null ? "" : " (" + name + ")")
                + "; each column may be named once.");
      }
      if (contract.column(name) == null) {
        ignored.add(i + 1);
      } else {
        positions.put(name, i);
      }
    }
    List<String> missing = new ArrayList<>();
    for (Column column : contract.orderedColumns()) {
      if (column.required() && !positions.containsKey(column.name())) {
        missing.add(column.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new FeedRefusedException(
          "MISSING_COLUMNS",
          "The header lacks required column"
              + (missing.size() == 1 ? " " : "s ")
              + String.join(", ", missing)
              + " of contract "
              + contract.id()
              + ".");
    }
    int[] headerPositions = new int[contract.size()];
    int[] contractIndexes = new int[header.size()];
    Arrays.fill(contractIndexes, -1);
    for (int i = 0; i < headerPositions.length; i++) {
      headerPositions[i] = positions.getOrDefault(contract.column(i).name(), -1);
      if (headerPositions[i] >= 0) {
        contractIndexes[headerPositions[i]] = i;
      }
    }
    return new HeaderMapping(header.size(), headerPositions, contractIndexes, List.copyOf(ignored));
  }
}
