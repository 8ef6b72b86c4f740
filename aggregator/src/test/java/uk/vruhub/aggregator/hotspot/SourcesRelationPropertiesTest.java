package uk.vruhub.aggregator.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;

/**
 * The sources relation of a cell (COMBINED = POLICE + HEALTH), attacked as a reader who knows the
 * shipped policy would: from what the three records show, the interval each count can be in, then
 * narrowed by the relation (for one equation between intervals this projection is the exact answer
 * of the linear programme). For any counts, a hidden count must keep at least three possible values
 * (the policy's protection width 2), and the true counts must lie in what the attacker works out
 * (the attacker's model is the policy's).
 */
class SourcesRelationPropertiesTest {

  private static final int THRESHOLD = 5;
  private static final int ROUND = 5;
  private static final int PROTECTION_WIDTH = 2;
  private static final HotspotRecords RECORDS =
      new HotspotRecords(
          HotspotFixture.settings(
              Definitions.shipped(),
              Clock.fixed(Instant.parse("2026-04-01T06:00:00Z"), ZoneOffset.UTC)));
  private static final CellDefinition KEY =
      new Cell("E01900003", PeriodType.MONTH, LocalDate.of(2026, 3, 1)).under("hips-2023@1");

  /** The values a count can have, from {@code lo} to {@code hi}. */
  record Range(int lo, int hi) {
    int width() {
      return hi - lo;
    }

    boolean contains(int n) {
      return lo <= n && n <= hi;
    }

    Range and(int lo, int hi) {
      return new Range(Math.max(this.lo, lo), Math.min(this.hi, hi));
    }
  }

  @Property(tries = 2000)
  void noHiddenCountOfACellIsNarrowedBelowTheProtectionWidth(
      @ForAll @IntRange(min = 0, max = 14) int police,
      @ForAll @IntRange(min = 0, max = 14) int health) {
    Counts counts = new Counts(police, 0, health, 0);
    Map<HotspotSource, HotspotCell> shown = new EnumMap<>(HotspotSource.class);
    RECORDS
        .all(KEY, counts, Instant.parse("2026-03-16T06:00:00Z"))
        .forEach(e -> shown.put(((HotspotCell) e.value()).getSource(), (HotspotCell) e.value()));

    boolean bothPartsHidden =
        shown.get(HotspotSource.POLICE).getSuppressed()
            && shown.get(HotspotSource.HEALTH).getSuppressed();
    Range p = prior(shown.get(HotspotSource.POLICE), false);
    Range h = prior(shown.get(HotspotSource.HEALTH), false);
    Range c = prior(shown.get(HotspotSource.COMBINED), bothPartsHidden);
    // The projection of C = P + H onto each count.
    Range p2 = p.and(c.lo() - h.hi(), c.hi() - h.lo());
    Range h2 = h.and(c.lo() - p.hi(), c.hi() - p.lo());
    Range c2 = c.and(p.lo() + h.lo(), p.hi() + h.hi());

    assertThat(p2.contains(police)).as("police %d in %s", police, p2).isTrue();
    assertThat(h2.contains(health)).as("health %d in %s", health, h2).isTrue();
    assertThat(c2.contains(police + health)).as("combined in %s", c2).isTrue();
    for (Map.Entry<HotspotSource, Range> attacked :
        Map.of(HotspotSource.POLICE, p2, HotspotSource.HEALTH, h2, HotspotSource.COMBINED, c2)
            .entrySet()) {
      if (shown.get(attacked.getKey()).getSuppressed()) {
        assertThat(attacked.getValue().width())
            .as(
                "hidden %s of police %d + health %d narrowed to %s",
                attacked.getKey(), police, health, attacked.getValue())
            .isGreaterThanOrEqualTo(PROTECTION_WIDTH);
      }
    }
  }

  @Property(tries = 2000)
  void aRevisionNeverPinsASmallChange(
      @ForAll @IntRange(min = 0, max = 30) int before,
      @ForAll @IntRange(min = 0, max = 30) int after) {
    HotspotCell was = police(before);
    HotspotCell now = police(after);
    if (was.getSuppressed() == now.getSuppressed()
        && Objects.equals(was.getCount(), now.getCount())) {
      return; // nothing to republish: the reader sees no revision at all
    }
    Range a = prior(was, false);
    Range b = prior(now, false);
    Range change = new Range(b.lo() - a.hi(), b.hi() - a.lo());
    assertThat(change.contains(after - before)).as("the true change in %s", change).isTrue();
    assertThat(change.width())
        .as("change %d -> %d seen as %s", before, after, change)
        .isGreaterThanOrEqualTo(PROTECTION_WIDTH);
  }

  private static HotspotCell police(int events) {
    return (HotspotCell)
        RECORDS
            .of(
                KEY,
                new Counts(events, 0, 0, 0),
                HotspotSource.POLICE,
                Instant.parse("2026-03-16T06:00:00Z"))
            .value();
  }

  /**
   * What one record tells a reader who knows the policy: hidden is 0 to 4 (zeros are hidden too),
   * or up to twice that for a COMBINED count hidden because both its parts are; a shown count is
   * within half a rounding step, and never below the threshold.
   */
  private static Range prior(HotspotCell cell, boolean hiddenWithBothParts) {
    if (cell.getSuppressed()) {
      assertThat(cell.getCount()).isNull();
      return new Range(0, hiddenWithBothParts ? 2 * (THRESHOLD - 1) : THRESHOLD - 1);
    }
    int v = cell.getCount();
    assertThat(v % ROUND).as("shown counts are multiples of %d", ROUND).isZero();
    return new Range(Math.max(THRESHOLD, v - ROUND / 2), v + ROUND / 2);
  }
}
