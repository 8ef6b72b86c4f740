package uk.vruhub.policy.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.policy.Fixtures;

class AreaHierarchyTest {

  private final AreaHierarchy areas = Fixtures.areas();

  @Test
  void liftsCodesUpTheHierarchyAndLeavesCoarserOnes() {
    assertThat(areas.generalise("E01900004", AreaLevel.WARD)).isEqualTo("E05900002");
    assertThat(areas.generalise("E01900004", AreaLevel.LOCAL_AUTHORITY)).isEqualTo("E07900001");
    assertThat(areas.generalise("E01900004", AreaLevel.CSP)).isEqualTo("E22900001");
    assertThat(areas.generalise("E01900004", AreaLevel.VRU_AREA)).isEqualTo("E23900001");
    assertThat(areas.generalise("E07900002", AreaLevel.WARD)).isEqualTo("E07900002");
    assertThat(areas.levelOf("E22900002")).isEqualTo(AreaLevel.CSP);
    assertThat(areas.area("E07900002").lsoas()).hasSize(4);
    assertThat(areas.area("E05900001").name()).isEqualTo("Harbour");
    assertThat(areas.atLevel(AreaLevel.LSOA)).hasSize(12);
  }

  @Test
  void anUnknownCodeCannotBeGeneralised() {
    assertThatThrownBy(() -> areas.generalise("E01000001", AreaLevel.WARD))
        .hasMessage("Area code E01000001 is not in the area lookup, so it cannot be generalised");
  }

  @Test
  void readsOnsHeadersOfAnyBoundaryYearInAnyCase() throws Exception {
    AreaHierarchy lookup =
        AreaHierarchy.read(
            new StringReader(
                "\uFEFFLSOA11CD,LSOA11NM,WD22CD,WD22NM,LAD22CD,LAD22NM,CSP22CD,CSP22NM,PFA22CD,PFA22NM\n"
                    + "E01900001,a,E05900001,b,E07900001,c,E22900001,d,E23900001,e\n"),
            "test");
    assertThat(lookup.generalise("E01900001", AreaLevel.CSP)).isEqualTo("E22900001");
  }

  @Test
  void aLookupWithoutAllLevelsIsRefused() {
    assertThatThrownBy(
            () ->
                AreaHierarchy.read(
                    new StringReader("lsoa21cd,wd24cd\nE01900001,E05900001\n"), "short.csv"))
        .hasMessage(
            "Area lookup short.csv lacks code columns for [LOCAL_AUTHORITY, CSP, VRU_AREA]; it"
                + " needs lsoaYYcd, wdYYcd, ladYYcd, cspYYcd and pfaYYcd");
  }
}
