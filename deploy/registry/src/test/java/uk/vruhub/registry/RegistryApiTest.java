package uk.vruhub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.vruhub.avro.hub.HotspotKey;
import uk.vruhub.avro.hub.HotspotSource;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.schemas.registry.CompatibilityLevel;
import uk.vruhub.schemas.registry.SchemaRegistryClient;
import uk.vruhub.schemas.registry.SchemaRegistryException;
import uk.vruhub.schemas.serde.AvroDeserializer;
import uk.vruhub.schemas.serde.AvroSerializer;

/**
 * The registry over real HTTPS, driven by the hub's own client and serde. The in-memory store keeps
 * this test free of a broker; the Kafka store and restarts are covered by testkit's ITs.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "registry.store=memory")
class RegistryApiTest {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void tlsAndUsers(DynamicPropertyRegistry registry) {
    RegistryFixture.properties(registry);
  }

  private SchemaRegistryClient client() {
    return RegistryFixture.writer(port);
  }

  private static Schema parse(String text) {
    return new Schema.Parser().parse(text);
  }

  @Test
  void registersLooksUpAndFetchesById() {
    SchemaRegistryClient client = client();
    int id = client.register("api-a-value", parse(SchemaRegistryServiceTest.V1));

    assertThat(client.lookup("api-a-value", parse(SchemaRegistryServiceTest.V1)))
        .hasValueSatisfying(
            r -> {
              assertThat(r.id()).isEqualTo(id);
              assertThat(r.version()).isEqualTo(1);
            });
    assertThat(RegistryFixture.writer(port).schemaById(id))
        .isEqualTo(parse(SchemaRegistryServiceTest.V1));
    assertThat(client.subjects()).contains("api-a-value");
    assertThat(client.latest("api-a-value").id()).isEqualTo(id);
  }

  @Test
  void refusalsCarryTheConfluentErrorCodes() {
    SchemaRegistryClient client = client();
    client.register("api-b-value", parse(SchemaRegistryServiceTest.V1));

    assertThatThrownBy(
            () -> client.register("api-b-value", parse(SchemaRegistryServiceTest.V2_REQUIRED)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409))
        .hasMessageContaining(
            "refused to register a schema under subject 'api-b-value' (HTTP 409, error 409)");
    assertThatThrownBy(() -> client.latest("api-none"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> RegistryFixture.writer(port).schemaById(4_000_000))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThat(client.lookup("api-b-value", parse(SchemaRegistryServiceTest.V2_OPTIONAL)))
        .isEmpty();
  }

  @Test
  void anInvalidSchemaIs42201InTheConfluentErrorShape() throws Exception {
    HttpResponse<String> response =
        RegistryFixture.http()
            .send(
                HttpRequest.newBuilder(
                        URI.create(RegistryFixture.url(port) + "/subjects/x-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .header(
                        "Authorization",
                        RegistryAuthTest.basic(
                            RegistryFixture.WRITER, RegistryFixture.WRITER_PASSWORD))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"schema\":\"{\\\"type\\\":\\\"nonsense\\\"}\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            v -> assertThat(v).startsWith("application/vnd.schemaregistry.v1+json"));
    assertThat(response.body()).startsWith("{\"error_code\":42201,\"message\":\"Invalid schema: ");
  }

  @Test
  void compatibilityChecksAndConfigWork() {
    SchemaRegistryClient client = client();
    client.register("api-c-value", parse(SchemaRegistryServiceTest.V1));

    assertThat(
            client
                .testCompatibility("api-c-value", parse(SchemaRegistryServiceTest.V2_OPTIONAL))
                .compatible())
        .isTrue();
    SchemaRegistryClient.CompatibilityResult bad =
        client.testCompatibility("api-c-value", parse(SchemaRegistryServiceTest.V2_REQUIRED));
    assertThat(bad.compatible()).isFalse();
    assertThat(bad.messages()).isNotEmpty();

    assertThat(client.compatibility("api-c-value")).isEqualTo(CompatibilityLevel.BACKWARD);
    client.setCompatibility("api-c-value", CompatibilityLevel.NONE);
    assertThat(client.compatibility("api-c-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(
            client
                .testCompatibility("api-c-value", parse(SchemaRegistryServiceTest.V2_REQUIRED))
                .compatible())
        .isTrue();
  }

  @Test
  void theSerdeRoundTripsThroughTheRegistry() {
    HotspotKey key =
        HotspotKey.newBuilder()
            .setAreaCode("E01000001")
            .setPeriodType(PeriodType.MONTH)
            .setPeriodStart(LocalDate.of(2026, 3, 1))
            .setDefinitionId("sussex-2020")
            .setSource(HotspotSource.POLICE)
            .build();
    byte[] bytes =
        new AvroSerializer<HotspotKey>(client(), true, true).serialize("hub.hotspots.v1", key);

    HotspotKey read =
        new AvroDeserializer<HotspotKey>(client(), HotspotKey.class)
            .deserialize("hub.hotspots.v1", bytes);

    assertThat(read).isEqualTo(key);
    assertThat(client().versions("hub.hotspots.v1-key")).containsExactly(1);
  }
}
