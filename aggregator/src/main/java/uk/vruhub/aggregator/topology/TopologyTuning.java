package uk.vruhub.aggregator.topology;

import java.time.Duration;

/**
 * How the topology trades latency for fewer records; not what it computes.
 *
 * @param hotspotFlushInterval how often the hotspot deltas netted per cell are sent on to be
 *     counted and published ({@code hub.aggregator.hotspot-flush-interval}); null: the streams'
 *     commit interval, so that each commit sends what the one before it netted
 * @param auditInterval how often suppressed-cell counts are written to the audit topic ({@code
 *     hub.aggregator.audit-interval})
 */
public record TopologyTuning(Duration hotspotFlushInterval, Duration auditInterval) {

  public static final Duration DEFAULT_AUDIT_INTERVAL = Duration.ofMinutes(1);

  public TopologyTuning {
    if (hotspotFlushInterval != null
        && (hotspotFlushInterval.isNegative() || hotspotFlushInterval.isZero())) {
      throw new IllegalArgumentException("The hotspot flush interval must be positive");
    }
    if (auditInterval.isNegative() || auditInterval.isZero()) {
      throw new IllegalArgumentException("The audit interval must be positive");
    }
  }

  public static TopologyTuning defaults() {
    return new TopologyTuning(null, DEFAULT_AUDIT_INTERVAL);
  }
}
