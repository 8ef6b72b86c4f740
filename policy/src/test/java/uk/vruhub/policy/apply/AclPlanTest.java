package uk.vruhub.policy.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
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
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.TopicCatalogue;

class AclPlanTest {

  private final Set<AclBinding> granted =
      GrantBindings.of(AccessRules.grants(Fixtures.shipped(), TopicCatalogue.load()));

  private static AclBinding binding(
      String principal,
      ResourceType type,
      String name,
      PatternType pattern,
      AclOperation op,
      AclPermissionType permission) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, permission));
  }

  private static AclBinding allowRead(String principal, String topic, PatternType pattern) {
    return binding(
        principal, ResourceType.TOPIC, topic, pattern, AclOperation.READ, AclPermissionType.ALLOW);
  }

  private AclPlan planWith(AclBinding... extra) {
    Set<AclBinding> existing = new LinkedHashSet<>(granted);
    existing.addAll(List.of(extra));
    return AclPlan.between(granted, existing);
  }

  @Test
  void anEmptyClusterGetsEveryGrantedBindingAndNothingRevoked() {
    AclPlan plan = AclPlan.between(granted, List.of());

    assertThat(plan.grant()).containsExactlyElementsOf(granted);
    assertThat(plan.revoke()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aClusterInLineNeedsNothing() {
    AclPlan plan = planWith();

    assertThat(plan.grant()).isEmpty();
    assertThat(plan.revoke()).isEmpty();
  }

  @Test
  void aHubPrincipalLosesWhatThePolicyDoesNotGrantItAnywhere() {
    AclBinding widened =
        allowRead("User:csp-partners", "hub.cohort-profiles.v1", PatternType.LITERAL);
    AclBinding elsewhere = allowRead("User:ingest-police", "crm.cases", PatternType.LITERAL);
    AclBinding wildcard = allowRead("User:aggregator", "*", PatternType.LITERAL);

    assertThat(planWith(widened, elsewhere, wildcard).revoke())
        .containsExactlyInAnyOrder(widened, elsewhere, wildcard);
  }

  @Test
  void anyoneLosesABindingOnAHubResourceThePolicyDoesNotGrant() {
    AclBinding topic = allowRead("User:someone", "hub.cohort-profiles.v1", PatternType.LITERAL);
    AclBinding streamsInternal =
        allowRead("User:someone", "vru-aggregator-link-records-changelog", PatternType.LITERAL);
    AclBinding narrowerPrefix =
        allowRead("User:someone", "vru-aggregator-link", PatternType.PREFIXED);
    AclBinding everyone = allowRead("User:*", "police.crime-events.v1", PatternType.LITERAL);
    AclBinding recipientsGroup =
        binding(
            "User:someone",
            ResourceType.GROUP,
            "vru-analyst-dashboard",
            PatternType.LITERAL,
            AclOperation.READ,
            AclPermissionType.ALLOW);

    assertThat(planWith(topic, streamsInternal, narrowerPrefix, everyone, recipientsGroup).revoke())
        .containsExactlyInAnyOrder(
            topic, streamsInternal, narrowerPrefix, everyone, recipientsGroup);
  }

  @Test
  void aForeignBindingOnAForeignResourceIsLeftAlone() {
    AclBinding foreign = allowRead("User:crm", "crm.cases", PatternType.LITERAL);
    AclBinding foreignGroup =
        binding(
            "User:crm",
            ResourceType.GROUP,
            "crm-reporting",
            PatternType.PREFIXED,
            AclOperation.READ,
            AclPermissionType.ALLOW);

    AclPlan plan = planWith(foreign, foreignGroup);

    assertThat(plan.revoke()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void denyBindingsAreNeverRemovedBecauseTheyOnlyNarrow() {
    AclBinding cutOff =
        binding(
            "User:csp-partners",
            ResourceType.TOPIC,
            "hub.hotspots.v1",
            PatternType.LITERAL,
            AclOperation.READ,
            AclPermissionType.DENY);

    assertThat(planWith(cutOff).revoke()).isEmpty();
  }

  @Test
  void aForeignBindingBroaderThanAHubResourceIsKeptAndNamed() {
    AclBinding all = allowRead("User:ops", "*", PatternType.LITERAL);
    AclBinding hubPrefix = allowRead("User:ops", "hub.", PatternType.PREFIXED);

    AclPlan plan = planWith(all, hubPrefix);

    assertThat(plan.revoke()).isEmpty();
    assertThat(plan.warnings())
        .hasSize(2)
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("kept User:ops Read topic:hub.*: it reaches hub resources")
                    .contains("hub.cohort-profiles.v1")
                    .doesNotContain("police.crime-events.v1"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("kept User:ops Read topic:*")
                    .contains("police.crime-events.v1, ")
                    .contains("vru-aggregator*"));
  }

  @Test
  void aBindingOnAnotherHostIsNotTheGrantedOne() {
    AclBinding fromHost =
        new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, "hub.hotspots.v1", PatternType.LITERAL),
            new AccessControlEntry(
                "User:strategic-board", "10.1.2.3", AclOperation.READ, AclPermissionType.ALLOW));

    assertThat(planWith(fromHost).revoke()).containsExactly(fromHost);
  }
}
