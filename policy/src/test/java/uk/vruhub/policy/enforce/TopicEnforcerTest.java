package uk.vruhub.policy.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.CohortProfile;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.avro.hub.CohortSummaryKey;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.avro.hub.RiskFlag;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.Sources;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

class TopicEnforcerTest {

  private final PolicyEnforcer enforcer = Fixtures.enforcer();
  private final TopicEnforcer hotspots = enforcer.topic(Ids.HOTSPOTS);

  static Map<String, Object> cell(int events) {
    Map<String, Object> sources = new HashMap<>();
    sources.put(Sources.CELL_AREA, "E01900003");
    sources.put(Sources.CELL_PERIOD_TYPE, PeriodType.MONTH);
    sources.put(Sources.CELL_PERIOD_START, LocalDate.of(2026, 3, 12));
    sources.put(Sources.CELL_DEFINITION, "sussex-2020@1");
    sources.put(Sources.CELL_SOURCE, HotspotSource.COMBINED);
    sources.put(Sources.CELL_EVENTS, events);
    sources.put(Sources.CELL_UNLOCATED, 2);
    sources.put(Sources.CELL_POPULATION, 1600);
    sources.put(Sources.CELL_REVISED_AT, Instant.parse("2026-03-16T06:00:00Z"));
    return sources;
  }

  @Test
  void buildsAHotspotCellAndItsKeyFromSourceValues() {
    Enforced out = hotspots.enforce(cell(8));

    HotspotCell value = (HotspotCell) out.value();
    assertThat(value.getAreaCode()).isEqualTo("E01900003");
    assertThat(value.getAreaLevel()).isEqualTo(AreaLevel.LSOA);
    assertThat(value.getPeriodStart()).isEqualTo(LocalDate.of(2026, 3, 1));
    // The shipped policy rounds shown counts to the nearest 5, and the rate is of the shown count.
    assertThat(value.getCount()).isEqualTo(10);
    assertThat(value.getSuppressed()).isFalse();
    assertThat(value.getRatePer10k()).isEqualTo(62.5);
    assertThat(value.getUnlocatedIncluded()).isZero();
    assertThat(out.suppressed()).containsExactly("unlocatedIncluded");
    assertThat(out.key())
        .isEqualTo(
            HotspotKey.newBuilder()
                .setAreaCode("E01900003")
                .setPeriodType(PeriodType.MONTH)
                .setPeriodStart(LocalDate.of(2026, 3, 1))
                .setDefinitionId("sussex-2020@1")
                .setSource(HotspotSource.COMBINED)
                .build());
  }

  @Test
  void suppressionStartsExactlyAtTheThreshold() {
    HotspotCell four = (HotspotCell) hotspots.enforce(cell(4)).value();
    HotspotCell five = (HotspotCell) hotspots.enforce(cell(5)).value();
    HotspotCell zero = (HotspotCell) hotspots.enforce(cell(0)).value();

    assertThat(four.getCount()).isNull();
    assertThat(four.getSuppressed()).isTrue();
    assertThat(four.getRatePer10k()).isNull();
    assertThat(five.getCount()).isEqualTo(5);
    assertThat(five.getSuppressed()).isFalse();
    // Zero is hidden too: a shown 0 beside a hidden cell would narrow what the hidden one can be.
    assertThat(zero.getCount()).isNull();
    assertThat(zero.getSuppressed()).isTrue();
  }

  @Test
  void monthlyCellsStartOnTheFirstOfTheMonth() {
    Map<String, Object> sources = cell(9);
    sources.put(Sources.CELL_PERIOD_TYPE, PeriodType.MONTH);
    assertThat(((HotspotCell) hotspots.enforce(sources).value()).getPeriodStart())
        .isEqualTo(LocalDate.of(2026, 3, 1));
  }

  @Test
  void weeklyCellsStartOnMonday() {
    // The shipped policy publishes months only; one publishing weeks instead truncates to Monday.
    TopicEnforcer weekly =
        Fixtures.enforcer(
                Fixtures.parse(
                    Fixtures.replacing("treatment: {keep: [MONTH]}", "treatment: {keep: [WEEK]}")))
            .topic(Ids.HOTSPOTS);
    Map<String, Object> sources = cell(9);
    sources.put(Sources.CELL_PERIOD_TYPE, PeriodType.WEEK);
    assertThat(((HotspotCell) weekly.enforce(sources).value()).getPeriodStart())
        .isEqualTo(LocalDate.of(2026, 3, 9));
  }

  @Test
  void aPeriodThePolicyDoesNotAllowIsRefused() {
    for (PeriodType refused : new PeriodType[] {PeriodType.DAY, PeriodType.WEEK}) {
      Map<String, Object> sources = cell(9);
      sources.put(Sources.CELL_PERIOD_TYPE, refused);
      assertThatThrownBy(() -> hotspots.enforce(sources))
          .isInstanceOf(EnforcementException.class)
          .hasMessage(
              "Cannot build a record of topic 'hotspots', field 'periodType': value "
                  + refused
                  + " is not one the policy allows ([MONTH])");
    }
  }

  @Test
  void anAreaOutsideTheLookupIsRefused() {
    Map<String, Object> sources = cell(9);
    sources.put(Sources.CELL_AREA, "E01999999");
    assertThatThrownBy(() -> hotspots.enforce(sources))
        .hasMessageContaining("area code E01999999 is not in the area lookup");
  }

  @Test
  void aMissingRequiredSourceIsRefused() {
    Map<String, Object> sources = cell(9);
    sources.remove(Sources.CELL_DEFINITION);
    assertThatThrownBy(() -> hotspots.enforce(sources))
        .hasMessage(
            "Cannot build a record of topic 'hotspots', field 'definitionId': no value (source"
                + " 'cell.definition' is missing), and the field is required");
  }

  @Test
  void groupingDimensionsAreGeneralisedBeforeAggregation() {
    TopicEnforcer summary = enforcer.topic(Ids.COHORT_SUMMARY);
    assertThat(summary.generaliseArea("areaCode", "E01900004")).isEqualTo("E05900002");
    assertThat(summary.generaliseArea("areaCode", "E07900001")).isEqualTo("E07900001");
    assertThat(summary.ageBand("ageBand", 16)).isEqualTo("15-17");
    assertThat(summary.ageBand("ageBand", null)).isEqualTo("unknown");
    assertThat(hotspots.periodTypes("periodType")).containsExactly(PeriodType.MONTH);
    assertThat(hotspots.areaLevel("areaCode")).isEqualTo(AreaLevel.LSOA);
  }

  @Test
  void cohortSummaryKeysCarryTheFlagCombination() {
    Map<String, Object> sources = new HashMap<>();
    sources.put(Sources.PERSON_HOME_AREA, "E05900002");
    sources.put(Sources.PERSON_AGE, "15-17");
    sources.put(
        Sources.PERSON_FLAGS, List.of(RiskFlag.ED_ASSAULT_ATTENDANCE, RiskFlag.SCHOOL_SUSPENSION));
    sources.put(Sources.CELL_PERSONS, 3);
    sources.put(Sources.COHORT_LOOKBACK_MONTHS, 12);
    sources.put(Sources.CELL_REVISED_AT, Instant.EPOCH);

    Enforced out = enforcer.topic(Ids.COHORT_SUMMARY).enforce(sources);

    CohortSummaryCell value = (CohortSummaryCell) out.value();
    assertThat(value.getPersons()).isNull();
    assertThat(value.getSuppressed()).isTrue();
    assertThat(value.getAreaLevel()).isEqualTo(AreaLevel.WARD);
    assertThat(((CohortSummaryKey) out.key()).getRiskFlags())
        .containsExactly(RiskFlag.ED_ASSAULT_ATTENDANCE, RiskFlag.SCHOOL_SUSPENSION);
  }

  @Test
  void levelTwoProfilesAreKeyedByARecipientPseudonymNeverTheLinkId() {
    Map<String, Object> sources = profile("person-000042");
    Enforced out = enforcer.topic(Ids.COHORT_PROFILES).enforce(sources);
    Enforced again = enforcer.topic(Ids.COHORT_PROFILES).enforce(profile("person-000042"));
    Enforced other = enforcer.topic(Ids.COHORT_PROFILES).enforce(profile("person-000043"));
    PolicyEnforcer otherSecret =
        PolicyEnforcer.create(
            Fixtures.shipped(),
            TopicCatalogue.load(),
            Fixtures.areas(),
            RecipientSecrets.of(
                Map.of(
                    "vru-analyst",
                    "another-recipient-secret-of-32-bytes-or-more"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))));

    CohortProfile profile = (CohortProfile) out.value();
    assertThat(out.key())
        .isEqualTo(profile.getPersonPseudonym())
        .isEqualTo(again.key())
        .isNotEqualTo(other.key());
    assertThat(profile.getPersonPseudonym()).doesNotContain("000042").hasSize(43);
    assertThat(otherSecret.topic(Ids.COHORT_PROFILES).enforce(profile("person-000042")).key())
        .isNotEqualTo(out.key());
    assertThat(profile.getAgeBand()).isEqualTo("15-17");
    assertThat(profile.getHomeAreaCode()).isEqualTo("E05900001");
    assertThat(profile.getPoliceVictimEvents()).isEqualTo(10);
    assertThat(profile.getFirstEventMonth()).isEqualTo(LocalDate.of(2025, 6, 1));
  }

  @Test
  void withoutTheRecipientsSecretTheEnforcerRefusesToStart() {
    assertThatThrownBy(
            () ->
                PolicyEnforcer.create(
                    Fixtures.shipped(),
                    TopicCatalogue.load(),
                    Fixtures.areas(),
                    RecipientSecrets.of(Map.of())))
        .hasMessageStartingWith(
            "No pseudonymisation secret for recipient 'vru-analyst' (topic cohort-profiles)");
    assertThatThrownBy(
            () ->
                PolicyEnforcer.create(
                    Fixtures.shipped(),
                    TopicCatalogue.load(),
                    Fixtures.areas(),
                    RecipientSecrets.of(Map.of("vru-analyst", new byte[8]))))
        .hasMessageContaining("shorter than 32 bytes");
  }

  @Test
  void recordsAreStampedWithThePolicy() {
    RecordHeaders headers = new RecordHeaders();
    enforcer.stamp(headers);
    enforcer.stamp(headers);
    PolicyIdentity identity = Fixtures.shipped().identity();
    assertThat(
            new String(
                headers.lastHeader(PolicyIdentity.HEADER_ID).value(),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("demo-vru-isa");
    assertThat(
            new String(
                headers.lastHeader(PolicyIdentity.HEADER_SHA256).value(),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(identity.sha256());
    assertThat(headers.toArray()).hasSize(3);
  }

  static Map<String, Object> profile(String personId) {
    Map<String, Object> s = new HashMap<>();
    s.put(Sources.PERSON_ID, personId);
    s.put(Sources.PERSON_AGE, 16);
    s.put(Sources.PERSON_SEX, Sex.MALE);
    s.put(Sources.PERSON_HOME_AREA, "E01900002");
    s.put(Sources.PERSON_AGENCIES, List.of(Agency.POLICE, Agency.HEALTH));
    s.put(Sources.PERSON_FLAGS, List.of(RiskFlag.VIOLENCE_VICTIM, RiskFlag.MULTI_AGENCY));
    s.put(Sources.PERSON_POLICE_VICTIM_EVENTS, 14);
    s.put(Sources.PERSON_POLICE_SUSPECT_OR_OFFENDER_EVENTS, 0);
    s.put(Sources.PERSON_VIOLENCE_EVENTS, 3);
    s.put(Sources.PERSON_ED_ASSAULT_ATTENDANCES, 1);
    s.put(Sources.PERSON_SCHOOL_SUSPENSIONS, 0);
    s.put(Sources.PERSON_PERMANENT_EXCLUSIONS, 0);
    s.put(Sources.PERSON_PERSISTENT_ABSENCE_TERMS, 0);
    s.put(Sources.PERSON_FIRST_EVENT, LocalDate.of(2025, 6, 17));
    s.put(Sources.PERSON_LAST_EVENT, LocalDate.of(2026, 2, 3));
    s.put(Sources.COHORT_DEFINITION, "sussex-2020@1");
    s.put(Sources.COHORT_LOOKBACK_MONTHS, 12);
    s.put(Sources.PERSON_REVISED_AT, Instant.EPOCH);
    return s;
  }
}
