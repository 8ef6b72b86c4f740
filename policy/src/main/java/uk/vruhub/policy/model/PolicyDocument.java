package uk.vruhub.policy.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import uk.vruhub.policy.PolicyIdentity;

/**
 * A policy file as read, before validation.
 *
 * @param identity id, version and SHA-256 of the file
 * @param agreement the agreement it enforces
 * @param levels the rules of level 1 and level 2, by level
 * @param recipients who may read what
 * @param retention how long each topic keeps data, by topic id
 * @param topics the policy of each output topic, by topic id
 * @param lawfulBases the named lawful bases of the schedule, by id
 * @param flows the agency-to-hub flows, by input topic id
 */
public record PolicyDocument(
    PolicyIdentity identity,
    Agreement agreement,
    Map<Integer, LevelRules> levels,
    List<Recipient> recipients,
    Map<String, Duration> retention,
    Map<String, TopicRules> topics,
    Map<String, LawfulBasis> lawfulBases,
    Map<String, Flow> flows) {}
