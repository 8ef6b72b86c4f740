package uk.vruhub.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;

class TopicCatalogueTest {

  private final TopicCatalogue catalogue = TopicCatalogue.load();

  @Test
  void theShippedSpecDeclaresEveryTopicOfTheDesign() {
    assertThat(catalogue.all())
        .extracting(TopicSpec::name)
        .containsExactly(
            "police.crime-events.v1",
            "health.ed-assault-attendances.v1",
            "education.school-events.v1",
            "police.feed-receipts.v1",
            "health.feed-receipts.v1",
            "education.feed-receipts.v1",
            "hub.hotspots.v1",
            "hub.cohort-summary.v1",
            "hub.cohort-profiles.v1",
            "hub.audit.v1");
  }

  @Test
  void everyIdConstantNamesATopicOfTheSpec() throws IllegalAccessException {
    for (Field field : TopicCatalogue.Ids.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        assertThat(catalogue.byId((String) field.get(null))).isNotNull();
      }
    }
    assertThat(TopicCatalogue.Ids.class.getDeclaredFields()).hasSize(catalogue.all().size());
  }

  @Test
  void typesResolveToGeneratedClasses() {
    assertThat(catalogue.byId(TopicCatalogue.Ids.POLICE_CRIME_EVENTS).valueClass())
        .isEqualTo(PoliceCrimeEvent.class);
    TopicSpec hotspots = catalogue.byName("hub.hotspots.v1");
    assertThat(hotspots.keyClass()).isEqualTo(HotspotKey.class);
    assertThat(hotspots.valueClass()).isEqualTo(HotspotCell.class);
    assertThat(hotspots.valueSubject()).isEqualTo("hub.hotspots.v1-value");
    assertThat(hotspots.config()).containsEntry("cleanup.policy", "compact");
  }

  @Test
  void aSpecNamingAnUnknownRecordIsRefused(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("topics.yaml");
    Files.writeString(
        spec,
        """
        topics:
          - id: x
            name: x.v1
            key: string
            value: uk.vruhub.avro.Nope
            level: internal
            partitions: 1
        """);

    assertThatThrownBy(() -> TopicCatalogue.load(spec))
        .hasStackTraceContaining("No hub record type named 'uk.vruhub.avro.Nope'");
  }

  @Test
  void anUnknownIdIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> catalogue.byId("hotspot"))
        .hasMessageStartingWith("No topic with id 'hotspot' in the topic spec; known: [");
  }
}
