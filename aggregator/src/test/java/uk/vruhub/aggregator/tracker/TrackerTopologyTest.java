package uk.vruhub.aggregator.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.topology.Events;
import uk.vruhub.aggregator.topology.HubTopology;
import uk.vruhub.aggregator.topology.TopologyFixture;

/** The completeness counts, through the tracker alone and through the whole hub topology. */
class TrackerTopologyTest {

  private static final CohortRules RULES = CohortRules.defaults("hips-2023");

  @Test
  void countsRecordsAndTheirKeyFieldsPerAgencyAndExtractMonth() {
    try (TopologyFixture f = new TopologyFixture(RULES, TrackerTopology::alone)) {
      f.health.pipeInput("a1", Events.attendance("a1", "p1").setIncidentArea(Events.TOWN).build());
      f.health.pipeInput("a2", Events.attendance("a2", "p2").setIncidentArea(null).build());
      f.health.pipeInput(
          "a3",
          Events.attendance("a3", "p3")
              .setIncidentArea(null)
              .setAgeAtEvent(null)
              .setExtractDate(LocalDate.of(2026, 4, 1))
              .build());
      f.police.pipeInput("c1", Events.crime("c1", "k1", "p1").setIncidentArea(null).build());

      List<Map.Entry<MonthKey, FieldCounts>> all = read(f);

      assertThat(all)
          .extracting(
              e -> e.getKey().agency().name(),
              e -> e.getKey().month().toString(),
              e -> e.getValue().records())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("POLICE", "2026-03", 1L),
              org.assertj.core.groups.Tuple.tuple("HEALTH", "2026-03", 2L),
              org.assertj.core.groups.Tuple.tuple("HEALTH", "2026-04", 1L));
      assertThat(all.get(1).getValue().present())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  KeyField.INCIDENT_LOCATION,
                  1L,
                  KeyField.DATE_OF_BIRTH,
                  2L,
                  KeyField.HOME_AREA,
                  2L));
      assertThat(all.get(0).getValue().present().getOrDefault(KeyField.INCIDENT_LOCATION, 0L))
          .isZero();
    }
  }

  @Test
  void aWithdrawalIsNotARecordReceivedAndSchoolRecordsHaveNoIncidentLocation() {
    try (TopologyFixture f = new TopologyFixture(RULES, TrackerTopology::alone)) {
      f.police.pipeInput("c1", Events.crime("c1", "k1", "p1").build());
      f.police.pipeInput("c1", (uk.vruhub.avro.agency.PoliceCrimeEvent) null);
      f.education.pipeInput("s1", Events.school("s1", "p1").setHomeArea(null).build());
      f.education.pipeInput("s1", (uk.vruhub.avro.agency.SchoolEvent) null);

      List<Map.Entry<MonthKey, FieldCounts>> all = read(f);

      assertThat(all)
          .extracting(e -> e.getKey().agency().name())
          .containsExactly("POLICE", "EDUCATION");
      assertThat(all.get(0).getValue().records()).isEqualTo(1);
      assertThat(all.get(1).getValue().present())
          .containsExactlyInAnyOrderEntriesOf(Map.of(KeyField.DATE_OF_BIRTH, 1L));
    }
  }

  @Test
  void theHubTopologyCountsTheSameBesideItsOtherOutputs() {
    try (TopologyFixture f = new TopologyFixture(RULES, HubTopology::build)) {
      f.health.pipeInput("a1", Events.attendance("a1", "p1").setIncidentArea(null).build());
      f.police.pipeInput("c1", Events.crime("c1", "k1", "p1").build());

      assertThat(read(f))
          .extracting(e -> e.getKey().agency().name(), e -> e.getValue().records())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("POLICE", 1L),
              org.assertj.core.groups.Tuple.tuple("HEALTH", 1L));
      assertThat(f.latestHotspots(new java.util.HashMap<>())).isNotEmpty();
    }
  }

  @Test
  void storedKeysAndCountsRoundTrip() {
    MonthKey key =
        new MonthKey(uk.vruhub.avro.common.Agency.HEALTH, java.time.YearMonth.of(2026, 3));
    FieldCounts counts = FieldCounts.none().plus(java.util.Set.of(KeyField.HOME_AREA));
    assertThat(
            MonthKey.serde()
                .deserializer()
                .deserialize("t", MonthKey.serde().serializer().serialize("t", key)))
        .isEqualTo(key);
    assertThat(
            FieldCounts.serde()
                .deserializer()
                .deserialize("t", FieldCounts.serde().serializer().serialize("t", counts)))
        .isEqualTo(counts);
  }

  /**
   * The exact counts, as the store holds them (what the tracker publishes of them is tested in
   * {@link TrackerDisclosureTest}).
   */
  private static List<Map.Entry<MonthKey, FieldCounts>> read(TopologyFixture f) {
    KeyValueStore<MonthKey, FieldCounts> store =
        f.driver.getKeyValueStore(TrackerTopology.COMPLETENESS_STORE);
    try (KeyValueIterator<MonthKey, FieldCounts> it = store.all()) {
      return List.copyOf(Completeness.sums(it).entrySet());
    }
  }
}
