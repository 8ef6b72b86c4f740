package uk.vruhub.aggregator.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vruhub.aggregator.cohort.LinkageHarness.cellChanges;
import static uk.vruhub.aggregator.cohort.LinkageHarness.fact;
import static uk.vruhub.aggregator.cohort.LinkageHarness.profileChanges;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.topology.TopologyFixture;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.hub.RiskFlag;

/** The linkage processor alone: merges, withdrawals, corrections, month advance and restarts. */
class LinkageProcessorTest {

  private static final LocalDate MARCH = LocalDate.of(2026, 3, 31);
  private static final LocalDate APRIL = LocalDate.of(2026, 4, 30);
  private static final LocalDate MAY = LocalDate.of(2026, 5, 31);
  private static final LocalDate DAY = LocalDate.of(2026, 3, 11);
  private static final String P1 = "P000000001";
  private static final String P2 = "P000000002";
  private static final String P3 = "P000000003";

  private final TopologyFixture fixture =
      new TopologyFixture(CohortRules.defaults("hips-2023"), CohortTopology::alone);
  private final CohortRules rules = fixture.settings.cohort();
  private final LinkageHarness linkage = new LinkageHarness(fixture.settings);

  @AfterEach
  void close() {
    fixture.close();
  }

  private static PersonFact victim(LocalDate day, LocalDate extract, String... keys) {
    return fact(PersonFact.Kind.POLICE_VICTIM, day, extract, true, keys);
  }

  private static PersonFact school(LocalDate day, LocalDate extract, String... keys) {
    return fact(PersonFact.Kind.SCHOOL_SUSPENSION, day, extract, false, keys);
  }

  private static PersonFact attendance(LocalDate day, LocalDate extract, String... keys) {
    return fact(PersonFact.Kind.ED_ASSAULT_ATTENDANCE, day, extract, true, keys);
  }

  @Test
  void aRecordBridgingTwoPeopleMergesThemUnderTheOlderId() {
    assertThat(linkage.send("a1", victim(DAY, MARCH, "PNC_ID|k", "FULLNAME_DOB_SEX|x")))
        .as("one police victim event: not in the cohort")
        .isEmpty();
    for (int i = 1; i <= 3; i++) {
      linkage.send("b" + i, attendance(DAY.plusDays(i), MARCH, "FULLNAME_DOB_SEX|y", "NHS|n"));
    }
    assertThat(linkage.profiles()).containsOnlyKeys(P2);
    SummaryCell before = CohortRecords.summaryCell(linkage.profiles().get(P2), fixture.settings);

    // The bridge reaches the younger person (key y) before the older (PNC id k).
    List<CohortChange> changes =
        linkage.send("a2", victim(DAY, MARCH, "FULLNAME_DOB_SEX|y", "PNC_ID|k"));

    List<CohortChange.OfProfile> profiles = profileChanges(changes);
    assertThat(profiles).extracting(CohortChange.OfProfile::personId).containsExactly(P2, P1);
    assertThat(profiles.get(0).after()).as("the absorbed person's profile is withdrawn").isNull();
    Profile merged = profiles.get(1).after();
    assertThat(merged.agencies()).containsExactly(Agency.POLICE, Agency.HEALTH);
    assertThat(merged.edAssaultAttendances()).isEqualTo(3);
    assertThat(merged.policeVictimEvents()).isEqualTo(2);
    assertThat(merged.violenceEvents()).isEqualTo(5);
    assertThat(linkage.people()).containsExactly(P1);
    for (String r : List.of("a1", "a2", "b1", "b2", "b3")) {
      assertThat(linkage.personOfRecord(r)).as(r).isEqualTo(P1);
    }
    for (String k : List.of("PNC_ID|k", "FULLNAME_DOB_SEX|x", "FULLNAME_DOB_SEX|y", "NHS|n")) {
      assertThat(linkage.personOfKey(k)).as(k).isEqualTo(P1);
    }
    SummaryCell after = CohortRecords.summaryCell(merged, fixture.settings);
    assertThat(cellChanges(changes))
        .extracting(CohortChange.OfCell::cell, CohortChange.OfCell::before, c -> c.after())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(before, 1L, 0L),
            org.assertj.core.groups.Tuple.tuple(after, null, 1L));
    assertThat(linkage.summary()).containsEntry(before, 0L).containsEntry(after, 1L);
  }

  @Test
  void aWithdrawnRecordLeavesTheCountsButItsKeysStillJoin() {
    linkage.send("r1", victim(DAY, MARCH, "FULLNAME_DOB_SEX|a"));
    List<CohortChange> joined =
        linkage.send("s1", school(DAY, MARCH, "FULLNAME_DOB_SEX|a", "UPN|u"));
    assertThat(profileChanges(joined)).extracting(c -> c.after().flags()).isNotEmpty();
    SummaryCell cell = CohortRecords.summaryCell(linkage.profiles().get(P1), fixture.settings);

    List<CohortChange> left = linkage.withdraw("s1");

    assertThat(profileChanges(left))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.personId()).isEqualTo(P1);
              assertThat(c.before()).isNotNull();
              assertThat(c.after()).as("one agency left: out of the cohort").isNull();
            });
    assertThat(cellChanges(left)).singleElement().satisfies(c -> assertThat(c.after()).isZero());
    assertThat(linkage.personOfRecord("s1")).isNull();
    assertThat(linkage.person(P1).records()).containsOnlyKeys("r1");
    assertThat(linkage.person(P1).keys()).contains("UPN|u");

    // A new school record known only by the withdrawn record's UPN still joins the same person.
    List<CohortChange> back = linkage.send("s2", school(DAY, MARCH, "UPN|u"));
    assertThat(profileChanges(back))
        .singleElement()
        .satisfies(c -> assertThat(c.personId()).isEqualTo(P1));
    assertThat(linkage.people()).containsExactly(P1);
    assertThat(linkage.summary()).containsEntry(cell, 1L);
    assertThat(linkage.withdraw("never-seen")).isEmpty();
  }

  @Test
  void aCorrectedRecordReplacesWhatItSaidAndKeepsTheKeysItBrought() {
    linkage.send("r1", victim(DAY, MARCH, "FULLNAME_DOB_SEX|a"));
    linkage.send("s1", school(DAY, MARCH, "FULLNAME_DOB_SEX|a", "UPN|u"));
    assertThat(linkage.profiles().get(P1).policeVictimEvents()).isEqualTo(1);

    List<CohortChange> corrected =
        linkage.send(
            "r1", fact(PersonFact.Kind.POLICE_SUSPECT_OR_OFFENDER, DAY, MARCH, true, "PNC_ID|p"));

    Profile now = profileChanges(corrected).get(0).after();
    assertThat(now.policeVictimEvents()).isZero();
    assertThat(now.policeSuspectOrOffenderEvents()).isEqualTo(1);
    assertThat(now.flags())
        .contains(RiskFlag.VIOLENCE_SUSPECT_OR_OFFENDER)
        .doesNotContain(RiskFlag.VIOLENCE_VICTIM);
    assertThat(linkage.person(P1).keys())
        .containsExactlyInAnyOrder("FULLNAME_DOB_SEX|a", "UPN|u", "PNC_ID|p");
    assertThat(linkage.people()).containsExactly(P1);

    assertThat(
            linkage.send(
                "r1",
                fact(PersonFact.Kind.POLICE_SUSPECT_OR_OFFENDER, DAY, MARCH, true, "PNC_ID|p")))
        .as("the same record again changes nothing")
        .isEmpty();
  }

  @Test
  void aNewMonthRecountsOnlyThePeopleWhoseLookBackChanges() {
    // A: an old police event (April 2025, the look-back's first month) and a school event.
    linkage.send("a1", victim(LocalDate.of(2025, 4, 10), MARCH, "K|a"));
    linkage.send("a2", school(LocalDate.of(2026, 2, 2), MARCH, "K|a"));
    // B: both events recent.
    linkage.send("b1", victim(DAY, MARCH, "K|b"));
    linkage.send("b2", school(LocalDate.of(2026, 2, 2), MARCH, "K|b"));
    // C: a school event dated after the "as of" month, not yet in the look-back.
    linkage.send("c1", victim(DAY, MARCH, "K|c"));
    linkage.send("c2", school(LocalDate.of(2026, 4, 20), MARCH, "K|c"));
    assertThat(linkage.profiles()).containsOnlyKeys(P1, P2);
    assertThat(linkage.agingIndex())
        .containsEntry("2026-04-01|" + P1, P1)
        .containsEntry("2026-04-01|" + P3, P3)
        .containsEntry("2027-02-01|" + P2, P2)
        .hasSize(3);

    // April's extract: A's April 2025 event ages out, C's April event comes in; B is not touched.
    List<CohortChange> changes = linkage.send("d1", victim(LocalDate.of(2026, 4, 2), APRIL, "K|d"));

    assertThat(linkage.asOf()).isEqualTo(LocalDate.of(2026, 4, 1));
    Map<String, CohortChange.OfProfile> byPerson = new HashMap<>();
    profileChanges(changes).forEach(c -> byPerson.put(c.personId(), c));
    assertThat(byPerson).containsOnlyKeys(P1, P3);
    assertThat(byPerson.get(P1).after()).as("A has one agency left in the look-back").isNull();
    assertThat(byPerson.get(P3).before()).isNull();
    assertThat(byPerson.get(P3).after().agencies())
        .containsExactly(Agency.POLICE, Agency.EDUCATION);
    assertThat(linkage.agingIndex())
        .as("each person is listed under the next month their look-back changes")
        .containsEntry("2027-02-01|" + P1, P1)
        .containsEntry("2027-02-01|" + P2, P2)
        .containsEntry("2027-03-01|" + P3, P3)
        .containsEntry("2027-04-01|P000000004", "P000000004")
        .hasSize(4);

    // A later extract of the same month recounts nobody.
    assertThat(linkage.send("d2", victim(LocalDate.of(2026, 4, 3), APRIL, "K|e"))).isEmpty();
    assertThat(linkage.send("d3", victim(LocalDate.of(2026, 5, 3), MAY, "K|f")))
        .as("May ages nobody out")
        .isEmpty();
  }

  @Test
  void stateSurvivesARestartAndLinksStillResolve() {
    linkage.send("a1", victim(LocalDate.of(2025, 4, 10), MARCH, "PNC_ID|k", "FULLNAME_DOB_SEX|x"));
    for (int i = 1; i <= 3; i++) {
      linkage.send("b" + i, attendance(DAY.plusDays(i), MARCH, "FULLNAME_DOB_SEX|y", "NHS|n"));
    }
    linkage.send("a2", victim(DAY, MARCH, "FULLNAME_DOB_SEX|y", "PNC_ID|k"));
    Map<String, Profile> profiles = linkage.profiles();
    Map<String, String> aging = linkage.agingIndex();
    Map<SummaryCell, Long> summary = linkage.summary();

    linkage.restart();

    assertThat(linkage.profiles()).isEqualTo(profiles);
    assertThat(linkage.agingIndex()).isEqualTo(aging);
    assertThat(linkage.summary()).isEqualTo(summary);
    assertThat(linkage.personOfRecord("b2")).isEqualTo(P1);
    assertThat(linkage.personOfKey("FULLNAME_DOB_SEX|x")).isEqualTo(P1);

    // A record known by a key seen before the restart joins that person...
    List<CohortChange> joined = linkage.send("h9", attendance(DAY, MARCH, "NHS|n"));
    assertThat(profileChanges(joined))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.personId()).isEqualTo(P1);
              assertThat(c.after().edAssaultAttendances()).isEqualTo(4);
            });
    // ...a new person takes the next id, not a reused one (P2 was absorbed)...
    linkage.send("z1", victim(DAY, MARCH, "PNC_ID|z"));
    assertThat(linkage.personOfRecord("z1")).isEqualTo(P3);
    // ...and the restored aging index still ages A's April 2025 event out in April.
    List<CohortChange> april =
        linkage.send("z2", victim(LocalDate.of(2026, 4, 2), APRIL, "PNC_ID|z"));
    assertThat(profileChanges(april))
        .singleElement()
        .satisfies(c -> assertThat(c.after().policeVictimEvents()).isEqualTo(1));
  }

  @Test
  void theProfilesAreTheSameWhateverOrderTheRecordsArriveIn() {
    Random random = new Random(7);
    List<Map.Entry<String, PersonFact>> records = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      records.add(Map.entry("r" + i, randomFact(random)));
    }
    List<Profile> first = null;
    Map<SummaryCell, Long> firstSummary = null;
    for (int run = 0; run < 5; run++) {
      List<Map.Entry<String, PersonFact>> order = new ArrayList<>(records);
      Collections.shuffle(order, random);
      LinkageHarness h = new LinkageHarness(fixture.settings);
      order.forEach(r -> h.send(r.getKey(), r.getValue()));
      List<Profile> profiles = withoutIds(h.profiles());
      if (first == null) {
        first = profiles;
        firstSummary = nonZero(h.summary());
        assertThat(profiles)
            .as("the sample puts several people in the cohort")
            .hasSizeGreaterThan(2);
      } else {
        assertThat(profiles).as("run %d", run).isEqualTo(first);
        assertThat(nonZero(h.summary()))
            .as("cells that fell to zero depend on the order; the counts do not")
            .isEqualTo(firstSummary);
      }
    }
  }

  @Test
  void incrementalCountsGiveWhatTheWholeRecomputationGave() {
    Random random = new Random(11);
    for (int step = 0; step < 400; step++) {
      String record = "r" + random.nextInt(40);
      if (random.nextInt(6) == 0) {
        linkage.withdraw(record);
      } else {
        linkage.send(record, randomFact(random));
      }
      if (step % 20 == 19) {
        assertMatchesWholeRecomputation();
      }
    }
    assertMatchesWholeRecomputation();
  }

  private void assertMatchesWholeRecomputation() {
    linkage.assertMatchesWholeRecomputation();
  }

  private static Map<SummaryCell, Long> nonZero(Map<SummaryCell, Long> cells) {
    Map<SummaryCell, Long> out = new HashMap<>(cells);
    out.values().removeIf(n -> n == 0);
    return out;
  }

  /** A fact over a year and a half, with keys from a small pool so people link and merge. */
  private static PersonFact randomFact(Random random) {
    PersonFact.Kind kind =
        PersonFact.Kind.values()[random.nextInt(PersonFact.Kind.values().length)];
    LocalDate day = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(540));
    LocalDate extract = day.plusDays(random.nextInt(40));
    Agency agency =
        switch (kind) {
          case POLICE_VICTIM, POLICE_SUSPECT_OR_OFFENDER, POLICE_OTHER -> Agency.POLICE;
          case ED_ASSAULT_ATTENDANCE -> Agency.HEALTH;
          default -> Agency.EDUCATION;
        };
    List<String> keys = new ArrayList<>();
    int n = random.nextInt(4) == 0 ? 2 : 1;
    for (int i = 0; i < n; i++) {
      keys.add("K|" + random.nextInt(45));
    }
    return new PersonFact(
        agency,
        kind,
        day,
        extract,
        random.nextInt(5) == 0 ? null : 12 + random.nextInt(16),
        Sex.values()[random.nextInt(Sex.values().length)],
        random.nextInt(4) == 0 ? null : "E0190000" + (1 + random.nextInt(8)),
        random.nextBoolean(),
        random.nextInt(3) == 0,
        List.copyOf(keys));
  }

  private static List<Profile> withoutIds(Map<String, Profile> profiles) {
    List<Profile> out = new ArrayList<>();
    for (Profile p : profiles.values()) {
      out.add(
          new Profile(
              "",
              p.age(),
              p.sex(),
              p.homeArea(),
              p.agencies(),
              p.policeVictimEvents(),
              p.policeSuspectOrOffenderEvents(),
              p.violenceEvents(),
              p.edAssaultAttendances(),
              p.schoolSuspensions(),
              p.permanentExclusions(),
              p.persistentAbsenceTerms(),
              p.flags(),
              p.firstEvent(),
              p.lastEvent()));
    }
    out.sort(java.util.Comparator.comparing(Profile::toString));
    return out;
  }

  @Test
  void aRevivedTaskReadsItsPeopleFromTheStoreNotFromWhatItLastDecoded() {
    linkage.send("a1", victim(DAY, MARCH, "PNC_ID|a"));
    LinkageHarness.Committed committed = linkage.committed();
    // Processed but never committed: the transaction aborts and the task is revived.
    linkage.send("a2", victim(DAY, MARCH, "PNC_ID|a"));
    linkage.revive(committed);

    linkage.send("a3", victim(DAY, MARCH, "PNC_ID|a"));

    assertThat(linkage.person(P1).records().keySet())
        .as("a2 was rolled back with the store; the decoded person that held it is gone")
        .containsExactly("a1", "a3");
  }

  @Test
  void personIdsAreZeroPaddedToNineDigits() {
    for (long n : new long[] {1, 42, 999_999_999L, 1_000_000_000L, 0}) {
      assertThat(LinkEntry.personId(n)).isEqualTo(String.format("P%09d", n));
    }
  }
}
