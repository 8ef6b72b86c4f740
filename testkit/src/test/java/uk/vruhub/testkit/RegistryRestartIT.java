package uk.vruhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.schemas.registry.CompatibilityLevel;
import uk.vruhub.schemas.registry.SchemaRegistryClient;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerializer;

/**
 * The registry keeps its state in a compacted Kafka topic, so a restarted registry answers with the
 * same ids, versions and settings, and records written before the restart still read.
 */
@HubIntegrationTest
class RegistryRestartIT {

  @Test
  void aRestartedRegistryGivesTheSameIdsBack(HubEnvironment hub) {
    SchemaRegistryClient before = hub.registryClient();
    int policeId = before.register("restart-test.police-value", PoliceCrimeEvent.getClassSchema());
    int auditId = before.register("restart-test.audit-value", AuditEvent.getClassSchema());
    before.setCompatibility("restart-test.audit-value", CompatibilityLevel.FULL);
    byte[] written =
        new AvroSerializer<PoliceCrimeEvent>(before, false, false)
            .serialize("restart-test.police", SampleEvents.policeEvent("restart-1"));

    hub.restartRegistry();

    SchemaRegistryClient after = hub.registryClient();
    assertThat(after.lookup("restart-test.police-value", PoliceCrimeEvent.getClassSchema()))
        .hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(policeId));
    assertThat(after.register("restart-test.audit-value", AuditEvent.getClassSchema()))
        .isEqualTo(auditId);
    assertThat(after.compatibility("restart-test.audit-value")).isEqualTo(CompatibilityLevel.FULL);
    Schema byId = after.schemaById(policeId);
    assertThat(byId).isEqualTo(PoliceCrimeEvent.getClassSchema());
    assertThat(
            new AvroDeserializer<PoliceCrimeEvent>(after, PoliceCrimeEvent.class)
                .deserialize("restart-test.police", written))
        .isEqualTo(SampleEvents.policeEvent("restart-1"));
    int fresh =
        after.register(
            "restart-test.other-value",
            Schema.createRecord("Other", "fresh after restart", "t", false, java.util.List.of()));
    assertThat(fresh).isGreaterThan(Math.max(policeId, auditId));
  }
}
