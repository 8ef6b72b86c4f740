package uk.vruhub.aggregator.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.topology.Events;
import uk.vruhub.aggregator.topology.TopologyTuning;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.AuditType;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.PolicyIdentity;

/** Every branch of the hotspot sub-topology, through TopologyTestDriver. */
class HotspotTopologyTest {

  private final HotspotFixture fixture = new HotspotFixture();
  private final Map<HotspotKey, HotspotCell> cells = new HashMap<>();

  static final LocalDate MONTH = LocalDate.of(2026, 3, 1);

  @AfterEach
  void close() {
    fixture.close();
  }

  private HotspotCell cell(
      String area, PeriodType period, LocalDate start, String definition, HotspotSource source) {
    fixture.latestHotspots(cells);
    return cells.get(new HotspotKey(area, period, start, definition, source));
  }

  private HotspotCell townMonth(String definition, HotspotSource source) {
    return cell("E01900003", PeriodType.MONTH, MONTH, definition, source);
  }

  /** Five separate crimes, each one victim, like the first. */
  private void fiveCrimes() {
    for (int i = 1; i <= 5; i++) {
      fixture.police.pipeInput("r" + i, Events.crime("r" + i, "c" + i, "p" + i).build());
    }
  }

  @Test
  void countsCrimesNotPeopleAndPublishesEveryPeriodAreaAndSource() {
    // Five crimes and eight people (four on the first crime): counted as people, the shown
    // count would round to 10, not 5.
    fixture.police.pipeInput("r1", Events.crime("r1", "c1", "p1").build());
    for (int i = 2; i <= 4; i++) {
      fixture.police.pipeInput(
          "r" + i,
          Events.crime("r" + i, "c1", "p" + i)
              .setRole(PersonRole.SUSPECT)
              .setAgeAtEvent(19)
              .build());
    }
    for (int i = 5; i <= 8; i++) {
      fixture.police.pipeInput("r" + i, Events.crime("r" + i, "c" + (i - 3), "p" + i).build());
    }

    HotspotCell month = townMonth("hips-2023@1", HotspotSource.POLICE);
    assertThat(month.getCount()).as("five crimes, eight people").isEqualTo(5);
    assertThat(month.getAreaLevel()).isEqualTo(AreaLevel.LSOA);
    assertThat(month.getRatePer10k())
        .isEqualTo(Math.round(5 * 10_000.0 / (1400 + 3 * 37) * 100) / 100.0);
    assertThat(
            cell("E01900003", PeriodType.MONTH, MONTH, "hips-2023@1", HotspotSource.COMBINED)
                .getCount())
        .isEqualTo(5);
    assertThat(
            cell("E23900001", PeriodType.MONTH, MONTH, "sussex-2020@1", HotspotSource.POLICE)
                .getSuppressed())
        .as("the whole VRU area, which counts only events with no location")
        .isTrue();
    HotspotCell none = townMonth("hips-2023@1", HotspotSource.HEALTH);
    assertThat(none.getCount()).as("zero is hidden like a small number").isNull();
    assertThat(none.getSuppressed()).isTrue();
  }

  @Test
  void smallNumbersAreSuppressedExactlyBelowTheThreshold() {
    for (int i = 1; i <= 4; i++) {
      fixture.police.pipeInput("r" + i, Events.crime("r" + i, "c" + i, "p" + i).build());
    }
    HotspotCell four = townMonth("hips-2023@1", HotspotSource.POLICE);
    assertThat(four.getCount()).isNull();
    assertThat(four.getSuppressed()).isTrue();
    assertThat(four.getRatePer10k()).isNull();

    fixture.police.pipeInput("r5", Events.crime("r5", "c5", "p5").build());
    HotspotCell five = townMonth("hips-2023@1", HotspotSource.POLICE);
    assertThat(five.getCount()).isEqualTo(5);
    assertThat(five.getSuppressed()).isFalse();
    // The cycle's cells, suppressed ones among them, are audited by the topology once the audit
    // interval passes.
    fixture.driver.advanceWallClockTime(TopologyTuning.DEFAULT_AUDIT_INTERVAL);
    List<AuditEvent> audit = fixture.audit.readValuesToList();
    assertThat(audit)
        .filteredOn(e -> e.getType() == AuditType.PUBLICATION_CYCLE)
        .extracting(AuditEvent::getTopic)
        .containsOnly("hub.hotspots.v1");
    assertThat(audit.stream().mapToLong(AuditEvent::getCellsSuppressed).sum())
        .as("the four-crime cells at least")
        .isPositive();
  }

  @Test
  void aCorrectionReplacesTheEarlierVersionInsteadOfAddingToIt() {
    fiveCrimes();
    fixture.police.pipeInput(
        "r1",
        Events.crime("r1", "c1", "p1")
            .setDomesticAbuse(true)
            .setPlaceType(PlaceType.DWELLING)
            .setAgeAtEvent(40)
            .build());

    assertThat(townMonth("hips-2023@1", HotspotSource.POLICE).getCount())
        .as("HIPS excludes domestic abuse")
        .isNull();
    assertThat(townMonth("northumbria-who@1", HotspotSource.POLICE).getCount())
        .as("still five crimes, not six")
        .isEqualTo(5);
  }

  @Test
  void aWithdrawalTakesTheRecordBackOut() {
    fiveCrimes();
    fixture.police.pipeInput("r5", null);

    assertThat(townMonth("northumbria-who@1", HotspotSource.POLICE).getSuppressed()).isTrue();
    fixture.police.pipeInput("r4", null);
    fixture.police.pipeInput("r3", null);
    fixture.police.pipeInput("r2", null);
    fixture.police.pipeInput("r1", null);
    HotspotCell none = townMonth("northumbria-who@1", HotspotSource.POLICE);
    assertThat(none.getCount()).as("back to zero, which is hidden too").isNull();
    assertThat(none.getSuppressed()).isTrue();
  }

  @Test
  void aResentFeedChangesNothing() {
    fiveCrimes();
    fixture.latestHotspots(cells);
    fiveCrimes();

    List<TestRecord<HotspotKey, HotspotCell>> after = fixture.hotspots.readRecordsToList();
    assertThat(after).as("identical records change no count, so nothing is republished").isEmpty();
    assertThat(townMonth("hips-2023@1", HotspotSource.POLICE).getCount()).isEqualTo(5);
  }

  @Test
  void aLateRecordRevisesThePastMonthItHappenedIn() {
    fiveCrimes();
    LocalDate january = LocalDate.of(2026, 1, 1);
    for (int i = 6; i <= 10; i++) {
      fixture.police.pipeInput(
          "r" + i,
          Events.crime("r" + i, "c" + i, "p" + i)
              .setOccurredFrom(Instant.parse("2026-01-07T12:00:00Z"))
              .build());
    }

    assertThat(
            cell("E01900003", PeriodType.MONTH, january, "hips-2023@1", HotspotSource.POLICE)
                .getCount())
        .isEqualTo(5);
    assertThat(townMonth("hips-2023@1", HotspotSource.POLICE).getCount()).isEqualTo(5);
  }

  @Test
  void emergencyDepartmentAttendancesWithoutALocationAreCountedAtTheVruArea() {
    for (int i = 1; i <= 6; i++) {
      fixture.health.pipeInput("h" + i, Events.attendance("h" + i, "q" + i).build());
    }

    HotspotCell vru =
        cell("E23900001", PeriodType.MONTH, MONTH, "hips-2023@1", HotspotSource.HEALTH);
    assertThat(vru.getCount()).as("6, rounded to the nearest 5").isEqualTo(5);
    // The shipped policy's VRU area counts only events with no location: no total over the areas
    // to subtract them from, so the unlocated are the count.
    assertThat(vru.getUnlocatedIncluded()).isEqualTo(5);
    assertThat(vru.getAreaLevel()).isEqualTo(AreaLevel.VRU_AREA);
    fixture.latestHotspots(cells);
    assertThat(cells.keySet())
        .noneMatch(
            k -> k.getSource() == HotspotSource.HEALTH && k.getAreaCode().startsWith("E019"));
  }

  @Test
  void policeAndHealthCombine() {
    fiveCrimes();
    for (int i = 1; i <= 3; i++) {
      fixture.health.pipeInput(
          "h" + i, Events.attendance("h" + i, "q" + i).setIncidentArea(Events.TOWN).build());
    }
    assertThat(townMonth("hips-2023@1", HotspotSource.COMBINED).getCount())
        .as("8, rounded to the nearest 5")
        .isEqualTo(10);
    assertThat(townMonth("hips-2023@1", HotspotSource.HEALTH).getSuppressed()).isTrue();
  }

  @Test
  void combinedIsHiddenWhenBothItsPartsAre() {
    // Three police and three health events: a shown COMBINED of 6 would tell a reader that the
    // two hidden parts add up to 6, so neither can be 1 (complementary suppression).
    for (int i = 1; i <= 3; i++) {
      fixture.police.pipeInput("r" + i, Events.crime("r" + i, "c" + i, "p" + i).build());
      fixture.health.pipeInput(
          "h" + i, Events.attendance("h" + i, "q" + i).setIncidentArea(Events.TOWN).build());
    }
    HotspotCell combined = townMonth("hips-2023@1", HotspotSource.COMBINED);
    assertThat(combined.getSuppressed()).isTrue();
    assertThat(combined.getCount()).isNull();
    assertThat(combined.getRatePer10k()).isNull();

    // Two more police events: POLICE is shown, so COMBINED is shown again.
    for (int i = 4; i <= 5; i++) {
      fixture.police.pipeInput("r" + i, Events.crime("r" + i, "c" + i, "p" + i).build());
    }
    assertThat(townMonth("hips-2023@1", HotspotSource.POLICE).getCount()).isEqualTo(5);
    assertThat(townMonth("hips-2023@1", HotspotSource.COMBINED).getCount()).isEqualTo(10);
  }

  @Test
  void everyRecordCarriesThePolicysIdentity() {
    fiveCrimes();
    TestRecord<HotspotKey, HotspotCell> any = fixture.published().get(0);
    assertThat(
            new String(
                any.headers().lastHeader(PolicyIdentity.HEADER_ID).value(), StandardCharsets.UTF_8))
        .isEqualTo("demo-vru-isa");
    assertThat(any.headers().lastHeader(PolicyIdentity.HEADER_SHA256)).isNotNull();
  }

  @Test
  void theDefinitionsCountDifferentCrimes() {
    // Domestic abuse at home, adults, minor injury, no weapon: only the WHO definition counts it.
    for (int i = 1; i <= 5; i++) {
      fixture.police.pipeInput(
          "d" + i,
          Events.crime("d" + i, "dc" + i, "dp" + i)
              .setDomesticAbuse(true)
              .setPlaceType(PlaceType.DWELLING)
              .setAgeAtEvent(34)
              .setWeapon(Weapon.NONE)
              .setInjury(InjuryLevel.MINOR)
              .setLocalCategory(null)
              .setOffenceCode("8N")
              .build());
    }
    assertThat(townMonth("northumbria-who@1", HotspotSource.POLICE).getCount()).isEqualTo(5);
    // The others count none of them: hidden zeros.
    assertThat(townMonth("sussex-2020@1", HotspotSource.POLICE).getCount()).isNull();
    assertThat(townMonth("hips-2023@1", HotspotSource.POLICE).getCount()).isNull();
    assertThat(townMonth("notts-2020@1", HotspotSource.POLICE).getCount()).isNull();
  }
}
