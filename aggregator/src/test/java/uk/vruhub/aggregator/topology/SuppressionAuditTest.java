package uk.vruhub.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.AuditType;
import uk.vruhub.policy.PolicyIdentity;

/**
 * The publication-cycle counter on its own, over a real in-memory store: what one cycle says, that
 * an idle interval says nothing, and that counts left by a run on another policy (or by a hub
 * version before cycles were audited) are audited as what they were, never as the new policy's.
 */
class SuppressionAuditTest {

  private static final String STORE = SuppressionAudit.storeName("hotspots");
  private static final String TOPIC = "hub.hotspots.v1";
  private static final PolicyIdentity OLD =
      new PolicyIdentity("demo-vru-isa", "1.0", "a".repeat(64));
  private static final PolicyIdentity NEW =
      new PolicyIdentity("demo-vru-isa", "1.1", "b".repeat(64));
  private static final long T0 = Instant.parse("2026-04-01T06:00:00Z").toEpochMilli();

  private final TopologyFixture fixture = new TopologyFixture();
  private final KeyValueStore<String, Long> store =
      Stores.keyValueStoreBuilder(
              Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.Long())
          .withLoggingDisabled()
          .build();

  @AfterEach
  void close() {
    fixture.driver.close();
    store.close();
  }

  /** A counter under {@code policy} on the shared store, as a task starting on it. */
  private Run start(PolicyIdentity policy) {
    MockProcessorContext<String, AuditEvent> context = new MockProcessorContext<>();
    if (!store.isOpen()) {
      store.init(context.getStateStoreContext(), store);
    }
    context.addStateStore(store);
    SuppressionAudit.Counter<String, String> counter =
        new SuppressionAudit.Counter<>(
            STORE, TOPIC, policy, fixture.settings, Duration.ofMinutes(1), "hidden"::equals);
    counter.init(context);
    return new Run(context, counter);
  }

  private record Run(
      MockProcessorContext<String, AuditEvent> context,
      SuppressionAudit.Counter<String, String> counter) {

    void write(long at, String... values) {
      context.setCurrentSystemTimeMs(at);
      for (String v : values) {
        counter.process(new Record<>("k", v, at));
      }
    }

    List<AuditEvent> audit(long at) {
      context.resetForwards();
      context.setCurrentSystemTimeMs(at);
      context.scheduledPunctuators().get(0).getPunctuator().punctuate(at);
      return context.forwarded().stream().<AuditEvent>map(f -> f.record().value()).toList();
    }
  }

  @Test
  void aCycleSaysWhatItPublishedSuppressedAndWithdrewFromWhenToWhenUnderWhichPolicy() {
    Run run = start(NEW);
    run.write(T0 + 1_000, "hidden", "shown", "shown");
    run.write(T0 + 2_000, "hidden", null);

    List<AuditEvent> audit = run.audit(T0 + 60_000);

    assertThat(audit).hasSize(1);
    AuditEvent cycle = audit.get(0);
    assertThat(cycle.getType()).isEqualTo(AuditType.PUBLICATION_CYCLE);
    assertThat(cycle.getTopic()).isEqualTo(TOPIC);
    assertThat(cycle.getPolicyId()).isEqualTo("demo-vru-isa");
    assertThat(cycle.getPolicyVersion()).isEqualTo("1.1");
    assertThat(cycle.getPolicyHash()).isEqualTo(NEW.sha256());
    assertThat(cycle.getCellsPublished()).isEqualTo(4);
    assertThat(cycle.getCellsSuppressed()).isEqualTo(2);
    assertThat(cycle.getCellsWithdrawn()).isEqualTo(1);
    assertThat(cycle.getCount()).isEqualTo(5);
    assertThat(cycle.getWindowFrom()).isEqualTo(Instant.ofEpochMilli(T0 + 1_000));
    assertThat(cycle.getWindowTo()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));

    assertThat(run.audit(T0 + 120_000)).as("an idle interval").isEmpty();
    run.write(T0 + 130_000, "shown");
    assertThat(run.audit(T0 + 180_000))
        .singleElement()
        .satisfies(
            next -> {
              assertThat(next.getCellsPublished()).isEqualTo(1);
              assertThat(next.getCellsSuppressed()).isZero();
              assertThat(next.getWindowFrom()).isEqualTo(Instant.ofEpochMilli(T0 + 130_000));
            });
  }

  @Test
  void countsLeftByARunOnAnotherPolicyAreAuditedUnderItsHashNotTheNewOnes() {
    start(OLD).write(T0 + 1_000, "hidden", "shown");
    // Stopped before its audit: a restart on the new policy finds the counts in the store.
    Run restarted = start(NEW);
    restarted.write(T0 + 30_000, "shown");

    List<AuditEvent> audit = restarted.audit(T0 + 60_000);

    assertThat(audit).hasSize(2);
    AuditEvent earlier =
        audit.stream()
            .filter(e -> e.getPolicyHash().equals(OLD.sha256()))
            .findFirst()
            .orElseThrow();
    assertThat(earlier.getPolicyId()).as("only the hash is known to the new run").isNull();
    assertThat(earlier.getCellsPublished()).isEqualTo(2);
    assertThat(earlier.getCellsSuppressed()).isEqualTo(1);
    assertThat(earlier.getWindowFrom()).isEqualTo(Instant.ofEpochMilli(T0 + 1_000));
    AuditEvent current =
        audit.stream()
            .filter(e -> e.getPolicyHash().equals(NEW.sha256()))
            .findFirst()
            .orElseThrow();
    assertThat(current.getPolicyVersion()).isEqualTo("1.1");
    assertThat(current.getCellsPublished()).isEqualTo(1);
    assertThat(current.getWindowFrom()).isEqualTo(Instant.ofEpochMilli(T0 + 30_000));
  }

  @Test
  void aCountLeftByAnEarlierHubVersionIsAuditedAsTheSuppressedCellsItCounted() {
    Run run = start(NEW);
    // What a hub version before publication cycles kept: suppressed cells, keyed by topic.
    store.put(TOPIC, 3L);

    List<AuditEvent> audit = run.audit(T0 + 60_000);

    assertThat(audit)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo(AuditType.CELLS_SUPPRESSED);
              assertThat(e.getCount()).isEqualTo(3);
              assertThat(e.getPolicyHash()).isNull();
            });
    assertThat(run.audit(T0 + 120_000)).as("audited once").isEmpty();
  }
}
