package uk.vruhub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.vruhub.registry.store.MemorySchemaLog;
import uk.vruhub.schemas.registry.CompatibilityLevel;

class SchemaRegistryServiceTest {

  static final String V1 =
      """
      {"type":"record","name":"Cell","namespace":"t","fields":[{"name":"area","type":"string"}]}\
      """;
  static final String V2_OPTIONAL =
      """
      {"type":"record","name":"Cell","namespace":"t","fields":[{"name":"area","type":"string"},
       {"name":"rate","type":["null","double"],"default":null}]}\
      """;
  static final String V2_REQUIRED =
      """
      {"type":"record","name":"Cell","namespace":"t","fields":[{"name":"area","type":"string"},
       {"name":"count","type":"int"}]}\
      """;

  private final MemorySchemaLog log = new MemorySchemaLog();
  private final SchemaRegistryService registry =
      new SchemaRegistryService(log, CompatibilityLevel.BACKWARD);

  @Test
  void theSameSchemaGetsTheSameIdInEverySubject() {
    int a = registry.register("a-value", V1);
    int b = registry.register("b-value", V1);
    int again = registry.register("a-value", V1);

    assertThat(b).isEqualTo(a);
    assertThat(again).isEqualTo(a);
    assertThat(registry.versions("a-value")).containsExactly(1);
  }

  @Test
  void schemasThatDifferOnlyInWhitespaceAreTheSame() {
    int a = registry.register("a-value", V1);
    assertThat(registry.register("a-value", V1.replace(",", " ,  "))).isEqualTo(a);
  }

  @Test
  void backwardByDefaultAcceptsANewOptionalField() {
    int v1 = registry.register("s", V1);
    int v2 = registry.register("s", V2_OPTIONAL);

    assertThat(v2).isEqualTo(v1 + 1);
    assertThat(registry.versions("s")).containsExactly(1, 2);
    assertThat(registry.version("s", "latest").id()).isEqualTo(v2);
  }

  @Test
  void backwardRefusesANewRequiredFieldWith409() {
    registry.register("s", V1);

    assertThatThrownBy(() -> registry.register("s", V2_REQUIRED))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(409);
              assertThat(e.httpStatus()).isEqualTo(409);
            })
        .hasMessageContaining(
            "incompatible with an earlier schema for subject \"s\" under compatibility level"
                + " BACKWARD")
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT")
        .hasMessageContaining("count");
  }

  @Test
  void transitiveLevelsCheckEveryEarlierVersionNotJustTheLatest() {
    String v1 =
        """
        {"type":"record","name":"C","fields":[{"name":"area","type":"string"},{"name":"count","type":"int"}]}\
        """;
    String v2 =
        """
        {"type":"record","name":"C","fields":[{"name":"area","type":"string"}]}\
        """;
    // Reads v2 data (count defaulted) but not v1 data, whose count is an int.
    String v3 =
        """
        {"type":"record","name":"C","fields":[{"name":"area","type":"string"},{"name":"count","type":"string","default":""}]}\
        """;

    registry.register("latest-only", v1);
    registry.register("latest-only", v2);
    registry.register("latest-only", v3);
    assertThat(registry.versions("latest-only")).containsExactly(1, 2, 3);

    registry.setCompatibility("every-version", CompatibilityLevel.BACKWARD_TRANSITIVE);
    registry.register("every-version", v1);
    registry.register("every-version", v2);
    assertThat(code(() -> registry.register("every-version", v3))).isEqualTo(409);
  }

  @Test
  void noneAcceptsAnything() {
    registry.setCompatibility("s", CompatibilityLevel.NONE);
    registry.register("s", V1);
    registry.register("s", V2_REQUIRED);
    assertThat(registry.versions("s")).containsExactly(1, 2);
  }

  @Test
  void errorCodesFollowTheConfluentApi() {
    registry.register("s", V1);

    assertThat(code(() -> registry.versions("nope"))).isEqualTo(40401);
    assertThat(code(() -> registry.version("s", "7"))).isEqualTo(40402);
    assertThat(code(() -> registry.schemaById(999))).isEqualTo(40403);
    assertThat(code(() -> registry.lookup("s", V2_OPTIONAL))).isEqualTo(40403);
    assertThat(code(() -> registry.lookup("nope", V1))).isEqualTo(40401);
    assertThat(code(() -> registry.register("s", "{\"type\":\"recrod\"}"))).isEqualTo(42201);
    assertThat(code(() -> registry.version("s", "one"))).isEqualTo(42202);
    assertThat(code(() -> registry.clearCompatibility("s"))).isEqualTo(40408);
  }

  @Test
  void aRestartReplaysTheLogAndKeepsEveryId() {
    int a = registry.register("a-value", V1);
    int b = registry.register("a-value", V2_OPTIONAL);
    registry.setCompatibility("a-value", CompatibilityLevel.FULL);

    SchemaRegistryService restarted = new SchemaRegistryService(log, CompatibilityLevel.BACKWARD);

    assertThat(restarted.lookup("a-value", V1).id()).isEqualTo(a);
    assertThat(restarted.version("a-value", "2").id()).isEqualTo(b);
    assertThat(restarted.compatibility("a-value")).isEqualTo(CompatibilityLevel.FULL);
    assertThat(restarted.register("c-value", V2_REQUIRED)).isEqualTo(b + 1);
  }

  @Test
  void compatibilityCanBeAskedWithoutRegistering() {
    registry.register("s", V1);

    assertThat(registry.compatibilityProblems("s", "latest", V2_OPTIONAL)).isEmpty();
    assertThat(registry.compatibilityProblems("s", "latest", V2_REQUIRED))
        .singleElement()
        .asString()
        .contains("count");
    assertThat(registry.versions("s")).containsExactly(1);
  }

  private static int code(Runnable call) {
    try {
      call.run();
    } catch (RegistryException e) {
      return e.errorCode();
    }
    throw new AssertionError("no refusal");
  }
}
