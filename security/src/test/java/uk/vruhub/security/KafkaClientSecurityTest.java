package uk.vruhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

  @Test
  void saslSslNamesMechanismUserAndTrust() {
    var security = KafkaClientSecurity.saslSsl("aggregator", "p\"w\\d", Path.of("/run/ca.crt"));
    assertThat(security.properties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", "/run/ca.crt")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"aggregator\" password=\"p\\\"w\\\\d\";");
    assertThat(security.toString()).doesNotContain("p\"w").contains("User:aggregator");
  }

  @Test
  void refusesSaslWithoutCredentialsAndProtocolsTheHubDoesNotUse() {
    assertThatThrownBy(() -> KafkaClientSecurity.saslPlaintext(" ", "x"))
        .hasMessageContaining("needs a user name");
    assertThatThrownBy(() -> KafkaClientSecurity.saslPlaintext("a", ""))
        .hasMessageContaining("needs a password");
    assertThatThrownBy(() -> KafkaClientSecurity.of("tls", "a", null, null))
        .hasMessageContaining("Unknown Kafka security protocol 'tls'");
    assertThatThrownBy(() -> KafkaClientSecurity.of("SSL", "a", null, null))
        .hasMessageContaining("not one the hub uses");
    assertThat(KafkaClientSecurity.of("plaintext", null, null, null).properties())
        .containsOnlyKeys("security.protocol");
  }
}
