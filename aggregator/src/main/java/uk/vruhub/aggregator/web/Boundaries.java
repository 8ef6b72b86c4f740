package uk.vruhub.aggregator.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.policy.geo.AreaHierarchy;

/**
 * The map's areas: the LSOA boundaries of a GeoJSON file in the ONS layout, cut down to the LSOAs
 * of the area hierarchy (a national file holds 35,000; a VRU area a few hundred), each with its
 * code, name and ward from the hierarchy; and the wards, each the union of its LSOAs. Both are
 * written once, at start, as the GeoJSON the dashboard fetches. Boundaries are published geography:
 * they carry nothing of the hub's data.
 */
public final class Boundaries {

  /** The ONS names the LSOA code property after the census year: LSOA11CD, LSOA21CD. */
  private static final Pattern CODE = Pattern.compile("(?i)lsoa\\d\\dcd");

  private static final Pattern NAME = Pattern.compile("(?i)lsoa\\d\\dnm");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private final byte[] lsoas;
  private final byte[] wards;
  private final int lsoaCount;
  private final int wardCount;

  private Boundaries(byte[] lsoas, byte[] wards, int lsoaCount, int wardCount) {
    this.lsoas = lsoas;
    this.wards = wards;
    this.lsoaCount = lsoaCount;
    this.wardCount = wardCount;
  }

  /** GeoJSON of the LSOAs. */
  public byte[] lsoas() {
    return lsoas.clone();
  }

  /** GeoJSON of the wards. */
  public byte[] wards() {
    return wards.clone();
  }

  public int lsoaCount() {
    return lsoaCount;
  }

  public int wardCount() {
    return wardCount;
  }

  /** The default of {@code hub.aggregator.dashboard.boundaries-max-points}. */
  public static final long DEFAULT_MAX_POINTS = 2_000_000;

  private static final String KEY = "hub.aggregator.dashboard.boundaries";

  /** Reads a boundary file, keeping at most {@link #DEFAULT_MAX_POINTS} points. */
  public static Boundaries load(Path file, AreaHierarchy areas) {
    return load(file, areas, DEFAULT_MAX_POINTS);
  }

  /**
   * Reads a boundary file as a stream, one feature at a time, so a national file of hundreds of
   * megabytes never sits in memory: only the features of the hierarchy's LSOAs are kept, and at
   * most {@code maxPoints} of their points. Refuses a file that is not a FeatureCollection of
   * polygons with an LSOA code property, one with none of the hierarchy's LSOAs (a file of another
   * region), and one whose kept LSOAs hold more points than the cap.
   */
  public static Boundaries load(Path file, AreaHierarchy areas, long maxPoints) {
    String key = KEY;
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          key + " " + file.toAbsolutePath() + " is not a file: give an LSOA boundary GeoJSON");
    }
    Map<String, Geometry> byLsoa = new LinkedHashMap<>();
    boolean anyCode = false;
    boolean collection = false;
    boolean anyFeatures = false;
    long points = 0;
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = JSON.getFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notACollection(file);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("type".equals(field)) {
          collection =
              value == JsonToken.VALUE_STRING && "FeatureCollection".equals(parser.getText());
        } else if ("features".equals(field) && value == JsonToken.START_ARRAY) {
          anyFeatures = true;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
              throw new IllegalStateException(
                  key + " " + file + ": every element of \"features\" must be a Feature object");
            }
            // One feature at a time: a few kilobytes, dropped at once unless it is one of ours.
            JsonNode feature = parser.readValueAsTree();
            String code = property(feature.path("properties"), CODE);
            if (code == null) {
              continue;
            }
            anyCode = true;
            AreaHierarchy.Area area = areas.area(code);
            if (area == null || area.level() != AreaLevel.LSOA) {
              continue;
            }
            Geometry g = geometry(feature.path("geometry"));
            if (g == null) {
              throw new IllegalStateException(
                  key
                      + " "
                      + file
                      + ": the feature of "
                      + code
                      + " is not a Polygon or MultiPolygon");
            }
            points += g.getNumPoints();
            if (points > maxPoints) {
              throw new IllegalStateException(
                  key
                      + " "
                      + file
                      + ": the area hierarchy's LSOAs hold more than "
                      + maxPoints
                      + " boundary points (hub.aggregator.dashboard.boundaries-max-points): give a"
                      + " generalised file (ONS BGC or BSC rather than BFC), or raise the cap");
            }
            byLsoa.merge(code, g, Geometry::union);
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          key
              + " "
              + file
              + " is not JSON (at line "
              + lineOf(e)
              + "): give an LSOA boundary GeoJSON (ONS layout)",
          e);
    }
    if (!collection || !anyFeatures) {
      throw notACollection(file);
    }
    if (!anyCode) {
      throw new IllegalStateException(
          key
              + " "
              + file
              + " has no feature with an LSOA code property (LSOA21CD, as the ONS names it)");
    }
    if (byLsoa.isEmpty()) {
      throw new IllegalStateException(
          key
              + " "
              + file
              + " holds none of the area hierarchy's LSOAs: it is a boundary file of another"
              + " region, or of other census years' codes");
    }
    ArrayNode lsoaFeatures = JSON.createArrayNode();
    Map<String, List<Geometry>> byWard = new LinkedHashMap<>();
    for (Map.Entry<String, Geometry> e : byLsoa.entrySet()) {
      AreaHierarchy.Area area = areas.area(e.getKey());
      String ward = area.ancestors().get(AreaLevel.WARD);
      ObjectNode p = JSON.createObjectNode();
      p.put("LSOA21CD", e.getKey());
      p.put("LSOA21NM", area.name());
      if (ward != null) {
        p.put("WDCD", ward);
        p.put("WDNM", nameOf(areas, ward));
        byWard.computeIfAbsent(ward, w -> new ArrayList<>()).add(e.getValue());
      }
      lsoaFeatures.add(feature(p, e.getValue()));
    }
    ArrayNode wardFeatures = JSON.createArrayNode();
    for (Map.Entry<String, List<Geometry>> e : byWard.entrySet()) {
      ObjectNode p = JSON.createObjectNode();
      p.put("WDCD", e.getKey());
      p.put("WDNM", nameOf(areas, e.getKey()));
      Geometry union = UnaryUnionOp.union(e.getValue());
      wardFeatures.add(feature(p, union));
    }
    return new Boundaries(
        collection(lsoaFeatures), collection(wardFeatures), byLsoa.size(), byWard.size());
  }

  private static IllegalStateException notACollection(Path file) {
    return new IllegalStateException(
        KEY
            + " "
            + file
            + " is not a GeoJSON FeatureCollection (its \"type\" must be one, with an array of"
            + " \"features\")");
  }

  private static String lineOf(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        && j.getLocation() != null) {
      return Long.toString(j.getLocation().getLineNr());
    }
    return "?";
  }

  private static String nameOf(AreaHierarchy areas, String code) {
    AreaHierarchy.Area a = areas.area(code);
    return a == null || a.name() == null ? code : a.name();
  }

  private static String property(JsonNode properties, Pattern name) {
    for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (name.matcher(field).matches() && properties.get(field).isTextual()) {
        return properties.get(field).asText().strip().toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static Geometry geometry(JsonNode g) {
    String type = g.path("type").asText();
    JsonNode coordinates = g.path("coordinates");
    if ("Polygon".equals(type)) {
      return polygon(coordinates);
    }
    if ("MultiPolygon".equals(type)) {
      List<Polygon> parts = new ArrayList<>();
      for (JsonNode p : coordinates) {
        Polygon polygon = polygon(p);
        if (polygon == null) {
          return null;
        }
        parts.add(polygon);
      }
      return parts.isEmpty() ? null : GEOMETRY.createMultiPolygon(parts.toArray(Polygon[]::new));
    }
    return null;
  }

  private static Polygon polygon(JsonNode rings) {
    if (!rings.isArray() || rings.isEmpty()) {
      return null;
    }
    List<LinearRing> out = new ArrayList<>();
    for (JsonNode ring : rings) {
      List<Coordinate> points = new ArrayList<>();
      for (JsonNode point : ring) {
        if (point.size() < 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
          return null;
        }
        points.add(new Coordinate(point.get(0).asDouble(), point.get(1).asDouble()));
      }
      if (points.size() < 4 || !points.get(0).equals2D(points.get(points.size() - 1))) {
        return null;
      }
      out.add(GEOMETRY.createLinearRing(points.toArray(Coordinate[]::new)));
    }
    return GEOMETRY.createPolygon(
        out.get(0), out.subList(1, out.size()).toArray(LinearRing[]::new));
  }

  private static ObjectNode feature(ObjectNode properties, Geometry g) {
    ObjectNode f = JSON.createObjectNode();
    f.put("type", "Feature");
    f.set("properties", properties);
    ObjectNode geometry = f.putObject("geometry");
    if (g.getNumGeometries() == 1) {
      geometry.put("type", "Polygon");
      geometry.set("coordinates", rings((Polygon) g.getGeometryN(0)));
    } else {
      geometry.put("type", "MultiPolygon");
      ArrayNode parts = geometry.putArray("coordinates");
      for (int i = 0; i < g.getNumGeometries(); i++) {
        if (g.getGeometryN(i) instanceof Polygon p) {
          parts.add(rings(p));
        }
      }
    }
    return f;
  }

  private static ArrayNode rings(Polygon p) {
    ArrayNode rings = JSON.createArrayNode();
    rings.add(ring(p.getExteriorRing().getCoordinates()));
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      rings.add(ring(p.getInteriorRingN(i).getCoordinates()));
    }
    return rings;
  }

  private static ArrayNode ring(Coordinate[] coordinates) {
    ArrayNode ring = JSON.createArrayNode();
    for (Coordinate c : coordinates) {
      ring.addArray().add(round(c.x)).add(round(c.y));
    }
    return ring;
  }

  /** Six decimals of a degree: about 10 cm, finer than any boundary file. */
  private static double round(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }

  private static byte[] collection(ArrayNode features) {
    ObjectNode c = JSON.createObjectNode();
    c.put("type", "FeatureCollection");
    c.set("features", features);
    try {
      return JSON.writeValueAsBytes(c);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
