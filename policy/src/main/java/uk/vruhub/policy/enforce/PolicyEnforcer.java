package uk.vruhub.policy.enforce;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.common.header.Headers;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.geo.AreaHierarchy;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * The policy, bound to the area lookup and the recipient secrets, ready to build output records.
 * Created once at start-up; refuses to exist when a recipient secret the policy needs is missing.
 */
public final class PolicyEnforcer {

  private final Policy policy;
  private final Map<String, TopicEnforcer> topics = new HashMap<>();
  private final byte[] id;
  private final byte[] version;
  private final byte[] sha256;

  private PolicyEnforcer(
      Policy policy, TopicCatalogue catalogue, AreaHierarchy areas, RecipientSecrets secrets) {
    this.policy = policy;
    for (String topicId : Sources.governedTopics()) {
      topics.put(
          topicId,
          new TopicEnforcer(catalogue.byId(topicId), policy.topic(topicId), areas, secrets));
    }
    PolicyIdentity identity = policy.identity();
    this.id = identity.id().getBytes(StandardCharsets.UTF_8);
    this.version = identity.version().getBytes(StandardCharsets.UTF_8);
    this.sha256 = identity.sha256().getBytes(StandardCharsets.UTF_8);
  }

  public static PolicyEnforcer create(
      Policy policy, TopicCatalogue catalogue, AreaHierarchy areas, RecipientSecrets secrets) {
    return new PolicyEnforcer(policy, catalogue, areas, secrets);
  }

  /** The enforcer of one governed output topic. */
  public TopicEnforcer topic(String topicId) {
    TopicEnforcer enforcer = topics.get(topicId);
    if (enforcer == null) {
      throw new NoSuchElementException("The policy does not govern topic '" + topicId + "'");
    }
    return enforcer;
  }

  public Policy policy() {
    return policy;
  }

  /** Adds the policy's id, version and SHA-256 to a record's headers. */
  public void stamp(Headers headers) {
    headers
        .remove(PolicyIdentity.HEADER_ID)
        .remove(PolicyIdentity.HEADER_VERSION)
        .remove(PolicyIdentity.HEADER_SHA256);
    headers
        .add(PolicyIdentity.HEADER_ID, id)
        .add(PolicyIdentity.HEADER_VERSION, version)
        .add(PolicyIdentity.HEADER_SHA256, sha256);
  }
}
