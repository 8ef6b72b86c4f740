package uk.vruhub.policy.geo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.vruhub.avro.hub.AreaLevel;

/**
 * The statistical geography of the partnership: LSOA within ward within local authority within
 * community safety partnership within the VRU (police force) area, read from a lookup file with one
 * row per LSOA, in the layout of ONS's LSOA-to-ward-to-LAD lookups. Columns are found by name,
 * whatever the boundary year: {@code lsoa21cd}/{@code LSOA11CD}, {@code wd24cd}, {@code lad24cd},
 * {@code csp24cd}, {@code pfa24cd}, and the matching {@code ...nm} name columns.
 */
public final class AreaHierarchy {

  private static final Map<AreaLevel, Pattern> CODE_COLUMNS =
      Map.of(
          AreaLevel.LSOA, Pattern.compile("lsoa\\d\\dcd"),
          AreaLevel.WARD, Pattern.compile("wd\\d\\dcd"),
          AreaLevel.LOCAL_AUTHORITY, Pattern.compile("lad\\d\\dcd"),
          AreaLevel.CSP, Pattern.compile("csp\\d\\dcd"),
          AreaLevel.VRU_AREA, Pattern.compile("pfa\\d\\dcd"));

  private final Map<String, Area> areas;

  /** One area: its level, name and the codes of the areas containing it. */
  public record Area(
      String code,
      String name,
      AreaLevel level,
      Map<AreaLevel, String> ancestors,
      List<String> lsoas) {}

  private AreaHierarchy(Map<String, Area> areas) {
    this.areas = areas;
  }

  /** Reads a lookup file. */
  public static AreaHierarchy load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read area lookup " + file, e);
    }
  }

  /** Reads a lookup from a reader; {@code source} names it in messages. */
  public static AreaHierarchy read(Reader reader, String source) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .get();
    Map<String, Area> areas = new HashMap<>();
    Map<String, List<String>> lsoasOf = new HashMap<>();
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      Map<AreaLevel, String> codeColumn = new EnumMap<>(AreaLevel.class);
      Map<AreaLevel, String> nameColumn = new EnumMap<>(AreaLevel.class);
      for (String header : parser.getHeaderNames()) {
        String h = header.replace("\uFEFF", "").toLowerCase(Locale.ROOT);
        CODE_COLUMNS.forEach(
            (level, pattern) -> {
              if (pattern.matcher(h).matches()) {
                codeColumn.put(level, header);
              } else if (pattern.matcher(h.replaceFirst("nm$", "cd")).matches()) {
                nameColumn.put(level, header);
              }
            });
      }
      if (!codeColumn.keySet().containsAll(CODE_COLUMNS.keySet())) {
        throw new IllegalArgumentException(
            "Area lookup "
                + source
                + " lacks code columns for "
                + missing(codeColumn)
                + "; it needs lsoaYYcd, wdYYcd, ladYYcd, cspYYcd and pfaYYcd");
      }
      for (CSVRecord row : parser) {
        Map<AreaLevel, String> chain = new EnumMap<>(AreaLevel.class);
        for (AreaLevel level : AreaLevel.values()) {
          String code = row.get(codeColumn.get(level));
          if (code == null || code.isBlank()) {
            throw new IllegalArgumentException(
                "Area lookup "
                    + source
                    + " row "
                    + row.getRecordNumber()
                    + " has no "
                    + level
                    + " code");
          }
          chain.put(level, code.trim());
        }
        String lsoa = chain.get(AreaLevel.LSOA);
        for (AreaLevel level : AreaLevel.values()) {
          String code = chain.get(level);
          Map<AreaLevel, String> ancestors = new EnumMap<>(AreaLevel.class);
          chain.forEach(
              (l, c) -> {
                if (l.ordinal() >= level.ordinal()) {
                  ancestors.put(l, c);
                }
              });
          String name = nameColumn.containsKey(level) ? row.get(nameColumn.get(level)) : code;
          Area previous =
              areas.putIfAbsent(
                  code,
                  new Area(code, name, level, Collections.unmodifiableMap(ancestors), List.of()));
          if (previous != null && previous.level() != level) {
            throw new IllegalArgumentException(
                "Area lookup " + source + " uses code " + code + " at two levels");
          }
          if (previous != null && !previous.ancestors().equals(ancestors)) {
            throw new IllegalArgumentException(
                "Area lookup " + source + " puts " + code + " in two different parent areas");
          }
          lsoasOf.computeIfAbsent(code, k -> new ArrayList<>()).add(lsoa);
        }
      }
    }
    Map<String, Area> withLsoas = new HashMap<>();
    areas.forEach(
        (code, a) ->
            withLsoas.put(
                code,
                new Area(
                    a.code(), a.name(), a.level(), a.ancestors(), List.copyOf(lsoasOf.get(code)))));
    return new AreaHierarchy(Map.copyOf(withLsoas));
  }

  private static List<AreaLevel> missing(Map<AreaLevel, String> found) {
    List<AreaLevel> out = new ArrayList<>();
    for (AreaLevel level : AreaLevel.values()) {
      if (!found.containsKey(level)) {
        out.add(level);
      }
    }
    return out;
  }

  /** The area with this code, or null when the lookup does not have it. */
  public Area area(String code) {
    return code == null ? null : areas.get(code);
  }

  /** True when the lookup knows the code. */
  public boolean contains(String code) {
    return areas.containsKey(code);
  }

  /**
   * The code of the area at {@code level} that contains {@code code}; the code itself when it is
   * already at that level or coarser. Throws when the code is unknown, since the hub cannot then
   * tell how fine it is.
   */
  public String generalise(String code, AreaLevel level) {
    Area area = areas.get(code);
    if (area == null) {
      throw new IllegalArgumentException(
          "Area code " + code + " is not in the area lookup, so it cannot be generalised");
    }
    if (area.level().ordinal() >= level.ordinal()) {
      return code;
    }
    return area.ancestors().get(level);
  }

  /** Level of a known code. */
  public AreaLevel levelOf(String code) {
    Area area = areas.get(code);
    return area == null ? null : area.level();
  }

  /** Every area at a level. */
  public List<Area> atLevel(AreaLevel level) {
    return areas.values().stream()
        .filter(a -> a.level() == level)
        .sorted((a, b) -> a.code().compareTo(b.code()))
        .toList();
  }

  /** Number of areas known, at all levels. */
  public int size() {
    return areas.size();
  }
}
