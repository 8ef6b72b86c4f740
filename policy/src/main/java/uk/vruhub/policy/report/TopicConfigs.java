package uk.vruhub.policy.report;

import java.util.LinkedHashMap;
import java.util.Map;
import uk.vruhub.policy.Policy;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * The configuration a topic is created with: the topic spec's settings plus the policy's retention.
 * The policy is the only source of retention, so what the agreement says and what the cluster does
 * cannot drift; compacted topics become {@code compact,delete} so retention applies to them too.
 */
public final class TopicConfigs {

  private TopicConfigs() {}

  public static Map<String, String> effective(TopicSpec topic, Policy policy) {
    Map<String, String> config = new LinkedHashMap<>(topic.config());
    String cleanup = config.getOrDefault("cleanup.policy", "delete");
    if (cleanup.equals("compact")) {
      config.put("cleanup.policy", "compact,delete");
    }
    config.put("retention.ms", Long.toString(policy.retention(topic.id()).toMillis()));
    return config;
  }
}
