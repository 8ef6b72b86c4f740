package uk.vruhub.ingest.core.geo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.vruhub.avro.common.Area;

/**
 * Postcode to statistical geography, read from a file in the ONS Postcode Directory (ONSPD) or
 * National Statistics Postcode Lookup layout: columns are chosen by their ONS names ({@code pcds},
 * {@code doterm}, {@code oseast1m}, {@code osnrth1m}, {@code osward}, {@code oslaua}, {@code
 * lsoa21} or {@code lsoa11}) and the rest ignored, so the real file works as well as the synthetic
 * sample. Terminated postcodes are kept: old postcodes still turn up in agency records.
 *
 * <p>Held compactly for the 2.7 million postcodes of the real directory: each postcode packed into
 * a {@code long}, sorted, with an index into a table of distinct (LSOA, ward, local authority)
 * triples and its grid reference; about 24 bytes a postcode, some 65 MB for the whole UK.
 */
public final class PostcodeDirectory {

  private static final int GRID_CELL_METRES = 1000;

  /** How far a grid reference may be from the nearest postcode centroid and still be placed. */
  private static final int MAX_DISTANCE_METRES = 1500;

  private final long[] postcodes;
  private final int[] areaOf;
  private final int[] eastings;
  private final int[] northings;
  private final Area[] areas;
  private final Map<String, Area> byLsoa;
  private final Map<Long, int[]> grid;

  private PostcodeDirectory(
      long[] postcodes,
      int[] areaOf,
      int[] eastings,
      int[] northings,
      Area[] areas,
      Map<String, Area> byLsoa) {
    this.postcodes = postcodes;
    this.areaOf = areaOf;
    this.eastings = eastings;
    this.northings = northings;
    this.areas = areas;
    this.byLsoa = byLsoa;
    this.grid = buildGrid();
  }

  /** Classpath location of the synthetic sample directory shipped for demos and tests. */
  public static final String SAMPLE = "/uk/vruhub/ingest/core/geography/postcodes-sample.csv";

  /** The small synthetic sample: fictional postcodes in the demo partnership's fictional areas. */
  public static PostcodeDirectory syntheticSample() {
    try (Reader reader =
        new java.io.InputStreamReader(
            PostcodeDirectory.class.getResourceAsStream(SAMPLE), StandardCharsets.UTF_8)) {
      return read(reader, SAMPLE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a directory file. */
  public static PostcodeDirectory load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read postcode directory " + file, e);
    }
  }

  /** Reads a directory; {@code source} names it in messages. */
  public static PostcodeDirectory read(Reader reader, String source) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    List<long[]> rows = new ArrayList<>();
    Map<String, Integer> areaIndex = new HashMap<>();
    List<Area> areaList = new ArrayList<>();
    Map<String, Area> byLsoa = new HashMap<>();
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      Map<String, String> header = new HashMap<>();
      parser
          .getHeaderNames()
          .forEach(h -> header.put(h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT), h));
      String pcds = first(header, source, "pcds", "pcd");
      String lsoa = first(header, source, "lsoa21", "lsoa21cd", "lsoa11", "lsoa11cd");
      String ward = first(header, source, "osward");
      String la = first(header, source, "oslaua");
      String east = header.get("oseast1m");
      String north = header.get("osnrth1m");
      for (CSVRecord row : parser) {
        long code = pack(row.get(pcds));
        if (code < 0) {
          continue;
        }
        String lsoaCode = blankToNull(row.get(lsoa));
        String wardCode = blankToNull(row.get(ward));
        String laCode = blankToNull(row.get(la));
        String triple = lsoaCode + "|" + wardCode + "|" + laCode;
        int index =
            areaIndex.computeIfAbsent(
                triple,
                t -> {
                  areaList.add(
                      Area.newBuilder()
                          .setLsoa(lsoaCode)
                          .setWard(wardCode)
                          .setLocalAuthority(laCode)
                          .build());
                  return areaList.size() - 1;
                });
        if (lsoaCode != null) {
          byLsoa.putIfAbsent(lsoaCode, areaList.get(index));
        }
        rows.add(
            new long[] {
              code,
              index,
              parseInt(east == null ? null : row.get(east)),
              parseInt(north == null ? null : row.get(north))
            });
      }
    }
    rows.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] codes = new long[rows.size()];
    int[] areaOf = new int[rows.size()];
    int[] e = new int[rows.size()];
    int[] n = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      codes[i] = rows.get(i)[0];
      areaOf[i] = (int) rows.get(i)[1];
      e[i] = (int) rows.get(i)[2];
      n[i] = (int) rows.get(i)[3];
    }
    return new PostcodeDirectory(
        codes, areaOf, e, n, areaList.toArray(Area[]::new), Map.copyOf(byLsoa));
  }

  private static String first(Map<String, String> header, String source, String... names) {
    for (String name : names) {
      if (header.containsKey(name)) {
        return header.get(name);
      }
    }
    throw new IllegalArgumentException(
        "Postcode directory " + source + " has none of the columns " + Arrays.toString(names));
  }

  /** Number of postcodes known. */
  public int size() {
    return postcodes.length;
  }

  /** The areas of a postcode in standard form, or null when the directory does not know it. */
  public Area byPostcode(String standardPostcode) {
    long code = pack(standardPostcode);
    int i = code < 0 ? -1 : Arrays.binarySearch(postcodes, code);
    return i < 0 ? null : areas[areaOf[i]];
  }

  /** The areas of an LSOA (its ward and local authority), or null when unknown. */
  public Area byLsoa(String lsoa) {
    return byLsoa.get(lsoa);
  }

  /**
   * The areas of the postcode whose centroid is nearest a grid reference, within 1.5 km; null when
   * none is that close (a reference outside the partnership's area, or a typo).
   */
  public Area byGridReference(int easting, int northing) {
    long cellE = Math.floorDiv(easting, GRID_CELL_METRES);
    long cellN = Math.floorDiv(northing, GRID_CELL_METRES);
    int best = -1;
    long bestDistance = (long) MAX_DISTANCE_METRES * MAX_DISTANCE_METRES;
    for (long de = -2; de <= 2; de++) {
      for (long dn = -2; dn <= 2; dn++) {
        int[] members = grid.get(cell(cellE + de, cellN + dn));
        if (members == null) {
          continue;
        }
        for (int i : members) {
          long dx = eastings[i] - (long) easting;
          long dy = northings[i] - (long) northing;
          long d = dx * dx + dy * dy;
          if (d <= bestDistance) {
            bestDistance = d;
            best = i;
          }
        }
      }
    }
    return best < 0 ? null : areas[areaOf[best]];
  }

  private Map<Long, int[]> buildGrid() {
    Map<Long, List<Integer>> cells = new HashMap<>();
    for (int i = 0; i < postcodes.length; i++) {
      if (eastings[i] > 0 || northings[i] > 0) {
        cells
            .computeIfAbsent(
                cell(
                    Math.floorDiv(eastings[i], GRID_CELL_METRES),
                    Math.floorDiv(northings[i], GRID_CELL_METRES)),
                k -> new ArrayList<>())
            .add(i);
      }
    }
    Map<Long, int[]> out = new HashMap<>(cells.size() * 2);
    cells.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  private static long cell(long e, long n) {
    return (e << 32) ^ (n & 0xffffffffL);
  }

  /**
   * A postcode packed into a long: up to 7 letters and digits, spaces ignored, base 37. Returns -1
   * for text that cannot be a postcode.
   */
  static long pack(String postcode) {
    if (postcode == null) {
      return -1;
    }
    long out = 0;
    int length = 0;
    for (int i = 0; i < postcode.length(); i++) {
      char c = Character.toUpperCase(postcode.charAt(i));
      int v;
      if (c >= '0' && c <= '9') {
        v = 1 + (c - '0');
      } else if (c >= 'A' && c <= 'Z') {
        v = 11 + (c - 'A');
      } else if (c == ' ') {
        continue;
      } else {
        return -1;
      }
      if (++length > 7) {
        return -1;
      }
      out = out * 37 + v;
    }
    if (length < 5) {
      return -1;
    }
    for (int i = length; i < 7; i++) {
      out *= 37;
    }
    return out;
  }

  private static int parseInt(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
