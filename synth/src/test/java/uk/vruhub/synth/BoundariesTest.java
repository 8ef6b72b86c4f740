package uk.vruhub.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class BoundariesTest {

  private final SyntheticArea area = SyntheticArea.build(60_000, 7);

  @Test
  void everyLsoaHasACellHoldingItsCentroidAndTheCellsTileTheirWard() {
    Map<String, Polygon> cells = Boundaries.cells(area);
    assertThat(cells).hasSize(area.lsoas().size());
    GeometryFactory g = new GeometryFactory();
    for (SyntheticArea.Lsoa l : area.lsoas()) {
      Polygon cell = cells.get(l.code());
      assertThat(cell.isValid()).isTrue();
      assertThat(cell.covers(g.createPoint(new Coordinate(l.east(), l.north()))))
          .as(l.code())
          .isTrue();
    }
    Map<String, Double> wardAreas =
        area.lsoas().stream()
            .collect(
                Collectors.groupingBy(
                    SyntheticArea.Lsoa::wardCode,
                    Collectors.summingDouble(l -> cells.get(l.code()).getArea())));
    double square = (double) Boundaries.WARD_SQUARE * Boundaries.WARD_SQUARE;
    wardAreas.values().forEach(a -> assertThat(a).isCloseTo(square, within(1.0)));
  }

  /** The worked example of the Ordnance Survey's guide: Caister water tower. */
  @Test
  void gridPointsBecomeLongitudeAndLatitude() {
    double[] lonLat = Boundaries.lonLat(651409.903, 313177.270);
    assertThat(lonLat[1]).isCloseTo(52.657570, within(0.00001));
    assertThat(lonLat[0]).isCloseTo(1.717922, within(0.00001));
  }

  @Test
  void theFileIsAFeatureCollectionInTheOnsLayout(@TempDir Path dir) throws Exception {
    area.write(dir);
    String json =
        Files.readString(dir.resolve(SyntheticArea.BOUNDARIES_FILE), StandardCharsets.UTF_8);
    assertThat(json).startsWith("{\"type\":\"FeatureCollection\"");
    assertThat(json.split("\"LSOA21CD\":", -1)).hasSize(area.lsoas().size() + 1);
    assertThat(json).contains("\"LSOA21NM\":\"" + area.lsoas().get(0).name() + "\"");
    assertThat(json).contains("\"WD24CD\":\"" + area.lsoas().get(0).wardCode() + "\"");
  }
}
