package uk.vruhub.ingest.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.common.Area;

class PostcodeDirectoryTest {

  @Test
  void looksUpLiveAndTerminatedPostcodes() throws IOException {
    PostcodeDirectory directory =
        PostcodeDirectory.read(
            new StringReader(
                "pcds,doterm,oseast1m,osnrth1m,osward,oslaua,lsoa21,extra\n"
                    + "XA1 2BC,,451000,121000,E05900001,E07900001,E01900001,x\n"
                    + "XA1 9ZZ,201912,451400,121300,E05900001,E07900001,E01900002,x\n"),
            "two");

    assertThat(directory.byPostcode("XA1 2BC"))
        .isEqualTo(
            Area.newBuilder()
                .setLsoa("E01900001")
                .setWard("E05900001")
                .setLocalAuthority("E07900001")
                .build());
    assertThat(directory.byPostcode("XA1 9ZZ").getLsoa())
        .as("terminated postcodes still place old records")
        .isEqualTo("E01900002");
    assertThat(directory.byPostcode("XB1 1AA")).isNull();
    assertThat(directory.byLsoa("E01900002").getWard()).isEqualTo("E05900001");
  }

  @Test
  void placesAGridReferenceByTheNearestPostcodeWithinReach() throws IOException {
    PostcodeDirectory directory =
        PostcodeDirectory.read(
            new StringReader(
                "pcds,oseast1m,osnrth1m,osward,oslaua,lsoa21\n"
                    + "XA1 2BC,451000,121000,W1,L1,E01900001\n"
                    + "XA1 3BC,452000,121000,W1,L1,E01900002\n"),
            "grid");

    assertThat(directory.byGridReference(451100, 121050).getLsoa()).isEqualTo("E01900001");
    assertThat(directory.byGridReference(451900, 120900).getLsoa()).isEqualTo("E01900002");
    assertThat(directory.byGridReference(470000, 121000)).as("too far from any postcode").isNull();
  }

  @Test
  void theShippedSampleMatchesTheSyntheticAreas() throws IOException {
    PostcodeDirectory directory = PostcodeDirectory.syntheticSample();
    assertThat(directory.size()).isEqualTo(120);
    assertThat(directory.byLsoa("E01900012").getLocalAuthority()).isEqualTo("E07900003");
  }

  @Test
  void postcodesPackIntoDistinctNumbers() {
    assertThat(PostcodeDirectory.pack("XA1 2BC"))
        .isEqualTo(PostcodeDirectory.pack("xa12bc"))
        .isNotEqualTo(PostcodeDirectory.pack("XA1 2BD"));
    assertThat(PostcodeDirectory.pack("XA11 2BC")).isNotEqualTo(PostcodeDirectory.pack("XA1 2BC"));
    assertThat(PostcodeDirectory.pack("not-a-postcode")).isNegative();
  }
}
