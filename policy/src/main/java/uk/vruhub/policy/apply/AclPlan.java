package uk.vruhub.policy.apply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;

/**
 * What to grant and what to revoke so a cluster's ACLs say what the policy says, and what to point
 * out without touching.
 *
 * <p>A cluster holds bindings the hub does not own (an operator's, a monitoring tool's), so the
 * plan removes only bindings the policy <em>manages</em>: ALLOW bindings that are not granted and
 * either
 *
 * <ul>
 *   <li>belong to a principal the policy grants anything to (the hub's services and the current
 *       recipients: the policy says all they may do, so anything more is removed), or
 *   <li>are on a hub resource: a resource pattern some grant uses, or a literal name (or a narrower
 *       prefix) inside one, such as a topic of the spec, a Kafka Streams internal topic under the
 *       aggregator's prefix, or a group under a recipient's prefix (nobody but the policy's
 *       principals reads governed data, whoever added the binding).
 * </ul>
 *
 * DENY bindings are never removed: they only narrow access, and an operator may have added one to
 * cut a recipient off at once. A foreign ALLOW binding whose pattern is broader than a hub resource
 * (the wildcard {@code *}, or a prefix such as {@code hub.}) reaches governed topics, but may be
 * there for other topics too, so it is kept and named in a warning instead. A recipient removed
 * from the policy loses its bindings on hub resources; its consumer-group prefix, which gives no
 * access to data, is then nobody's resource and its binding stays until removed by hand.
 */
record AclPlan(List<AclBinding> grant, List<AclBinding> revoke, List<String> warnings) {

  static AclPlan between(Set<AclBinding> granted, Collection<AclBinding> existing) {
    Set<String> principals =
        granted.stream().map(b -> b.entry().principal()).collect(Collectors.toSet());
    Set<ResourcePattern> hub =
        granted.stream().map(AclBinding::pattern).collect(Collectors.toSet());
    List<AclBinding> grant = granted.stream().filter(b -> !existing.contains(b)).toList();
    List<AclBinding> revoke = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (AclBinding binding : existing) {
      if (granted.contains(binding)
          || binding.entry().permissionType() != AclPermissionType.ALLOW) {
        continue;
      }
      if (principals.contains(binding.entry().principal()) || inside(binding.pattern(), hub)) {
        revoke.add(binding);
      } else {
        Set<String> reached = reached(binding.pattern(), hub);
        if (!reached.isEmpty()) {
          warnings.add(
              "kept "
                  + GrantBindings.describe(binding)
                  + ": it reaches hub resources the policy does not grant to "
                  + binding.entry().principal()
                  + " ("
                  + String.join(", ", reached)
                  + "); remove it by hand unless the agreement allows it");
        }
      }
    }
    revoke.sort(Comparator.comparing(GrantBindings::describe));
    return new AclPlan(grant, List.copyOf(revoke), List.copyOf(warnings));
  }

  /** A pattern some grant uses, or one naming only resources inside such a pattern. */
  private static boolean inside(ResourcePattern pattern, Set<ResourcePattern> hub) {
    if (pattern.name().equals(ResourcePattern.WILDCARD_RESOURCE)) {
      return false;
    }
    for (ResourcePattern h : hub) {
      if (h.resourceType() != pattern.resourceType()) {
        continue;
      }
      if (h.equals(pattern)) {
        return true;
      }
      if (h.patternType() == PatternType.PREFIXED && pattern.name().startsWith(h.name())) {
        return true;
      }
    }
    return false;
  }

  /** The hub resources a broader pattern covers, named as {@link GrantBindings#describe} does. */
  private static Set<String> reached(ResourcePattern pattern, Set<ResourcePattern> hub) {
    Set<String> out = new TreeSet<>();
    boolean wildcard =
        pattern.patternType() == PatternType.LITERAL
            && pattern.name().equals(ResourcePattern.WILDCARD_RESOURCE);
    boolean prefix = pattern.patternType() == PatternType.PREFIXED;
    for (ResourcePattern h : hub) {
      if (h.resourceType() == pattern.resourceType()
          && (wildcard || (prefix && h.name().startsWith(pattern.name())))) {
        out.add(h.name() + (h.patternType() == PatternType.PREFIXED ? "*" : ""));
      }
    }
    return out;
  }
}
