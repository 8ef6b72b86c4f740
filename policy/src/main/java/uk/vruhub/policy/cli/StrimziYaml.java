package uk.vruhub.policy.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.TopicSpec;

/** Strimzi custom resources (KafkaUser, KafkaTopic) written as YAML. */
final class StrimziYaml {

  private StrimziYaml() {}

  static String users(List<AccessRules.Grant> grants, String cluster) {
    Map<String, List<AccessRules.Grant>> byPrincipal = new LinkedHashMap<>();
    grants.forEach(g -> byPrincipal.computeIfAbsent(g.principal(), k -> new ArrayList<>()).add(g));
    StringBuilder out = new StringBuilder();
    byPrincipal.forEach(
        (principal, list) -> {
          out.append(
                  "---\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaUser\nmetadata:\n  name: ")
              .append(principal.substring(principal.indexOf(':') + 1))
              .append("\n  labels:\n    strimzi.io/cluster: ")
              .append(cluster)
              .append(
                  "\n"
                      + "spec:\n"
                      + "  authentication:\n"
                      + "    type: scram-sha-512\n"
                      + "  authorization:\n"
                      + "    type: simple\n"
                      + "    acls:\n");
          for (AccessRules.Grant g : list) {
            out.append("      # ").append(g.why()).append('\n');
            out.append("      - resource:\n          type: ")
                .append(g.resourceType())
                .append("\n          name: \"")
                .append(g.name())
                .append("\"\n          patternType: ")
                .append(g.prefixed() ? "prefix" : "literal")
                .append("\n        operations: [")
                .append(String.join(", ", g.operations()))
                .append("]\n");
          }
        });
    return out.toString();
  }

  static String topic(TopicSpec topic, Map<String, String> config, int replicas, String cluster) {
    StringBuilder out =
        new StringBuilder(
                "---\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: ")
            .append(topic.name().replace('_', '-').toLowerCase(java.util.Locale.ROOT))
            .append("\n  labels:\n    strimzi.io/cluster: ")
            .append(cluster)
            .append("\n  annotations:\n    vruhub.uk/level: \"")
            .append(topic.level())
            .append("\"\nspec:\n  topicName: ")
            .append(topic.name())
            .append("\n  partitions: ")
            .append(topic.partitions())
            .append("\n  replicas: ")
            .append(replicas)
            .append("\n  config:\n");
    config.forEach((k, v) -> out.append("    ").append(k).append(": \"").append(v).append("\"\n"));
    return out.toString();
  }
}
