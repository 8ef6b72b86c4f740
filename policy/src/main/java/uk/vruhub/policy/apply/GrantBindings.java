package uk.vruhub.policy.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import uk.vruhub.policy.report.AccessRules.Grant;

/**
 * The Kafka ACL bindings a {@link Grant} stands for: one ALLOW binding per operation, from any
 * host. Grants name resource types and operations as Strimzi's KafkaUser does ({@code topic},
 * {@code transactionalId}, {@code Read}, {@code DescribeConfigs}), so the Strimzi output and the
 * bindings the topic job applies are read from the same grants with the same names.
 */
public final class GrantBindings {

  /** The host of every binding the policy implies: principals are authenticated, not located. */
  public static final String ANY_HOST = "*";

  /** The one name Kafka gives the cluster resource. */
  public static final String CLUSTER_NAME = "kafka-cluster";

  private static final Map<String, ResourceType> RESOURCE_TYPES = new LinkedHashMap<>();
  private static final Map<String, AclOperation> OPERATIONS = new LinkedHashMap<>();

  static {
    RESOURCE_TYPES.put("topic", ResourceType.TOPIC);
    RESOURCE_TYPES.put("group", ResourceType.GROUP);
    RESOURCE_TYPES.put("transactionalId", ResourceType.TRANSACTIONAL_ID);
    RESOURCE_TYPES.put("cluster", ResourceType.CLUSTER);
    OPERATIONS.put("Read", AclOperation.READ);
    OPERATIONS.put("Write", AclOperation.WRITE);
    OPERATIONS.put("Create", AclOperation.CREATE);
    OPERATIONS.put("Delete", AclOperation.DELETE);
    OPERATIONS.put("Alter", AclOperation.ALTER);
    OPERATIONS.put("Describe", AclOperation.DESCRIBE);
    OPERATIONS.put("ClusterAction", AclOperation.CLUSTER_ACTION);
    OPERATIONS.put("DescribeConfigs", AclOperation.DESCRIBE_CONFIGS);
    OPERATIONS.put("AlterConfigs", AclOperation.ALTER_CONFIGS);
    OPERATIONS.put("IdempotentWrite", AclOperation.IDEMPOTENT_WRITE);
    OPERATIONS.put("All", AclOperation.ALL);
  }

  private GrantBindings() {}

  /** The bindings of one grant, in the order of its operations. */
  public static List<AclBinding> of(Grant grant) {
    ResourceType type = RESOURCE_TYPES.get(grant.resourceType());
    if (type == null) {
      throw new IllegalArgumentException(
          "Grant to "
              + grant.principal()
              + " names resource type '"
              + grant.resourceType()
              + "'; known: "
              + RESOURCE_TYPES.keySet());
    }
    if (type == ResourceType.CLUSTER && !CLUSTER_NAME.equals(grant.name())) {
      throw new IllegalArgumentException(
          "Grant to " + grant.principal() + " on the cluster must name it " + CLUSTER_NAME);
    }
    if (grant.operations().isEmpty()) {
      throw new IllegalArgumentException(
          "Grant to " + grant.principal() + " on " + grant.name() + " names no operation");
    }
    ResourcePattern pattern =
        new ResourcePattern(
            type, grant.name(), grant.prefixed() ? PatternType.PREFIXED : PatternType.LITERAL);
    List<AclBinding> out = new ArrayList<>();
    for (String name : grant.operations()) {
      AclOperation operation = OPERATIONS.get(name);
      if (operation == null) {
        throw new IllegalArgumentException(
            "Grant to "
                + grant.principal()
                + " on "
                + grant.name()
                + " names operation '"
                + name
                + "'; known: "
                + OPERATIONS.keySet());
      }
      out.add(
          new AclBinding(
              pattern,
              new AccessControlEntry(
                  grant.principal(), ANY_HOST, operation, AclPermissionType.ALLOW)));
    }
    return out;
  }

  /** Every binding the grants imply, each once, in the order of the grants. */
  public static Set<AclBinding> of(List<Grant> grants) {
    Set<AclBinding> out = new LinkedHashSet<>();
    grants.forEach(g -> out.addAll(of(g)));
    return out;
  }

  /**
   * A binding as one line, in the words of the grants: {@code User:vru-analyst Read
   * topic:hub.hotspots.v1}; a prefix ends in {@code *}, a host other than any is named, a DENY says
   * so.
   */
  public static String describe(AclBinding binding) {
    ResourcePattern pattern = binding.pattern();
    AccessControlEntry entry = binding.entry();
    StringBuilder out =
        new StringBuilder(entry.principal())
            .append(' ')
            .append(name(OPERATIONS, entry.operation()))
            .append(' ')
            .append(name(RESOURCE_TYPES, pattern.resourceType()))
            .append(':')
            .append(pattern.name());
    if (pattern.patternType() == PatternType.PREFIXED) {
      out.append('*');
    }
    if (!ANY_HOST.equals(entry.host())) {
      out.append(" from host ").append(entry.host());
    }
    if (entry.permissionType() != AclPermissionType.ALLOW) {
      out.append(" (").append(entry.permissionType().name().toLowerCase(Locale.ROOT)).append(')');
    }
    return out.toString();
  }

  /** The grants' name for a Kafka constant; Kafka's own for one no grant uses. */
  private static <T extends Enum<T>> String name(Map<String, T> names, T value) {
    return names.entrySet().stream()
        .filter(e -> e.getValue() == value)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(value.name().toLowerCase(Locale.ROOT));
  }
}
