package uk.vruhub.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The lag arithmetic over offsets as the Admin API gives them; no broker. */
class ConsumerGroupLagTest {

  private static final TopicPartition P0 = new TopicPartition("police.crime-events.v1", 0);
  private static final TopicPartition P1 = new TopicPartition("police.crime-events.v1", 1);
  private static final TopicPartition R0 =
      new TopicPartition("vru-aggregator-linkage-repartition", 0);

  @Test
  void aGroupAtEveryEndOffsetIsCaughtUp() {
    ConsumerGroupLag lag =
        ConsumerGroupLag.of(Map.of(), Map.of(P0, 120L, P1, 7L), Map.of(P0, 120L, P1, 7L));

    assertThat(lag.caughtUp()).isTrue();
    assertThat(lag.total()).isZero();
    assertThat(lag.lagging()).isEmpty();
  }

  @Test
  void lagIsTheEndOffsetLessTheCommittedOneSummedOverPartitions() {
    ConsumerGroupLag lag =
        ConsumerGroupLag.of(
            Map.of(), Map.of(P0, 120L, P1, 7L, R0, 40L), Map.of(P0, 100L, P1, 7L, R0, 39L));

    assertThat(lag.caughtUp()).isFalse();
    assertThat(lag.total()).isEqualTo(21);
    assertThat(lag.lagging())
        .extracting(p -> p.topic() + "-" + p.partition() + ":" + p.lag())
        .containsExactly("police.crime-events.v1-0:20", "vru-aggregator-linkage-repartition-0:1");
  }

  @Test
  void aPartitionWithoutACommittedOffsetLagsByWhatItsLogHolds() {
    ConsumerGroupLag lag = ConsumerGroupLag.of(Map.of(P0, 30L), Map.of(P0, 50L), Map.of());

    assertThat(lag.partitions()).singleElement().satisfies(p -> assertThat(p.committed()).isNull());
    assertThat(lag.total()).as("from the log start, not from 0").isEqualTo(20);
    assertThat(lag.caughtUp()).isFalse();
  }

  @Test
  void aPartitionWithoutACommittedOffsetAndAnEmptyLogDoesNotLag() {
    ConsumerGroupLag never = ConsumerGroupLag.of(Map.of(), Map.of(P0, 0L), Map.of());
    ConsumerGroupLag emptied = ConsumerGroupLag.of(Map.of(P0, 80L), Map.of(P0, 80L), Map.of());

    assertThat(never.caughtUp()).isTrue();
    assertThat(emptied.caughtUp()).as("every record deleted by retention").isTrue();
  }

  @Test
  void aCommittedOffsetBelowTheLogStartLagsOnlyByWhatIsLeftToRead() {
    ConsumerGroupLag lag = ConsumerGroupLag.of(Map.of(P0, 90L), Map.of(P0, 100L), Map.of(P0, 10L));

    // Starts are only read for partitions without a committed offset; given one, it still bounds.
    assertThat(lag.total()).isEqualTo(10);
  }

  @Test
  void aCommittedOffsetPastTheEndIsNoLagNotANegativeOne() {
    ConsumerGroupLag lag = ConsumerGroupLag.of(Map.of(), Map.of(P0, 5L), Map.of(P0, 9L));

    assertThat(lag.total()).isZero();
  }

  @Test
  void aSettledGapIsNotLagButTheOffsetsAreStillShown() {
    ConsumerGroupLag lag =
        ConsumerGroupLag.of(Map.of(), Map.of(P0, 120L, P1, 9L), Map.of(P0, 100L, P1, 8L))
            .settle(Set.of(P0));

    assertThat(lag.total()).isEqualTo(1);
    assertThat(lag.partitions())
        .filteredOn(p -> p.partition() == 0)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.settled()).isTrue();
              assertThat(p.lag()).isZero();
              assertThat(p.committed()).isEqualTo(100);
              assertThat(p.end()).isEqualTo(120);
            });
    assertThat(lag.settle(Set.of(P1)).caughtUp()).isTrue();
  }

  @Test
  void noPartitionsIsCaughtUp() {
    assertThat(ConsumerGroupLag.of(Map.of(), Map.of(), Map.of()).caughtUp()).isTrue();
  }

  @Test
  void partitionsAreListedByTopicThenPartition() {
    ConsumerGroupLag lag =
        ConsumerGroupLag.of(
            Map.of(), Map.of(R0, 1L, P1, 1L, P0, 1L), Map.of(R0, 1L, P1, 1L, P0, 1L));

    assertThat(lag.partitions())
        .extracting(p -> p.topic() + "-" + p.partition())
        .containsExactly(
            "police.crime-events.v1-0",
            "police.crime-events.v1-1",
            "vru-aggregator-linkage-repartition-0");
  }

  @Test
  void repartitionTopicsAreTheApplicationsOwn() {
    assertThat(
            ConsumerGroupLag.isRepartitionTopic(
                "vru-aggregator", "vru-aggregator-linkage-repartition"))
        .isTrue();
    assertThat(
            ConsumerGroupLag.isRepartitionTopic(
                "vru-aggregator", "vru-aggregator-crimes-changelog"))
        .as("changelogs are restored, not consumed while processing")
        .isFalse();
    assertThat(ConsumerGroupLag.isRepartitionTopic("vru-aggregator", "other-linkage-repartition"))
        .isFalse();
  }
}
