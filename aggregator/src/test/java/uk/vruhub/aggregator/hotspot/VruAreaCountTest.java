package uk.vruhub.aggregator.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;

/**
 * What a cell of the whole VRU area counts: only the events with no known location (the policy's
 * {@code vru-area-count: unlocated-only}, the only value the validator accepts), so that no
 * published count is a margin the shown areas can be subtracted from.
 */
class VruAreaCountTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-04-01T06:00:00Z"), ZoneOffset.UTC);
  private static final Instant REVISED = Instant.parse("2026-03-16T06:00:00Z");
  private static final LocalDate MONTH = LocalDate.of(2026, 3, 1);
  private static final CellDefinition VRU =
      new Cell("E23900001", PeriodType.MONTH, MONTH).under("hips-2023@1");
  private static final CellDefinition LSOA =
      new Cell("E01900003", PeriodType.MONTH, MONTH).under("hips-2023@1");

  /** 12 police events located in the areas, 6 police and 7 health events without a location. */
  private static final Counts VRU_COUNTS = new Counts(12, 6, 0, 7);

  @Test
  void unlocatedOnlyPublishesTheVruAreaWithItsUnlocatedEventsAlone() {
    HotspotRecords records = records();

    HotspotCell police = cell(records, VRU, VRU_COUNTS, HotspotSource.POLICE);
    assertThat(police.getCount()).as("6 unlocated, rounded").isEqualTo(5);
    assertThat(police.getUnlocatedIncluded()).isEqualTo(5);
    assertThat(police.getRatePer10k()).as("no area's residents' events").isNull();
    assertThat(cell(records, VRU, VRU_COUNTS, HotspotSource.HEALTH).getCount()).isEqualTo(5);
    assertThat(cell(records, VRU, VRU_COUNTS, HotspotSource.COMBINED).getCount())
        .as("13, rounded")
        .isEqualTo(15);
    // Located events alone: the VRU area has nothing of its own to show.
    assertThat(cell(records, VRU, new Counts(12, 0, 0, 0), HotspotSource.POLICE).getSuppressed())
        .isTrue();

    HotspotCell shown = cell(records, LSOA, new Counts(12, 0, 0, 0), HotspotSource.POLICE);
    assertThat(shown.getCount()).as("an area's cell counts its located events").isEqualTo(10);
    assertThat(shown.getRatePer10k()).isNotNull();
  }

  @Test
  void locatedEventsMovingAVruAreaOfUnlocatedEventsOnlyChangeNothingToPublish() {
    Counts more = new Counts(20, 6, 0, 7);
    assertThat(records().sameCounts(VRU.cell(), VRU_COUNTS, more, HotspotSource.POLICE)).isTrue();
    assertThat(records().sameCounts(LSOA.cell(), VRU_COUNTS, more, HotspotSource.POLICE))
        .as("an area's cell moves with its located events")
        .isFalse();
    assertThat(
            records()
                .sameCounts(VRU.cell(), VRU_COUNTS, new Counts(12, 7, 0, 7), HotspotSource.POLICE))
        .isFalse();
  }

  private static HotspotCell cell(
      HotspotRecords records, CellDefinition key, Counts counts, HotspotSource source) {
    return (HotspotCell) records.of(key, counts, source, REVISED).value();
  }

  private static HotspotRecords records() {
    return new HotspotRecords(HotspotFixture.settings(Definitions.shipped(), CLOCK));
  }
}
