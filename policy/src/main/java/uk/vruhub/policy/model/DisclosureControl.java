package uk.vruhub.policy.model;

/**
 * The optional {@code levels: 1: disclosure-control:} section: rules every level-1 count must obey
 * beyond the suppression floor, so hidden counts cannot be worked out from published ones by
 * subtraction or by following revisions.
 *
 * @param roundingBase shown counts are rounded to a multiple of this (every count's {@code
 *     round-to} must be a multiple of it), or null when the section does not ask for rounding
 * @param suppressZero true when every count must hide zeros like small numbers ({@code
 *     suppress-zero: true}), so no hidden count is known to be at least 1
 * @param protectionWidth an attacker must not be able to pin a hidden count to an interval narrower
 *     than this (the largest minus the smallest value it could have); 2 when not given
 * @param revisions how revised cells are published
 * @param vruAreaCount what a cell of the whole VRU area counts: all its events (a total over its
 *     areas, which is a published margin) or only those with no known location
 */
public record DisclosureControl(
    Integer roundingBase,
    boolean suppressZero,
    int protectionWidth,
    Revisions revisions,
    VruAreaCount vruAreaCount) {

  public DisclosureControl {
    vruAreaCount = vruAreaCount == null ? VruAreaCount.ALL_EVENTS : vruAreaCount;
  }

  /** A section that leaves the VRU area's cells counting all their events. */
  public DisclosureControl(
      Integer roundingBase, boolean suppressZero, int protectionWidth, Revisions revisions) {
    this(roundingBase, suppressZero, protectionWidth, revisions, VruAreaCount.ALL_EVENTS);
  }

  /** The protection width when the section does not give one: at least three values possible. */
  public static final int DEFAULT_PROTECTION_WIDTH = 2;

  /** How a cell revised by late or corrected records is published. */
  public enum Revisions {
    /**
     * Every revision is published as it happens, one event at a time. Safe only when counts are
     * rounded: an unrounded count revised from 7 to 8 shows exactly one event.
     */
    PER_EVENT_ROUNDED("per-event-rounded"),
    /**
     * A revised cell is published only when one of its rounded counts changes, so a late event
     * inside a rounding band publishes nothing.
     */
    ON_ROUNDED_CHANGE("on-rounded-change");

    private final String key;

    Revisions(String key) {
      this.key = key;
    }

    /** The value in the policy file. */
    public String key() {
      return key;
    }

    /** How the rule reads in a report. */
    public String describe() {
      return switch (this) {
        case PER_EVENT_ROUNDED -> "revisions published per event (counts rounded)";
        case ON_ROUNDED_CHANGE -> "revisions published only when a rounded count changes";
      };
    }
  }

  /**
   * What the whole VRU area's hotspot cells count. The areas' cells (LSOAs, or the level the policy
   * generalises to) count the events located in them either way.
   */
  public enum VruAreaCount {
    /**
     * Every event of the VRU area, located or not: a total over its areas' cells, which an attacker
     * can subtract the shown areas from to bound the hidden ones (the default).
     */
    ALL_EVENTS("all-events"),
    /**
     * Only the events with no known location, which no area's cell counts: no published count is
     * then the sum of others over the areas, so the area relation gives an attacker nothing.
     */
    UNLOCATED_ONLY("unlocated-only");

    private final String key;

    VruAreaCount(String key) {
      this.key = key;
    }

    /** The value in the policy file. */
    public String key() {
      return key;
    }
  }

  /** How the section reads in a report. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (roundingBase != null) {
      out.append("shown counts rounded to a multiple of ").append(roundingBase).append("; ");
    }
    if (suppressZero) {
      out.append("zeros hidden like small counts; ");
    }
    out.append("no hidden count may be narrowed to fewer than ")
        .append(protectionWidth + 1)
        .append(" possible values");
    if (revisions != null) {
      out.append("; ").append(revisions.describe());
    }
    if (vruAreaCount == VruAreaCount.UNLOCATED_ONLY) {
      out.append(
          "; the VRU area's cells count only events with no known location (no total over its"
              + " areas is published)");
    }
    return out.toString();
  }
}
