package uk.vruhub.aggregator.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.aggregator.topology.Events;
import uk.vruhub.aggregator.topology.TopologyTuning;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.AuditType;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.avro.hub.HotspotSource;

/** A hotspot record is published when what the policy shows of it changes, and only then. */
class WriteOnlyWhatChangedTest {

  /** A clock that moves a second at every reading, so every record built has a new revisedAt. */
  static final class Ticking extends Clock {
    private Instant now = Instant.parse("2026-04-01T06:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(1);
      return now;
    }
  }

  private final HotspotFixture fixture = new HotspotFixture(Definitions.shipped(), new Ticking());

  @AfterEach
  void close() {
    fixture.close();
  }

  private void crimes(int from, int to) {
    for (int i = from; i <= to; i++) {
      fixture.police.pipeInput("r" + i, Events.crime("r" + i, "c" + i, "p" + i).build());
    }
  }

  /** Domestic abuse at home between adults: only the WHO definition counts it. */
  private void domesticCrime(int i) {
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

  @Test
  void aSuppressedCountThatStaysSuppressedPublishesNothing() {
    crimes(1, 2);
    assertThat(fixture.published()).as("first publication").isNotEmpty();
    crimes(3, 3);
    assertThat(fixture.published())
        .as("2 -> 3 is suppressed either way: only revisedAt would differ, which is no change")
        .isEmpty();
  }

  @Test
  void aVisibleCountThatMovesPublishesItsSourceAndTheCombinedRecordOnly() {
    crimes(1, 7);
    fixture.published();
    crimes(8, 8); // 7 -> 8: shown 5 -> 10
    List<TestRecord<HotspotKey, HotspotCell>> after = fixture.published();
    assertThat(after).isNotEmpty();
    assertThat(after)
        .extracting(r -> r.key().getSource())
        .as("a police event does not change the health records")
        .containsOnly(HotspotSource.POLICE, HotspotSource.COMBINED);
    assertThat(after).extracting(r -> r.value().getCount()).containsOnly(10);
    assertThat(after)
        .as("one record per cell, definition and source that moved: no repeats")
        .extracting(TestRecord::key)
        .doesNotHaveDuplicates();
  }

  @Test
  void aCountThatMovesWithinItsRoundingStepPublishesNothing() {
    crimes(1, 6);
    assertThat(fixture.published()).as("first publication").isNotEmpty();
    crimes(7, 7);
    assertThat(fixture.published())
        .as("6 -> 7 is shown as 5 either way: a reader's stream of revisions says nothing")
        .isEmpty();
  }

  @Test
  void anotherDefinitionMovingPublishesNothingForThisOne() {
    crimes(1, 5);
    for (int i = 1; i <= 7; i++) {
      domesticCrime(i);
    }
    fixture.published();
    domesticCrime(8); // 12 -> 13 for WHO: shown 10 -> 15
    List<TestRecord<HotspotKey, HotspotCell>> after = fixture.published();
    assertThat(after).isNotEmpty();
    assertThat(after)
        .extracting(r -> r.key().getDefinitionId())
        .as("only the definition that counts the new crime is republished")
        .containsOnly("northumbria-who@1");
  }

  @Test
  void aWithdrawalAndResendWithinOneFlushPublishesNothing() {
    crimes(1, 6);
    fixture.published();
    // Withdrawn and re-sent within one flush: the counts net to nothing, so nothing is published.
    fixture.police.pipeInput("r6", null);
    fixture.police.pipeInput("r6", Events.crime("r6", "c6", "p6").build());
    assertThat(fixture.published()).isEmpty();
  }

  @Test
  void eachPublicationCycleIsAuditedOnceWithWhatItPublishedAndUnderWhichPolicy() {
    crimes(1, 2);
    List<TestRecord<HotspotKey, HotspotCell>> first = fixture.published();
    long suppressed = first.stream().filter(r -> r.value().getSuppressed()).count();
    assertThat(suppressed).isPositive();
    // The driver's wall clock: published() lets one flush interval pass.
    Duration flush = HotspotFixture.TUNING.hotspotFlushInterval();
    Duration audited = TopologyTuning.DEFAULT_AUDIT_INTERVAL;
    long before = HotspotFixture.WALL_CLOCK_START.plus(flush).toEpochMilli();
    fixture.driver.advanceWallClockTime(audited);
    List<AuditEvent> audit = fixture.audit.readValuesToList();
    assertThat(audit).extracting(AuditEvent::getType).containsOnly(AuditType.PUBLICATION_CYCLE);
    assertThat(audit).extracting(AuditEvent::getTopic).containsOnly("hub.hotspots.v1");
    assertThat(audit.stream().mapToLong(AuditEvent::getCellsPublished).sum())
        .as("every cell written, suppressed ones included")
        .isEqualTo(first.size());
    assertThat(audit.stream().mapToLong(AuditEvent::getCellsSuppressed).sum())
        .isEqualTo(suppressed);
    assertThat(audit.stream().mapToLong(AuditEvent::getCellsWithdrawn).sum()).isZero();
    assertThat(audit.stream().mapToLong(AuditEvent::getCount).sum())
        .as("count: every record accounted for")
        .isEqualTo(first.size());
    assertThat(audit).extracting(AuditEvent::getComponent).containsOnly("aggregator");
    var policy = fixture.settings.policy().policy().identity();
    assertThat(audit).extracting(AuditEvent::getPolicyId).containsOnly(policy.id());
    assertThat(audit).extracting(AuditEvent::getPolicyVersion).containsOnly(policy.version());
    assertThat(audit).extracting(AuditEvent::getPolicyHash).containsOnly(policy.sha256());
    for (AuditEvent e : audit) {
      assertThat(e.getWindowFrom().toEpochMilli())
          .as("the window opens with the first cell written")
          .isLessThanOrEqualTo(before);
      assertThat(e.getWindowTo().toEpochMilli())
          .as("and closes when it is audited")
          .isEqualTo(before + audited.toMillis());
    }

    fixture.driver.advanceWallClockTime(TopologyTuning.DEFAULT_AUDIT_INTERVAL);
    assertThat(fixture.audit.readValuesToList())
        .as("an idle interval: nothing published, nothing audited")
        .isEmpty();

    crimes(3, 8);
    List<TestRecord<HotspotKey, HotspotCell>> next = fixture.published();
    assertThat(next).isNotEmpty();
    long opened = before + 2 * audited.toMillis() + flush.toMillis();
    fixture.driver.advanceWallClockTime(TopologyTuning.DEFAULT_AUDIT_INTERVAL);
    List<AuditEvent> cycle = fixture.audit.readValuesToList();
    assertThat(cycle.stream().mapToLong(AuditEvent::getCellsPublished).sum())
        .as("the next cycle counts only its own cells")
        .isEqualTo(next.size());
    assertThat(cycle.stream().mapToLong(AuditEvent::getCellsSuppressed).sum())
        .isEqualTo(next.stream().filter(r -> r.value().getSuppressed()).count());
    assertThat(cycle)
        .extracting(e -> e.getWindowFrom().toEpochMilli())
        .allSatisfy(from -> assertThat(from).isGreaterThan(before).isLessThanOrEqualTo(opened));
  }
}
