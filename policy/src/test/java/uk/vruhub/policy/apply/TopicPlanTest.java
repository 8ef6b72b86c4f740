package uk.vruhub.policy.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.report.TopicConfigs;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;

class TopicPlanTest {

  private static final long DAY_MS = 86_400_000L;

  private final TopicCatalogue catalogue = TopicCatalogue.load();
  private final Policy policy = Fixtures.shipped();
  private final TopicSpec profiles = catalogue.byId(TopicCatalogue.Ids.COHORT_PROFILES);

  /** Every topic of the spec as the job would leave it with this many replicas. */
  private Map<String, TopicPlan.Existing> inLine(int replicas) {
    Map<String, TopicPlan.Existing> out = new HashMap<>();
    for (TopicSpec topic : catalogue.all()) {
      Map<String, TopicPlan.Value> values = new HashMap<>();
      TopicConfigs.effective(topic, policy, replicas)
          .forEach((k, v) -> values.put(k, new TopicPlan.Value(v, true)));
      values.put("segment.bytes", new TopicPlan.Value("1073741824", false));
      out.put(topic.name(), new TopicPlan.Existing(topic.partitions(), replicas, values));
    }
    return out;
  }

  private static Map<String, TopicPlan.Value> configs(
      Map<String, TopicPlan.Existing> cluster, String topic) {
    return cluster.get(topic).configs();
  }

  @Test
  void anEmptyClusterGetsEveryTopicWithThePolicysRetention() {
    TopicPlan plan = TopicPlan.of(catalogue, policy, (short) 3, Map.of());

    assertThat(plan.create()).hasSize(catalogue.all().size());
    var created =
        plan.create().stream()
            .filter(c -> c.topic().name().equals(profiles.name()))
            .findFirst()
            .orElseThrow();
    assertThat(created.topic().numPartitions()).isEqualTo(profiles.partitions());
    assertThat(created.topic().replicationFactor()).isEqualTo((short) 3);
    assertThat(created.topic().configs())
        .containsEntry("retention.ms", Long.toString(395 * DAY_MS))
        .containsEntry("cleanup.policy", "compact,delete")
        .containsEntry("min.insync.replicas", "2");
    assertThat(created.change().text())
        .isEqualTo(
            "created topic hub.cohort-profiles.v1 (3 partitions, replication factor 3;"
                + " cleanup.policy=compact,delete, retention.ms=34128000000,"
                + " min.insync.replicas=2)");
    assertThat(plan.configs()).isEmpty();
    assertThat(plan.refusals()).isEmpty();
  }

  @Test
  void aClusterInLineNeedsNothing() {
    TopicPlan plan = TopicPlan.of(catalogue, policy, (short) 3, inLine(3));

    assertThat(plan.create()).isEmpty();
    assertThat(plan.partitions()).isEmpty();
    assertThat(plan.configs()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
    assertThat(plan.refusals()).isEmpty();
  }

  @Test
  void aDifferentRetentionIsSetAndSaysWhatItWas() {
    Map<String, TopicPlan.Existing> cluster = inLine(1);
    configs(cluster, profiles.name())
        .put("retention.ms", new TopicPlan.Value(Long.toString(3650 * DAY_MS), true));

    TopicPlan plan = TopicPlan.of(catalogue, policy, (short) 1, cluster);

    assertThat(plan.configs())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.op().opType()).isEqualTo(AlterConfigOp.OpType.SET);
              assertThat(c.change().text())
                  .isEqualTo(
                      "set retention.ms=34128000000 on hub.cohort-profiles.v1 (was"
                          + " 315360000000)");
            });
  }

  @Test
  void aValueThatOnlyEqualsTheBrokersDefaultIsPinned() {
    Map<String, TopicPlan.Existing> cluster = inLine(1);
    TopicSpec audit = catalogue.byId(TopicCatalogue.Ids.AUDIT);
    configs(cluster, audit.name()).put("cleanup.policy", new TopicPlan.Value("delete", false));

    TopicPlan plan = TopicPlan.of(catalogue, policy, (short) 1, cluster);

    assertThat(plan.configs())
        .singleElement()
        .extracting(c -> c.change().text())
        .isEqualTo("set cleanup.policy=delete on hub.audit.v1 (was delete, the broker's default)");
  }

  @Test
  void aManagedOverrideTheSpecNoLongerNamesIsRemovedAndOthersAreLeft() {
    Map<String, TopicPlan.Existing> cluster = inLine(1);
    configs(cluster, profiles.name()).put("min.insync.replicas", new TopicPlan.Value("2", true));
    configs(cluster, profiles.name()).put("segment.bytes", new TopicPlan.Value("1048576", true));

    TopicPlan plan = TopicPlan.of(catalogue, policy, (short) 1, cluster);

    assertThat(plan.configs())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.op().opType()).isEqualTo(AlterConfigOp.OpType.DELETE);
              assertThat(c.op().configEntry().name()).isEqualTo("min.insync.replicas");
              assertThat(c.change().text())
                  .isEqualTo(
                      "removed min.insync.replicas=2 from hub.cohort-profiles.v1 (the broker's"
                          + " default applies)");
            });
    assertThat(TopicPlan.managedKeys(catalogue))
        .containsExactly("cleanup.policy", "min.insync.replicas", "retention.ms");
  }

  @Test
  void partitionsAreAddedWhenTheSpecAsksForMoreAndNeverTakenAway() {
    Map<String, TopicPlan.Existing> cluster = inLine(1);
    TopicSpec crimes = catalogue.byId(TopicCatalogue.Ids.POLICE_CRIME_EVENTS);
    TopicSpec audit = catalogue.byId(TopicCatalogue.Ids.AUDIT);
    cluster.put(crimes.name(), new TopicPlan.Existing(1, 1, configs(cluster, crimes.name())));
    cluster.put(audit.name(), new TopicPlan.Existing(6, 1, configs(cluster, audit.name())));

    TopicPlan plan = TopicPlan.of(catalogue, policy, (short) 1, cluster);

    assertThat(plan.partitions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.topic()).isEqualTo(crimes.name());
              assertThat(p.count()).isEqualTo(3);
              assertThat(p.change().text())
                  .startsWith("increased partitions of police.crime-events.v1 from 1 to 3");
            });
    assertThat(plan.refusals())
        .containsExactly(
            "topic hub.audit.v1 has 6 partitions but the topic spec says 1: Kafka cannot take"
                + " partitions away. Give the spec 6 or more, or delete and recreate the topic"
                + " (and its records)");
  }

  @Test
  void minInsyncReplicasFollowsTheReplicasATopicHasAndADifferentFactorIsAWarning() {
    Map<String, TopicPlan.Existing> cluster = inLine(3);
    cluster.put(
        profiles.name(),
        new TopicPlan.Existing(profiles.partitions(), 1, configs(inLine(1), profiles.name())));

    TopicPlan plan = TopicPlan.of(catalogue, policy, (short) 3, cluster);

    // Setting 2 on a topic with one replica would refuse every acknowledged write.
    assertThat(plan.configs()).isEmpty();
    assertThat(plan.warnings())
        .containsExactly(
            "topic hub.cohort-profiles.v1 has replication factor 1, not the 3 asked for: the job"
                + " does not move replicas (kafka-reassign-partitions does)");
  }

  @Test
  void theCreatedConfigIsWhatPolicyTopicsPrints() {
    TopicPlan plan = TopicPlan.of(catalogue, policy, (short) 3, Map.of());

    for (TopicPlan.Create c : plan.create()) {
      assertThat(c.topic().configs())
          .isEqualTo(TopicConfigs.effective(catalogue.byName(c.topic().name()), policy, 3));
    }
    assertThat(List.copyOf(plan.create()).stream().map(c -> c.topic().name()))
        .containsExactlyElementsOf(catalogue.all().stream().map(TopicSpec::name).toList());
  }
}
