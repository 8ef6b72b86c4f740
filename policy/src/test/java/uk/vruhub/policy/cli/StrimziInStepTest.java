package uk.vruhub.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.apply.GrantBindings;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * The Strimzi output stays in step with the topic job: the KafkaUser resources {@code policy acls}
 * prints, read back as Strimzi reads them, describe exactly the bindings {@code policy apply} puts
 * on a cluster. A cluster run by Strimzi's User Operator and one run by the job enforce the same
 * agreement.
 */
class StrimziInStepTest {

  /** Strimzi's names, read independently of the job's mapping. */
  private static final Map<String, ResourceType> TYPES =
      Map.of(
          "topic", ResourceType.TOPIC,
          "group", ResourceType.GROUP,
          "transactionalId", ResourceType.TRANSACTIONAL_ID,
          "cluster", ResourceType.CLUSTER);

  private static final Map<String, AclOperation> OPERATIONS =
      Map.of(
          "Read", AclOperation.READ,
          "Write", AclOperation.WRITE,
          "Describe", AclOperation.DESCRIBE,
          "All", AclOperation.ALL,
          "Create", AclOperation.CREATE,
          "Delete", AclOperation.DELETE,
          "Alter", AclOperation.ALTER,
          "DescribeConfigs", AclOperation.DESCRIBE_CONFIGS,
          "IdempotentWrite", AclOperation.IDEMPOTENT_WRITE);

  @Test
  void theKafkaUsersDescribeTheBindingsTheJobApplies() throws Exception {
    StringWriter out = new StringWriter();
    int status =
        PolicyCli.run(
            new String[] {"acls", Fixtures.SHIPPED.toString(), "--format", "strimzi"},
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true));
    assertThat(status).isZero();

    Set<AclBinding> fromYaml = new HashSet<>();
    try (MappingIterator<JsonNode> users =
        new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(out.toString())) {
      while (users.hasNext()) {
        JsonNode user = users.next();
        assertThat(user.path("kind").asText()).isEqualTo("KafkaUser");
        assertThat(user.at("/spec/authorization/type").asText()).isEqualTo("simple");
        String principal = "User:" + user.at("/metadata/name").asText();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
          JsonNode resource = acl.path("resource");
          ResourcePattern pattern =
              new ResourcePattern(
                  TYPES.get(resource.path("type").asText()),
                  resource.path("name").asText(),
                  switch (resource.path("patternType").asText("literal")) {
                    case "literal" -> PatternType.LITERAL;
                    case "prefix" -> PatternType.PREFIXED;
                    default -> throw new AssertionError("pattern type " + resource);
                  });
          // Strimzi's defaults: any host, allow.
          String host = acl.path("host").asText("*");
          for (JsonNode operation : acl.path("operations")) {
            AclOperation op = OPERATIONS.get(operation.asText());
            assertThat(op).as("Strimzi operation %s", operation).isNotNull();
            fromYaml.add(
                new AclBinding(
                    pattern, new AccessControlEntry(principal, host, op, AclPermissionType.ALLOW)));
          }
        }
      }
    }

    assertThat(fromYaml)
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(
            GrantBindings.of(AccessRules.grants(Fixtures.shipped(), TopicCatalogue.load())));
  }
}
