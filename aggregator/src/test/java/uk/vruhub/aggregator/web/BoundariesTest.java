package uk.vruhub.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.policy.geo.AreaHierarchy;

/**
 * The map's areas from a boundary file: cut down to the hierarchy's LSOAs, named from it, wards as
 * the union of their LSOAs; and a file that cannot be the boundaries refused with what to give.
 */
class BoundariesTest {

  static AreaHierarchy areas;

  @TempDir Path dir;

  @BeforeAll
  static void sampleAreas() throws Exception {
    try (Reader r =
        new InputStreamReader(
            BoundariesTest.class.getResourceAsStream("/uk/vruhub/aggregator/sample/areas.csv"),
            StandardCharsets.UTF_8)) {
      areas = AreaHierarchy.read(r, "sample");
    }
  }

  private static String square(String code, double x, double y) {
    return "{\"type\":\"Feature\",\"properties\":{\"LSOA21CD\":\""
        + code
        + "\",\"LSOA21NM\":\"from the"
        + " file\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[["
        + x
        + ","
        + y
        + "],["
        + (x + 1)
        + ","
        + y
        + "],["
        + (x + 1)
        + ","
        + (y + 1)
        + "],["
        + x
        + ","
        + (y + 1)
        + "],["
        + x
        + ","
        + y
        + "]]]}}";
  }

  private Path file(String text) throws Exception {
    Path f = dir.resolve("b.geojson");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void keepsTheHierarchysLsoasAndUnitesEachWard() throws Exception {
    Path f =
        file(
            collection(
                square("E01900001", 0, 0), square("E01900002", 1, 0), square("E01999999", 5, 5)));
    Boundaries b = Boundaries.load(f, areas);
    assertThat(b.lsoaCount()).isEqualTo(2);
    assertThat(b.wardCount()).isEqualTo(1);
    ObjectMapper json = new ObjectMapper();
    JsonNode lsoas = json.readTree(b.lsoas());
    assertThat(lsoas.path("features")).hasSize(2);
    JsonNode p = lsoas.path("features").get(0).path("properties");
    assertThat(p.path("LSOA21CD").asText()).isEqualTo("E01900001");
    assertThat(p.path("LSOA21NM").asText()).isEqualTo("Porthaven 001A");
    assertThat(p.path("WDCD").asText()).isEqualTo("E05900001");
    JsonNode ward = json.readTree(b.wards()).path("features").get(0);
    assertThat(ward.path("geometry").path("type").asText()).isEqualTo("Polygon");
    // Two unit squares side by side: one 2 x 1 rectangle, five points with the ring closed.
    assertThat(ward.path("geometry").path("coordinates").get(0).size()).isBetween(5, 7);
  }

  @Test
  void refusesWhatCannotBeTheBoundaries() throws Exception {
    assertThatThrownBy(() -> Boundaries.load(dir.resolve("absent.geojson"), areas))
        .hasMessageContaining("is not a file");
    Path notJson = file("<html>");
    assertThatThrownBy(() -> Boundaries.load(notJson, areas)).hasMessageContaining("not JSON");
    Path feature = file("{\"type\":\"Feature\"}");
    assertThatThrownBy(() -> Boundaries.load(feature, areas))
        .hasMessageContaining("FeatureCollection");
    Path noCodes =
        file(
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"}}]}");
    assertThatThrownBy(() -> Boundaries.load(noCodes, areas)).hasMessageContaining("LSOA21CD");
    Path elsewhere =
        file("{\"type\":\"FeatureCollection\",\"features\":[" + square("E01000001", 0, 0) + "]}");
    assertThatThrownBy(() -> Boundaries.load(elsewhere, areas))
        .hasMessageContaining("another region");
    Path line =
        file(
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"LSOA21CD\":\"E01900001\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}}]}");
    assertThatThrownBy(() -> Boundaries.load(line, areas))
        .hasMessageContaining("not a Polygon or MultiPolygon");
  }

  @Test
  void dropsFeaturesOutsideTheHierarchyWhereverTheTypeComesAndWhateverElseTheFileHolds()
      throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      many.append(square(String.format("E01%06d", i), i, 0)).append(',');
    }
    Path f =
        file(
            "{\"name\":\"national\",\"crs\":{\"type\":\"name\",\"properties\":{}},\"features\":["
                + many
                + square("E01900003", 0, 5)
                + "],\"type\":\"FeatureCollection\"}");
    Boundaries b = Boundaries.load(f, areas);
    assertThat(b.lsoaCount()).isEqualTo(1);
    JsonNode lsoas = new ObjectMapper().readTree(b.lsoas());
    assertThat(lsoas.path("features")).hasSize(1);
    assertThat(lsoas.path("features").get(0).path("properties").path("LSOA21CD").asText())
        .isEqualTo("E01900003");
  }

  @Test
  void malformedJsonStopsTheStartNamingTheKeyAndTheLine() throws Exception {
    Path cut =
        file(
            "{\"type\":\"FeatureCollection\",\"features\":[\n"
                + square("E01900001", 0, 0)
                + ",\n{\"type\":\"Feature\",\"properties\":{\"LSOA21CD\":");
    assertThatThrownBy(() -> Boundaries.load(cut, areas))
        .hasMessageContaining("hub.aggregator.dashboard.boundaries")
        .hasMessageContaining("not JSON (at line 3)");
    Path notAnObject = file("[1,2,3]");
    assertThatThrownBy(() -> Boundaries.load(notAnObject, areas))
        .hasMessageContaining("hub.aggregator.dashboard.boundaries")
        .hasMessageContaining("FeatureCollection");
    Path noFeatures = file("{\"type\":\"FeatureCollection\",\"features\":{}}");
    assertThatThrownBy(() -> Boundaries.load(noFeatures, areas))
        .hasMessageContaining("FeatureCollection");
  }

  @Test
  void wrongPropertyNamesStopTheStartNamingTheKeyAndTheExpectedName() throws Exception {
    Path f = file(collection(square("E01900001", 0, 0).replace("LSOA21CD", "lsoa_code")));
    assertThatThrownBy(() -> Boundaries.load(f, areas))
        .hasMessageContaining("hub.aggregator.dashboard.boundaries")
        .hasMessageContaining("no feature with an LSOA code property (LSOA21CD");
  }

  @Test
  void keptPointsBeyondTheCapStopTheStartNamingTheCapsKey() throws Exception {
    Path f = file(collection(square("E01900001", 0, 0), square("E01900002", 1, 0)));
    assertThat(Boundaries.load(f, areas, 10).lsoaCount()).isEqualTo(2);
    assertThatThrownBy(() -> Boundaries.load(f, areas, 9))
        .hasMessageContaining("hub.aggregator.dashboard.boundaries-max-points")
        .hasMessageContaining("more than 9");
  }

  /** A GeoJSON FeatureCollection of these features. */
  private static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }
}
