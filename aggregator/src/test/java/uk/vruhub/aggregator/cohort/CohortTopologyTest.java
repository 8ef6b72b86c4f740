package uk.vruhub.aggregator.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.topology.Events;
import uk.vruhub.aggregator.topology.TopologyFixture;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.hub.CohortProfile;
import uk.vruhub.avro.hub.CohortSummaryCell;
import uk.vruhub.avro.hub.CohortSummaryKey;
import uk.vruhub.avro.hub.RiskFlag;
import uk.vruhub.policy.Sources;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/** Linkage and the cohort streams, the cohort's sub-topology alone through TopologyTestDriver. */
class CohortTopologyTest {

  private final TopologyFixture fixture =
      new TopologyFixture(CohortRules.defaults("hips-2023"), CohortTopology::alone);

  @AfterEach
  void close() {
    fixture.close();
  }

  /** The recipient pseudonym the n-th person seen is published under. */
  private String pseudonym(int sequence) {
    return (String)
        fixture
            .settings
            .policy()
            .topic(Ids.COHORT_PROFILES)
            .keyFor(Map.of(Sources.PERSON_ID, String.format("P%09d", sequence)));
  }

  private Map<String, CohortProfile> latestProfiles(
      List<TestRecord<String, CohortProfile>> records, Map<String, CohortProfile> into) {
    records.forEach(r -> into.put(r.key(), r.value()));
    return into;
  }

  @Test
  void aYoungPersonKnownToTwoAgenciesJoinsTheCohortUnderTheRecipientsPseudonym() {
    fixture.police.pipeInput("r1", Events.crime("r1", "c1", "p1").build());
    fixture.health.pipeInput(
        "h1",
        Events.attendance("h1", "n1")
            .setMatchKeys(
                List.of(
                    Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "p1"),
                    Events.key(MatchKeyScheme.NHS_NUMBER, "n1")))
            .build());

    Map<String, CohortProfile> profiles = latestProfiles(fixture.profileRecords(), new HashMap<>());
    assertThat(profiles).containsOnlyKeys(pseudonym(1));
    CohortProfile p = profiles.get(pseudonym(1));
    assertThat(p.getPersonPseudonym())
        .isEqualTo(pseudonym(1))
        .hasSize(43)
        .doesNotContain("P000000001");
    assertThat(p.getAgencies()).containsExactly(Agency.POLICE, Agency.HEALTH);
    assertThat(p.getRiskFlags())
        .containsExactly(
            RiskFlag.VIOLENCE_VICTIM,
            RiskFlag.WEAPON_INVOLVED,
            RiskFlag.ED_ASSAULT_ATTENDANCE,
            RiskFlag.MULTI_AGENCY);
    assertThat(p.getAgeBand()).isEqualTo("15-17");
    assertThat(p.getHomeAreaCode()).as("home LSOA generalised to its ward").isEqualTo("E05900004");
    assertThat(p.getViolenceEvents()).isEqualTo(2);
    assertThat(p.getFirstEventMonth()).isEqualTo(LocalDate.of(2026, 3, 1));
  }

  @Test
  void aBridgingRecordMergesTwoPeopleAndTheOlderKeepsItsIdentity() {
    // Person A: a police victim, known by name key X and PNC id K. Not in the cohort alone.
    fixture.police.pipeInput(
        "a1",
        Events.crime("a1", "c1", "x")
            .setMatchKeys(
                List.of(
                    Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "x"),
                    Events.key(MatchKeyScheme.PNC_ID, "k")))
            .build());
    // Person B: three knife-assault attendances under name key Y: in the cohort on violence alone.
    for (int i = 1; i <= 3; i++) {
      fixture.health.pipeInput(
          "b" + i,
          Events.attendance("b" + i, "n")
              .setMatchKeys(
                  List.of(
                      Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "y"),
                      Events.key(MatchKeyScheme.NHS_NUMBER, "n")))
              .setArrivedAt(Instant.parse("2026-03-1" + i + "T23:00:00Z"))
              .build());
    }
    Map<String, CohortProfile> before = latestProfiles(fixture.profileRecords(), new HashMap<>());
    assertThat(before).containsOnlyKeys(pseudonym(2));

    // A later police record of A with the corrected name Y and the same PNC id bridges the two.
    fixture.police.pipeInput(
        "a2",
        Events.crime("a2", "c2", "y")
            .setMatchKeys(
                List.of(
                    Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "y"),
                    Events.key(MatchKeyScheme.PNC_ID, "k")))
            .build());

    Map<String, CohortProfile> after =
        latestProfiles(fixture.profileRecords(), new HashMap<>(before));
    assertThat(after.get(pseudonym(2))).as("the absorbed person's profile is withdrawn").isNull();
    CohortProfile merged = after.get(pseudonym(1));
    assertThat(merged.getAgencies()).containsExactly(Agency.POLICE, Agency.HEALTH);
    assertThat(merged.getEdAssaultAttendances()).isEqualTo(3);
    assertThat(merged.getPoliceVictimEvents()).isEqualTo(2);
  }

  @Test
  void aPersonLeavesTheCohortWhenAWithdrawalBreaksTheRule() {
    fixture.police.pipeInput("r1", Events.crime("r1", "c1", "p1").build());
    fixture.education.pipeInput(
        "s1",
        Events.school("s1", "u1")
            .setMatchKeys(
                List.of(
                    Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "p1"),
                    Events.key(MatchKeyScheme.UPN, "u1")))
            .build());
    assertThat(latestProfiles(fixture.profileRecords(), new HashMap<>())).containsKey(pseudonym(1));

    fixture.education.pipeInput("s1", null);

    List<TestRecord<String, CohortProfile>> after = fixture.profileRecords();
    assertThat(after).hasSize(1);
    assertThat(after.get(0).key()).isEqualTo(pseudonym(1));
    assertThat(after.get(0).value()).as("a tombstone").isNull();
  }

  @Test
  void eventsOutsideTheLookBackDoNotCount() {
    fixture.police.pipeInput(
        "old",
        Events.crime("old", "c0", "p1")
            .setOccurredFrom(Instant.parse("2024-06-01T12:00:00Z"))
            .build());
    fixture.education.pipeInput(
        "s1",
        Events.school("s1", "u1")
            .setMatchKeys(List.of(Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "p1")))
            .build());

    assertThat(fixture.profileRecords())
        .as("only the school event is in the last 12 months: one agency")
        .isEmpty();
  }

  @Test
  void theSummaryCountsPeopleByHomeWardAgeBandAndFlagsSuppressingSmallNumbers() {
    // The cells as the compacted topic keeps them: a cell is written only when what it shows
    // changes, so 2, 3 and 4 people (all shown suppressed) write nothing after the first.
    Map<CohortSummaryKey, CohortSummaryCell> cells = new HashMap<>();
    for (int i = 1; i <= 5; i++) {
      fixture.police.pipeInput("r" + i, Events.crime("r" + i, "c" + i, "p" + i).build());
      fixture.education.pipeInput(
          "s" + i,
          Events.school("s" + i, "u" + i)
              .setMatchKeys(List.of(Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "p" + i)))
              .build());
      List<TestRecord<CohortSummaryKey, CohortSummaryCell>> written =
          fixture.summary.readRecordsToList();
      written.forEach(r -> cells.put(r.key(), r.value()));
      assertThat(written)
          .as("cell records written at %d people", i)
          .hasSize(i == 1 || i == 5 ? 1 : 0);
      CohortSummaryKey key =
          new CohortSummaryKey(
              "E05900004",
              "15-17",
              List.of(
                  RiskFlag.VIOLENCE_VICTIM,
                  RiskFlag.WEAPON_INVOLVED,
                  RiskFlag.SCHOOL_SUSPENSION,
                  RiskFlag.MULTI_AGENCY));
      CohortSummaryCell cell = cells.get(key);
      if (i < 5) {
        assertThat(cell.getPersons()).as("%d people", i).isNull();
        assertThat(cell.getSuppressed()).isTrue();
      } else {
        assertThat(cell.getPersons()).isEqualTo(5);
      }
    }
  }

  @Test
  void aProfileChangeThePolicyHidesWritesNothing() {
    fixture.police.pipeInput("r1", Events.crime("r1", "c1", "p1").build());
    fixture.education.pipeInput(
        "s1",
        Events.school("s1", "u1")
            .setMatchKeys(List.of(Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "p1")))
            .build());
    assertThat(fixture.profileRecords()).hasSize(1);
    int summaryRecords = fixture.summary.readRecordsToList().size();
    assertThat(summaryRecords).isEqualTo(1);

    // Corrected: 16, not 17, and the suspension a week later. The band (15-17) and the first
    // event's month (February) are all the profile publishes of them.
    fixture.police.pipeInput("r1", Events.crime("r1", "c1", "p1").setAgeAtEvent(16).build());
    fixture.education.pipeInput(
        "s1",
        Events.school("s1", "u1")
            .setMatchKeys(List.of(Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "p1")))
            .setStartDate(LocalDate.of(2026, 2, 9))
            .build());

    assertThat(fixture.profileRecords()).as("nothing published changed").isEmpty();
    assertThat(fixture.summary.readRecordsToList()).isEmpty();
    Profile stored =
        fixture
            .driver
            .<String, Profile>getKeyValueStore(CohortTopology.PROFILES_STORE)
            .get("P000000001");
    assertThat(stored.age()).as("the profile itself did change").isEqualTo(16);
    assertThat(stored.firstEvent()).isEqualTo(LocalDate.of(2026, 2, 9));

    // 19 is another band: the profile and the summary cell it moves to are written.
    fixture.police.pipeInput("r1", Events.crime("r1", "c1", "p1").setAgeAtEvent(19).build());
    List<TestRecord<String, CohortProfile>> moved = fixture.profileRecords();
    assertThat(moved)
        .singleElement()
        .satisfies(r -> assertThat(r.value().getAgeBand()).isEqualTo("18-20"));
    assertThat(fixture.summary.readRecordsToList())
        .as("the cell it joined; the cell it left goes from 1 to 0, both hidden, so is unchanged")
        .hasSize(1);
  }
}
