package uk.vruhub.aggregator.topology;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import uk.vruhub.avro.common.MatchKeyScheme;

/**
 * The aggregator's state stores after a few known events, for tests of what reads them (the analyst
 * API): in the week of 2026-03-09, six crimes in E01900003 (a count of 6 under the definitions that
 * take a public knife assault) and two in E01900001 (suppressed); the first victim also attended
 * the emergency department after a knife assault whose place is unknown (counted in the VRU area
 * E23900001 only, which so holds 9 events), which puts that person alone in the cohort.
 */
public final class SampleStores implements AutoCloseable {

  private static final Instant STAMP = Instant.parse("2026-03-31T00:00:00Z");

  private final TopologyFixture fixture = new TopologyFixture();
  private final Map<String, KeyValueStore<String, ?>> stores = new ConcurrentHashMap<>();
  private final Map<String, KeyValueStore<?, ?>> typed = new ConcurrentHashMap<>();

  public SampleStores() {
    for (int i = 1; i <= 6; i++) {
      fixture.police.pipeInput("r" + i, Events.crime("r" + i, "c" + i, "p" + i).build());
    }
    for (int i = 7; i <= 8; i++) {
      fixture.police.pipeInput(
          "r" + i,
          Events.crime("r" + i, "c" + i, "p" + i)
              .setIncidentArea(Events.area("E01900001"))
              .build());
    }
    fixture.health.pipeInput(
        "h1",
        Events.attendance("h1", "n1")
            .setMatchKeys(
                List.of(
                    Events.key(MatchKeyScheme.FULLNAME_DOB_SEX, "p1"),
                    Events.key(MatchKeyScheme.NHS_NUMBER, "n1")))
            .build());
    fixture.flush();
  }

  /** The settings the stores were built under (shipped policy and definitions, sample areas). */
  public AggregatorSettings settings() {
    return fixture.settings;
  }

  /** A store of the topology by name ({@link HubTopology}'s constants). */
  @SuppressWarnings("unchecked")
  public <V> KeyValueStore<String, V> store(String name) {
    // Looked up once each: the driver warns at every look-up of a DSL store by this method.
    return (KeyValueStore<String, V>)
        stores.computeIfAbsent(name, n -> fixture.driver.getKeyValueStore(n));
  }

  /** A store whose keys are typed records (e.g. the cohort summary's cells). */
  @SuppressWarnings("unchecked")
  public <K, V> KeyValueStore<K, V> typedStore(String name) {
    return (KeyValueStore<K, V>)
        typed.computeIfAbsent(name, n -> fixture.driver.getKeyValueStore(n));
  }

  /**
   * Puts an entry into a store of the DSL (they keep timestamps, and their changelogs need a real
   * one), as if the topology had computed it.
   */
  public <V> void put(String store, String key, V value) {
    KeyValueStore<String, ValueAndTimestamp<V>> s =
        fixture.driver.getTimestampedKeyValueStore(store);
    if (s == null) {
      // A processor's own store (e.g. the cohort's profiles), without timestamps.
      this.<V>store(store).put(key, value);
      return;
    }
    s.put(key, ValueAndTimestamp.make(value, STAMP.toEpochMilli()));
  }

  @Override
  public void close() {
    fixture.close();
  }
}
