package uk.vruhub.aggregator.reference;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.vruhub.policy.geo.AreaHierarchy;

/**
 * Residents per area, for rates per 10,000: an ONS mid-year population estimate file (columns
 * {@code Code}, {@code Name}, {@code Geography}, {@code All ages}, then single years), one row per
 * LSOA; larger areas are the sums of their LSOAs in the area hierarchy.
 */
public final class Population {

  private final Map<String, Integer> byLsoa;
  private final AreaHierarchy areas;
  private final Map<String, Integer> cache = new java.util.concurrent.ConcurrentHashMap<>();

  private Population(Map<String, Integer> byLsoa, AreaHierarchy areas) {
    this.byLsoa = byLsoa;
    this.areas = areas;
  }

  public static Population load(Path file, AreaHierarchy areas) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString(), areas);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read population file " + file, e);
    }
  }

  public static Population read(Reader reader, String source, AreaHierarchy areas)
      throws IOException {
    Map<String, Integer> byLsoa = new HashMap<>();
    try (CSVParser parser =
        CSVParser.parse(
            reader, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      String code = null;
      String total = null;
      for (String h : parser.getHeaderNames()) {
        String n = h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
        if (n.equals("code") || n.endsWith("code")) {
          code = code == null ? h : code;
        }
        if (n.equals("all ages") || n.equals("total")) {
          total = h;
        }
      }
      if (code == null || total == null) {
        throw new IllegalArgumentException(
            "Population file " + source + " needs a Code column and an 'All ages' column");
      }
      for (CSVRecord row : parser) {
        byLsoa.put(row.get(code).trim(), Integer.parseInt(row.get(total).trim().replace(",", "")));
      }
    }
    return new Population(Map.copyOf(byLsoa), areas);
  }

  /** Residents of an area (an LSOA or any area containing LSOAs), or null when unknown. */
  public Integer of(String areaCode) {
    if (areaCode == null) {
      return null;
    }
    Integer direct = byLsoa.get(areaCode);
    if (direct != null) {
      return direct;
    }
    int residents =
        cache.computeIfAbsent(
            areaCode,
            c -> {
              AreaHierarchy.Area area = areas.area(c);
              if (area == null) {
                return -1;
              }
              int sum = 0;
              for (String lsoa : area.lsoas()) {
                sum += byLsoa.getOrDefault(lsoa, 0);
              }
              return sum == 0 ? -1 : sum;
            });
    return residents > 0 ? residents : null;
  }
}
