package uk.vruhub.policy.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.report.TopicConfigs;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * What to create and alter so the cluster's topics are those of the topic spec, configured as
 * {@link TopicConfigs#effective(TopicSpec, Policy, int)} says.
 *
 * <p>The job manages a fixed set of topic-level keys: {@code cleanup.policy}, {@code retention.ms},
 * {@code min.insync.replicas} and every key some topic of the spec sets. A managed key is set
 * wherever the policy or spec gives it a value the topic does not hold as its own override (a value
 * that only happens to equal the broker's default is pinned, so a later change of the default
 * cannot shorten or lengthen the agreement's retention), and its override is removed from a topic
 * whose configuration no longer names it. Overrides of any other key (an operator's {@code
 * segment.bytes}) are left alone; so is a key dropped from the whole spec, which the job then no
 * longer knows to be its own.
 *
 * <p>Partitions are added when the spec asks for more; Kafka cannot take them away, so a spec
 * asking for fewer is refused. The replication factor of an existing topic is not changed (that
 * moves data between brokers and is an operator's decision): {@code min.insync.replicas} follows
 * the replicas the topic has, and a difference from the factor asked for is a warning.
 */
record TopicPlan(
    List<Create> create,
    List<Partitions> partitions,
    List<Config> configs,
    List<String> warnings,
    List<String> refusals) {

  /** A topic as the cluster holds it. */
  record Existing(int partitions, int replicationFactor, Map<String, Value> configs) {}

  /** A config value of an existing topic, and whether it is the topic's own override. */
  record Value(String value, boolean override) {

    static Value of(ConfigEntry entry) {
      return new Value(
          entry.value(), entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }
  }

  record Create(NewTopic topic, Change change) {}

  record Partitions(String topic, int count, Change change) {}

  record Config(String topic, AlterConfigOp op, Change change) {}

  static TopicPlan of(
      TopicCatalogue catalogue,
      Policy policy,
      short replicationFactor,
      Map<String, Existing> existing) {
    Set<String> managed = managedKeys(catalogue);
    List<Create> create = new ArrayList<>();
    List<Partitions> partitions = new ArrayList<>();
    List<Config> configs = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (TopicSpec topic : catalogue.all()) {
      Existing current = existing.get(topic.name());
      if (current == null) {
        Map<String, String> config = TopicConfigs.effective(topic, policy, replicationFactor);
        create.add(
            new Create(
                new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(config),
                new Change(
                    Change.Kind.TOPIC_CREATED,
                    "created topic "
                        + topic.name()
                        + " ("
                        + topic.partitions()
                        + (topic.partitions() == 1 ? " partition" : " partitions")
                        + ", replication factor "
                        + replicationFactor
                        + "; "
                        + config.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", "))
                        + ")")));
        continue;
      }
      if (current.replicationFactor() != replicationFactor) {
        warnings.add(
            "topic "
                + topic.name()
                + " has replication factor "
                + current.replicationFactor()
                + ", not the "
                + replicationFactor
                + " asked for: the job does not move replicas (kafka-reassign-partitions does)");
      }
      if (topic.partitions() > current.partitions()) {
        partitions.add(
            new Partitions(
                topic.name(),
                topic.partitions(),
                new Change(
                    Change.Kind.PARTITIONS_INCREASED,
                    "increased partitions of "
                        + topic.name()
                        + " from "
                        + current.partitions()
                        + " to "
                        + topic.partitions()
                        + " (keys written before may now hash to another partition)")));
      } else if (topic.partitions() < current.partitions()) {
        refusals.add(
            "topic "
                + topic.name()
                + " has "
                + current.partitions()
                + " partitions but the topic spec says "
                + topic.partitions()
                + ": Kafka cannot take partitions away. Give the spec "
                + current.partitions()
                + " or more, or delete and recreate the topic (and its records)");
      }
      Map<String, String> wanted =
          TopicConfigs.effective(topic, policy, current.replicationFactor());
      wanted.forEach(
          (key, value) -> {
            Value now = current.configs().get(key);
            if (now != null && now.override() && value.equals(now.value())) {
              return;
            }
            String was =
                now == null
                    ? "not set"
                    : now.value() + (now.override() ? "" : ", the broker's default");
            configs.add(
                new Config(
                    topic.name(),
                    new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET),
                    new Change(
                        Change.Kind.CONFIG_SET,
                        "set "
                            + key
                            + "="
                            + value
                            + " on "
                            + topic.name()
                            + " (was "
                            + was
                            + ")")));
          });
      for (String key : managed) {
        Value now = current.configs().get(key);
        if (!wanted.containsKey(key) && now != null && now.override()) {
          configs.add(
              new Config(
                  topic.name(),
                  new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE),
                  new Change(
                      Change.Kind.CONFIG_REMOVED,
                      "removed "
                          + key
                          + "="
                          + now.value()
                          + " from "
                          + topic.name()
                          + " (the broker's default applies)")));
        }
      }
    }
    return new TopicPlan(
        List.copyOf(create),
        List.copyOf(partitions),
        List.copyOf(configs),
        List.copyOf(warnings),
        List.copyOf(refusals));
  }

  /** The topic-level keys the job sets, and so may remove. */
  static Set<String> managedKeys(TopicCatalogue catalogue) {
    Set<String> keys =
        new TreeSet<>(Set.of("cleanup.policy", "retention.ms", TopicConfigs.MIN_INSYNC_REPLICAS));
    catalogue.all().forEach(t -> keys.addAll(t.config().keySet()));
    return keys;
  }
}
