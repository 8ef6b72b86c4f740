package uk.vruhub.policy.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.model.TopicRules;
import uk.vruhub.schemas.HubSchemas;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * The policy file, the Avro schemas, the README's field tables and the committed report must not
 * drift apart. When the policy or a schema changes on purpose, regenerate both with {@code ./mvnw
 * -q -pl policy -am test -Dtest=PolicySyncTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpolicy.sync.update=true} and review the diff.
 */
class PolicySyncTest {

  private static final Path README = Paths.get("README.md");
  private static final Path REPORT = Paths.get("../deploy/policy/vru-hub-isa.report.md");
  private static final boolean UPDATE = Boolean.getBoolean("policy.sync.update");
  private static final Pattern SECTION =
      Pattern.compile("(<!-- fields:([a-z-]+) -->\\n)(.*?)(<!-- /fields -->)", Pattern.DOTALL);

  private final Policy policy = Fixtures.shipped();
  private final TopicCatalogue catalogue = TopicCatalogue.load();

  @Test
  void theCommittedReportIsTheReportOfTheShippedPolicy() throws IOException {
    String expected = PolicyReport.build(policy, catalogue).markdown();
    if (UPDATE) {
      Files.writeString(REPORT, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(REPORT, StandardCharsets.UTF_8))
        .as("%s is stale; regenerate it as this class says", REPORT)
        .isEqualTo(expected);
  }

  @Test
  void theReadmeFieldTablesMatchThePolicyAndTheSchemas() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher m = SECTION.matcher(readme);
    StringBuilder rewritten = new StringBuilder();
    int sections = 0;
    while (m.find()) {
      sections++;
      String topic = m.group(2);
      String expected = table(policy.topic(topic));
      if (!UPDATE) {
        assertThat(m.group(3))
            .as("README field table of %s is stale; regenerate it as PolicySyncTest says", topic)
            .isEqualTo(expected);
      }
      m.appendReplacement(rewritten, Matcher.quoteReplacement(m.group(1) + expected + m.group(4)));
    }
    m.appendTail(rewritten);
    if (UPDATE) {
      Files.writeString(README, rewritten.toString(), StandardCharsets.UTF_8);
    }
    assertThat(sections)
        .as("README has a field table per governed topic")
        .isEqualTo(policy.document().topics().size());
  }

  @Test
  void everySchemaFieldIsInThePolicyAndTheOtherWayRound() {
    for (TopicRules rules : policy.document().topics().values()) {
      Schema schema = HubSchemas.schemaOf(catalogue.byId(rules.topicId()).valueClass());
      assertThat(rules.fields().keySet())
          .as(rules.topicId())
          .containsExactlyInAnyOrderElementsOf(
              schema.getFields().stream().map(Schema.Field::name).toList());
    }
  }

  private String table(TopicRules rules) {
    Schema schema = HubSchemas.schemaOf(catalogue.byId(rules.topicId()).valueClass());
    StringBuilder out =
        new StringBuilder("| field | classification | source | treatment |\n|---|---|---|---|\n");
    for (List<String> row : PolicyReport.fieldRows(rules, schema)) {
      out.append("| ")
          .append(row.get(0))
          .append(" | ")
          .append(row.get(1))
          .append(" | ")
          .append(row.get(2))
          .append(" | ")
          .append(row.get(3))
          .append(" |\n");
    }
    return out.toString();
  }
}
