package uk.vruhub.policy.model;

import java.util.List;

/**
 * Someone the agreement lets read outputs.
 *
 * @param id id used in the policy (e.g. in {@code pseudonymise: vru-analyst})
 * @param principal the Kafka principal its ACLs are granted to, e.g. {@code User:vru-analyst}
 * @param description who it is
 * @param maxLevel the highest level it may receive
 * @param topics ids of the topics it may read
 */
public record Recipient(
    String id, String principal, String description, int maxLevel, List<String> topics) {}
