/**
 * The topic job: applies the policy to a Kafka cluster through the Admin API — the topics of the
 * topic spec with the policy's retention, and the ACL bindings the policy's grants imply — and says
 * what it changed. {@link uk.vruhub.policy.apply.ClusterPolicy} runs it; the plans it carries out
 * are pure functions of the policy and what the cluster holds, tested without a broker.
 */
package uk.vruhub.policy.apply;
