package uk.vruhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaRulesTest {

  static List<Class<? extends SpecificRecord>> hubRecords() {
    return HubSchemas.recordClasses();
  }

  @ParameterizedTest
  @MethodSource("hubRecords")
  void everyHubSchemaKeepsTheRules(Class<? extends SpecificRecord> type) {
    assertThat(SchemaRules.violations(HubSchemas.schemaOf(type))).isEmpty();
  }

  @Test
  void everyFieldIsClassifiedIncludingNestedOnes() {
    for (Class<? extends SpecificRecord> type : HubSchemas.recordClasses()) {
      HubSchemas.fieldsByPath(HubSchemas.schemaOf(type))
          .forEach(
              (path, field) ->
                  assertThat(Classification.of(field))
                      .as("%s.%s", type.getSimpleName(), path)
                      .isPresent());
    }
  }

  @Test
  void nestedAreaFieldsAreReached() {
    assertThat(
            HubSchemas.fieldsByPath(
                HubSchemas.schemaOf(uk.vruhub.avro.agency.PoliceCrimeEvent.class)))
        .containsKeys("incidentArea.lsoa", "homeArea.localAuthority", "matchKeys.value");
  }

  @Test
  void aFieldWithoutDocOrClassificationIsReported() {
    Schema bad =
        new Schema.Parser()
            .parse(
                """
                {"type":"record","name":"Bad","namespace":"t","doc":"fixture","fields":[
                  {"name":"count","type":"int"},
                  {"name":"area","type":"string","doc":"an area","classification":"secret"}
                ]}\
                """);
    assertThat(SchemaRules.violations(bad))
        .containsExactly(
            "Bad.count: no doc; say what the field holds and where it comes from",
            "Bad.count: no classification; add \"classification\": one of [linkage, quasi,"
                + " sensitive, descriptive, technical]",
            "Bad.area: classification 'secret' is not one of [linkage, quasi, sensitive,"
                + " descriptive, technical]");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "surname",
        "forenames",
        "dateOfBirth",
        "nhsNumber",
        "upn",
        "homePostcode",
        "address_line_1",
        "locationFreeText",
        "incidentDescription",
        "pncId",
        "personName"
      })
  void aFieldNamedForADirectIdentifierIsRefused(String name) {
    Schema bad =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Leak\",\"namespace\":\"t\",\"doc\":\"fixture\",\"fields\":[{\"name\":\""
                    + name
                    + "\",\"type\":\"string\",\"doc\":\"d\",\"classification\":\"quasi\"}]}");
    assertThat(SchemaRules.violations(bad))
        .singleElement()
        .asString()
        .contains("direct identifier");
  }

  @Test
  void wordsSplitAtCamelCaseDigitsAndUnderscores() {
    assertThat(SchemaRules.words("homePostcode")).containsExactly("home", "postcode");
    assertThat(SchemaRules.words("address_line1")).containsExactly("address", "line", "1");
    assertThat(SchemaRules.words("ratePer10k")).containsExactly("rate", "per", "10k");
  }
}
