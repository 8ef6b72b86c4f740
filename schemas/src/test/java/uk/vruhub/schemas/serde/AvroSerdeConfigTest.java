package uk.vruhub.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The serde's registry keys are Confluent's, and the password never shows. */
class AvroSerdeConfigTest {

  @Test
  void readsConfluentsKeysAndWritesThemBack() {
    AvroSerdeConfig config =
        AvroSerdeConfig.from(
            Map.of(
                "schema.registry.url", "https://localhost:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "vru-analyst:s3cret",
                "schema.registry.ssl.truststore.location", "/tmp/ca.crt",
                "schema.registry.ssl.truststore.type", "PEM"));
    assertThat(config.basicAuthUserInfo()).isEqualTo("vru-analyst:s3cret");
    assertThat(config.trustStoreLocation()).isEqualTo("/tmp/ca.crt");
    assertThat(AvroSerdeConfig.from(config.asProperties())).isEqualTo(config);
    assertThat(config.toString()).contains("basicAuthUser=vru-analyst").doesNotContain("s3cret");
    assertThat(
            AvroSerdeConfig.from(
                    Map.of(
                        "schema.registry.url", "https://localhost:8081",
                        "schema.registry.basic.auth.user.info", "a:b"))
                .basicAuthUserInfo())
        .isEqualTo("a:b");
  }

  @Test
  void refusesWhatItCannotHonour() {
    assertThatThrownBy(
            () ->
                AvroSerdeConfig.from(
                    Map.of(
                        "schema.registry.url", "https://x",
                        "basic.auth.credentials.source", "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("only USER_INFO is supported");
    assertThatThrownBy(
            () ->
                AvroSerdeConfig.from(
                    Map.of(
                        "schema.registry.url", "https://x",
                        "schema.registry.ssl.truststore.type", "JKS")))
        .hasMessageContaining("only PEM is supported");
    assertThatThrownBy(
            () ->
                AvroSerdeConfig.from(
                    Map.of("schema.registry.url", "https://x", "basic.auth.user.info", "nocolon")))
        .hasMessageContaining("must be user:password")
        .hasMessageNotContaining("nocolon");
  }
}
