package uk.vruhub.policy.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.policy.report.AccessRules.Grant;
import uk.vruhub.schemas.topics.TopicCatalogue;

class GrantBindingsTest {

  private static AclBinding allow(
      String principal, ResourceType type, String name, PatternType pattern, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  @Test
  void aTopicGrantIsOneLiteralAllowBindingPerOperationFromAnyHost() {
    Grant grant =
        new Grant(
            "User:vru-analyst",
            "topic",
            "hub.hotspots.v1",
            false,
            List.of("Read", "Describe"),
            "why");

    assertThat(GrantBindings.of(grant))
        .containsExactly(
            allow(
                "User:vru-analyst",
                ResourceType.TOPIC,
                "hub.hotspots.v1",
                PatternType.LITERAL,
                AclOperation.READ),
            allow(
                "User:vru-analyst",
                ResourceType.TOPIC,
                "hub.hotspots.v1",
                PatternType.LITERAL,
                AclOperation.DESCRIBE));
  }

  @Test
  void prefixedGroupsTransactionalIdsAndTheClusterMapToTheirKafkaTypes() {
    assertThat(
            GrantBindings.of(
                new Grant("User:a", "group", "vru-analyst", true, List.of("Read"), "why")))
        .containsExactly(
            allow(
                "User:a",
                ResourceType.GROUP,
                "vru-analyst",
                PatternType.PREFIXED,
                AclOperation.READ));
    assertThat(
            GrantBindings.of(
                new Grant(
                    "User:a",
                    "transactionalId",
                    "ingest-police",
                    true,
                    List.of("Write", "Describe", "All"),
                    "why")))
        .extracting(b -> b.pattern().resourceType(), b -> b.entry().operation())
        .containsExactly(
            tuple(ResourceType.TRANSACTIONAL_ID, AclOperation.WRITE),
            tuple(ResourceType.TRANSACTIONAL_ID, AclOperation.DESCRIBE),
            tuple(ResourceType.TRANSACTIONAL_ID, AclOperation.ALL));
    assertThat(
            GrantBindings.of(
                new Grant(
                    "User:a",
                    "cluster",
                    "kafka-cluster",
                    false,
                    List.of("IdempotentWrite", "DescribeConfigs"),
                    "why")))
        .containsExactly(
            allow(
                "User:a",
                ResourceType.CLUSTER,
                "kafka-cluster",
                PatternType.LITERAL,
                AclOperation.IDEMPOTENT_WRITE),
            allow(
                "User:a",
                ResourceType.CLUSTER,
                "kafka-cluster",
                PatternType.LITERAL,
                AclOperation.DESCRIBE_CONFIGS));
  }

  @Test
  void anUnknownOperationOrResourceTypeIsRefusedByName() {
    assertThatThrownBy(
            () ->
                GrantBindings.of(
                    new Grant("User:a", "topic", "t", false, List.of("Read", "Peek"), "why")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("operation 'Peek'")
        .hasMessageContaining("Read, Write");
    assertThatThrownBy(
            () ->
                GrantBindings.of(new Grant("User:a", "schema", "t", false, List.of("Read"), "why")))
        .hasMessageContaining("resource type 'schema'");
    assertThatThrownBy(
            () ->
                GrantBindings.of(
                    new Grant("User:a", "cluster", "c", false, List.of("Alter"), "why")))
        .hasMessageContaining("kafka-cluster");
    assertThatThrownBy(
            () -> GrantBindings.of(new Grant("User:a", "topic", "t", false, List.of(), "why")))
        .hasMessageContaining("no operation");
  }

  @Test
  void theShippedPolicysGrantsMapWithoutLossOrDuplicates() {
    List<Grant> grants = AccessRules.grants(Fixtures.shipped(), TopicCatalogue.load());
    int operations = grants.stream().mapToInt(g -> g.operations().size()).sum();

    assertThat(GrantBindings.of(grants)).hasSize(operations);
  }

  @Test
  void aBindingIsDescribedInTheGrantsWords() {
    assertThat(
            GrantBindings.describe(
                allow(
                    "User:a",
                    ResourceType.TOPIC,
                    "hub.hotspots.v1",
                    PatternType.LITERAL,
                    AclOperation.DESCRIBE_CONFIGS)))
        .isEqualTo("User:a DescribeConfigs topic:hub.hotspots.v1");
    assertThat(
            GrantBindings.describe(
                new AclBinding(
                    new ResourcePattern(
                        ResourceType.TRANSACTIONAL_ID, "ingest-", PatternType.PREFIXED),
                    new AccessControlEntry(
                        "User:b", "10.0.0.7", AclOperation.WRITE, AclPermissionType.DENY))))
        .isEqualTo("User:b Write transactionalId:ingest-* from host 10.0.0.7 (deny)");
  }
}
