package uk.vruhub.policy.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.avro.Schema;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.CohortProfile;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.Sources;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * For random inputs, the enforcer never publishes a count below the threshold, an area or time
 * finer than the policy allows, or anything it was given that the policy does not name.
 */
class EnforcerPropertiesTest {

  private static final PolicyEnforcer ENFORCER = Fixtures.enforcer();
  private static final Policy POLICY = Fixtures.shipped();
  private static final List<String> AREAS =
      Fixtures.areas().atLevel(AreaLevel.LSOA).stream().map(a -> a.code()).toList();

  @Provide
  Arbitrary<String> area() {
    List<String> all = new java.util.ArrayList<>(AREAS);
    for (AreaLevel level : AreaLevel.values()) {
      Fixtures.areas().atLevel(level).forEach(a -> all.add(a.code()));
    }
    return Arbitraries.of(all);
  }

  @Provide
  Arbitrary<LocalDate> date() {
    return Arbitraries.integers().between(0, 3650).map(d -> LocalDate.of(2020, 1, 1).plusDays(d));
  }

  @Property(tries = 300)
  void hotspotCountsAreNeverBelowTheThreshold(
      @ForAll @IntRange(min = 0, max = 200) int events,
      @ForAll @IntRange(min = 0, max = 30) int unlocated,
      @ForAll("area") String area,
      @ForAll("date") LocalDate date) {
    Map<String, Object> sources = TopicEnforcerTest.cell(events);
    sources.put(Sources.CELL_AREA, area);
    sources.put(Sources.CELL_UNLOCATED, unlocated);
    sources.put(Sources.CELL_PERIOD_START, date);
    sources.put(Sources.CELL_PERIOD_TYPE, PeriodType.MONTH);

    HotspotCell cell = (HotspotCell) ENFORCER.topic(Ids.HOTSPOTS).enforce(sources).value();

    int floor = POLICY.document().levels().get(1).suppressionFloor();
    if (cell.getCount() != null) {
      assertThat(cell.getCount()).isGreaterThanOrEqualTo(floor);
      // Shown counts are rounded to the nearest 5 and never more than half a step from the truth.
      assertThat(cell.getCount() % 5).isZero();
      assertThat(Math.abs(cell.getCount() - events)).isLessThanOrEqualTo(2);
    }
    assertThat(cell.getUnlocatedIncluded() == 0 || cell.getUnlocatedIncluded() >= floor).isTrue();
    assertThat(cell.getUnlocatedIncluded() % 5).isZero();
    assertThat(cell.getSuppressed()).isEqualTo(events < floor);
    assertThat(cell.getCount() == null).isEqualTo(cell.getSuppressed());
    assertThat(Fixtures.areas().levelOf(cell.getAreaCode()).ordinal())
        .isGreaterThanOrEqualTo(POLICY.document().levels().get(1).finestArea().ordinal());
    assertThat(cell.getPeriodStart().getDayOfMonth()).isEqualTo(1);
    assertThat(cell.getPeriodStart()).isBeforeOrEqualTo(date);
  }

  @Property(tries = 200)
  void profilesPublishNothingFinerThanLevelTwoAndNothingUnnamed(
      @ForAll("area") String home,
      @ForAll("date") LocalDate first,
      @ForAll @IntRange(min = 0, max = 99) int age,
      @ForAll @IntRange(min = 0, max = 1000) int events)
      throws IOException {
    Map<String, Object> sources = TopicEnforcerTest.profile("person-" + events);
    sources.put(Sources.PERSON_HOME_AREA, home);
    sources.put(Sources.PERSON_FIRST_EVENT, first);
    sources.put(Sources.PERSON_AGE, age);
    sources.put(Sources.PERSON_VIOLENCE_EVENTS, events);
    String secretValue = "unnamed-source-value-" + events;
    sources.put("person.name", secretValue);
    sources.put(Sources.CELL_AREA, "E01900001");

    Enforced out = ENFORCER.topic(Ids.COHORT_PROFILES).enforce(sources);
    CohortProfile profile = (CohortProfile) out.value();

    assertThat(Fixtures.areas().levelOf(profile.getHomeAreaCode()).ordinal())
        .isGreaterThanOrEqualTo(AreaLevel.WARD.ordinal());
    assertThat(profile.getFirstEventMonth().getDayOfMonth()).isEqualTo(1);
    assertThat(profile.getViolenceEvents()).isLessThanOrEqualTo(10);
    assertThat(profile.getAgeBand()).isIn("0-9", "10-14", "15-17", "18-20", "21-24", "25+");
    assertThat(profile.getPersonPseudonym()).doesNotContain("person-");
    assertThat(bytesOf(profile))
        .doesNotContain(secretValue)
        .doesNotContain("person-" + events + "\u0000");
    assertThat(profile.getSchema().getFields().stream().map(Schema.Field::name).toList())
        .containsExactlyInAnyOrderElementsOf(POLICY.topic(Ids.COHORT_PROFILES).fields().keySet());
  }

  private static String bytesOf(SpecificRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
