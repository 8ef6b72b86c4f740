package uk.vruhub.synth;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Boundaries of the synthetic area's fictional LSOAs, as a GeoJSON file in the layout of the ONS
 * LSOA 2021 boundary files ({@code LSOA21CD}, {@code LSOA21NM}, with the ward and district codes
 * beside them), so that the dashboard draws the demo's areas as it would draw real ones.
 *
 * <p>Each ward of the synthetic area is a 5 km square of the national grid holding its LSOAs'
 * centroids (see {@link SyntheticArea#build}); an LSOA's boundary is its centroid's Voronoi cell
 * among the ward's centroids, clipped to the square. The cells of a ward therefore tile it, and
 * wards never overlap. Grid coordinates become latitude and longitude by the inverse transverse
 * Mercator projection of the national grid (Airy 1830 ellipsoid); the shift from OSGB36 to WGS84,
 * about 100 m, is left out, which no fictional area needs.
 */
public final class Boundaries {

  /** Side of a ward's square, in metres, as {@link SyntheticArea#build} lays the centroids out. */
  static final int WARD_SQUARE = 5_000;

  static final int GRID_EAST = 300_000;
  static final int GRID_NORTH = 100_000;

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private Boundaries() {}

  /** The LSOAs' cells in grid metres, by LSOA code, in the area's order. */
  static Map<String, Polygon> cells(SyntheticArea area) {
    Map<String, List<SyntheticArea.Lsoa>> byWard = new LinkedHashMap<>();
    for (SyntheticArea.Lsoa l : area.lsoas()) {
      byWard.computeIfAbsent(l.wardCode(), w -> new ArrayList<>()).add(l);
    }
    Map<String, Polygon> out = new LinkedHashMap<>();
    for (List<SyntheticArea.Lsoa> ward : byWard.values()) {
      SyntheticArea.Lsoa first = ward.get(0);
      double x0 = GRID_EAST + Math.floorDiv(first.east() - GRID_EAST, WARD_SQUARE) * WARD_SQUARE;
      double y0 = GRID_NORTH + Math.floorDiv(first.north() - GRID_NORTH, WARD_SQUARE) * WARD_SQUARE;
      Envelope square = new Envelope(x0, x0 + WARD_SQUARE, y0, y0 + WARD_SQUARE);
      Geometry clip = GEOMETRY.toGeometry(square);
      if (ward.size() == 1) {
        out.put(first.code(), (Polygon) clip);
        continue;
      }
      // Two centroids on the same metre would share one cell: the later moves a metre along.
      Map<Coordinate, SyntheticArea.Lsoa> sites = new HashMap<>();
      for (SyntheticArea.Lsoa l : ward) {
        Coordinate c = new Coordinate(l.east(), l.north());
        while (sites.containsKey(c)) {
          c = new Coordinate(c.x + 1, c.y);
        }
        sites.put(c, l);
      }
      VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
      voronoi.setSites(sites.keySet());
      voronoi.setClipEnvelope(square);
      Geometry diagram = voronoi.getDiagram(GEOMETRY);
      for (int i = 0; i < diagram.getNumGeometries(); i++) {
        Polygon cell = (Polygon) diagram.getGeometryN(i);
        SyntheticArea.Lsoa l = sites.get((Coordinate) cell.getUserData());
        Geometry clipped = cell.intersection(clip);
        if (l != null && clipped instanceof Polygon p && !p.isEmpty()) {
          out.put(l.code(), p);
        }
      }
    }
    Map<String, Polygon> ordered = new LinkedHashMap<>();
    for (SyntheticArea.Lsoa l : area.lsoas()) {
      Polygon p = out.get(l.code());
      if (p == null) {
        throw new IllegalStateException("No boundary was made for LSOA " + l.code());
      }
      ordered.put(l.code(), p);
    }
    return ordered;
  }

  /** Writes the boundaries as a GeoJSON FeatureCollection (RFC 7946: WGS84, right-hand rings). */
  public static void write(SyntheticArea area, Path file) throws IOException {
    Map<String, Polygon> cells = cells(area);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "{\"type\":\"FeatureCollection\",\"name\":\"LSOA_2021_synthetic\",\"features\":[\n");
      boolean first = true;
      for (SyntheticArea.Lsoa l : area.lsoas()) {
        if (!first) {
          out.write(",\n");
        }
        first = false;
        out.write("{\"type\":\"Feature\",\"properties\":{");
        out.write("\"LSOA21CD\":" + quote(l.code()));
        out.write(",\"LSOA21NM\":" + quote(l.name()));
        out.write(",\"WD24CD\":" + quote(l.wardCode()));
        out.write(",\"WD24NM\":" + quote(l.wardName()));
        out.write(",\"LAD24CD\":" + quote(area.districtCode(l.district())));
        out.write(",\"LAD24NM\":" + quote(area.districtName(l.district())));
        out.write("},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        // JTS rings are clockwise from the Voronoi builder or not: normalised to counter-clockwise
        // exterior rings, as RFC 7946 asks.
        Polygon p = (Polygon) cells.get(l.code()).copy();
        p.normalize();
        Coordinate[] ring = p.getExteriorRing().reverse().getCoordinates();
        for (int i = 0; i < ring.length; i++) {
          double[] lonLat = lonLat(ring[i].x, ring[i].y);
          out.write(
              (i == 0 ? "" : ",")
                  + String.format(Locale.ROOT, "[%.6f,%.6f]", lonLat[0], lonLat[1]));
        }
        out.write("]]}}");
      }
      out.write("\n]}\n");
    }
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /**
   * Longitude and latitude (degrees) of a national grid point: the Ordnance Survey's inverse
   * transverse Mercator ("A guide to coordinate systems in Great Britain", annex C).
   */
  static double[] lonLat(double east, double north) {
    double a = 6377563.396;
    double b = 6356256.909;
    double f0 = 0.9996012717;
    double phi0 = Math.toRadians(49);
    double lambda0 = Math.toRadians(-2);
    double e0 = 400_000;
    double n0 = -100_000;
    double e2 = 1 - (b * b) / (a * a);
    double n = (a - b) / (a + b);
    double phi = phi0;
    double m = 0;
    do {
      phi = (north - n0 - m) / (a * f0) + phi;
      m = meridional(b, f0, n, phi0, phi);
    } while (Math.abs(north - n0 - m) >= 0.00001);
    double sin = Math.sin(phi);
    double nu = a * f0 / Math.sqrt(1 - e2 * sin * sin);
    double rho = a * f0 * (1 - e2) / Math.pow(1 - e2 * sin * sin, 1.5);
    double eta2 = nu / rho - 1;
    double tan = Math.tan(phi);
    double sec = 1 / Math.cos(phi);
    double vii = tan / (2 * rho * nu);
    double viii =
        tan / (24 * rho * nu * nu * nu) * (5 + 3 * tan * tan + eta2 - 9 * tan * tan * eta2);
    double ix = tan / (720 * rho * Math.pow(nu, 5)) * (61 + 90 * tan * tan + 45 * Math.pow(tan, 4));
    double x = sec / nu;
    double xi = sec / (6 * nu * nu * nu) * (nu / rho + 2 * tan * tan);
    double xii = sec / (120 * Math.pow(nu, 5)) * (5 + 28 * tan * tan + 24 * Math.pow(tan, 4));
    double xiia =
        sec
            / (5040 * Math.pow(nu, 7))
            * (61 + 662 * tan * tan + 1320 * Math.pow(tan, 4) + 720 * Math.pow(tan, 6));
    double de = east - e0;
    double lat = phi - vii * de * de + viii * Math.pow(de, 4) - ix * Math.pow(de, 6);
    double lon =
        lambda0 + x * de - xi * Math.pow(de, 3) + xii * Math.pow(de, 5) - xiia * Math.pow(de, 7);
    return new double[] {Math.toDegrees(lon), Math.toDegrees(lat)};
  }

  private static double meridional(double b, double f0, double n, double phi0, double phi) {
    double d = phi - phi0;
    double s = phi + phi0;
    return b
        * f0
        * ((1 + n + 1.25 * n * n + 1.25 * n * n * n) * d
            - (3 * n + 3 * n * n + 2.625 * n * n * n) * Math.sin(d) * Math.cos(s)
            + (1.875 * n * n + 1.875 * n * n * n) * Math.sin(2 * d) * Math.cos(2 * s)
            - 35.0 / 24 * n * n * n * Math.sin(3 * d) * Math.cos(3 * s));
  }
}
