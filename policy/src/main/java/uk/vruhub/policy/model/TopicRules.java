package uk.vruhub.policy.model;

import java.util.List;
import java.util.Map;

/**
 * The policy of one output topic.
 *
 * @param topicId the topic's id in the topic spec
 * @param level 1 or 2
 * @param key the value fields the key is made of (a single field for string keys)
 * @param fields one rule per output field, in the file's order
 */
public record TopicRules(
    String topicId, int level, List<String> key, Map<String, FieldRule> fields) {}
