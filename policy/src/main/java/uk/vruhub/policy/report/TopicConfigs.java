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

  /** Set on topics with more than one replica; see {@link #effective(TopicSpec, Policy, int)}. */
  public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

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

  /**
   * The configuration of a topic with this many replicas: with more than one, an acknowledged write
   * must be on {@code min(2, replicas - 1)} of them, so it survives the loss of a broker while one
   * broker may be down for maintenance. One replica leaves the broker's default.
   */
  public static Map<String, String> effective(TopicSpec topic, Policy policy, int replicas) {
    Map<String, String> config = effective(topic, policy);
    if (replicas > 1) {
      config.put(MIN_INSYNC_REPLICAS, Integer.toString(Math.min(2, replicas - 1)));
    }
    return config;
  }
}
