package uk.vruhub.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import uk.vruhub.aggregator.AggregatorApplication;
import uk.vruhub.aggregator.PolicyRefusalTest;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.AuditType;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.report.AccessRules;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;
import uk.vruhub.schemas.topics.TopicSetup;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.testkit.HubEnvironment;
import uk.vruhub.testkit.HubIntegrationTest;

/**
 * On the real, secured broker and registry, as the aggregator's own principal: a start refused on a
 * policy that breaks the rules leaves a {@code POLICY_REFUSED} event on the audit topic, naming the
 * refused text by its hash and the rules it breaks.
 */
@HubIntegrationTest
class PolicyRefusalIT {

  @Test
  void aRefusedStartIsOnTheAuditTopic(HubEnvironment hub, @TempDir Path dir) throws Exception {
    TopicCatalogue topics = AggregatorUnderTest.ownTopics(dir, "refusal-it");
    TopicSetup.createMissing(hub.adminProperties(), topics, (short) 1);
    hub.grant(
        AccessRules.grants(hub.policy(), topics).stream()
            .filter(g -> g.principal().equals(HubPrincipals.user(HubPrincipals.AGGREGATOR)))
            .toList());
    Path policy = PolicyRefusalTest.brokenPolicy(dir);

    Throwable refused =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(AggregatorApplication.class)
                    .run(
                        SecuredArgs.with(
                            hub,
                            "--server.port=0",
                            "--spring.kafka.bootstrap-servers=" + hub.bootstrapServers(),
                            "--hub.aggregator.application-id=vru-aggregator-refusal-it",
                            "--hub.aggregator.topic-spec-file=" + dir.resolve("topics.yaml"),
                            "--hub.aggregator.state-dir=" + dir.resolve("state"),
                            "--hub.aggregator.policy-file=" + policy,
                            "--hub.aggregator.recipient-secrets-dir=" + dir,
                            "--hub.aggregator.registry.auto-register=true",
                            "--hub.aggregator.refusal-audit-timeout=30s"))
                    .close());
    assertThat(refused).as("the aggregator does not start").isNotNull();

    List<ConsumerRecord<String, AuditEvent>> audit =
        hub.readAll(topics.byId(Ids.AUDIT), Duration.ofSeconds(30));
    assertThat(audit).hasSize(1);
    AuditEvent event = audit.get(0).value();
    PolicyIdentity identity = PolicyIdentity.read(policy);
    assertThat(event.getType()).isEqualTo(AuditType.POLICY_REFUSED);
    assertThat(event.getComponent()).isEqualTo("aggregator");
    assertThat(event.getPolicyId()).isEqualTo(identity.id());
    assertThat(event.getPolicyVersion()).isEqualTo(identity.version());
    assertThat(event.getPolicyHash())
        .as("the refused text, not the shipped one")
        .isEqualTo(identity.sha256())
        .isNotEqualTo(hub.policy().identity().sha256());
    assertThat(event.getCount()).as("violations").isPositive();
    assertThat(event.getDetails().get("rules")).contains("L1-COUNT").contains("DERIVE");
    assertThat(event.getDetails().get("locations")).contains("hotspots.suppressed");
  }
}
