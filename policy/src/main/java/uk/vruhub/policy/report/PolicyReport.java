package uk.vruhub.policy.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.model.Agreement;
import uk.vruhub.policy.model.FieldRule;
import uk.vruhub.policy.model.LevelRules;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.policy.model.TopicRules;
import uk.vruhub.schemas.Classification;
import uk.vruhub.schemas.HubSchemas;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * The whole policy as a reader needs it: the agreement, the levels, who receives what, retention,
 * and for every published topic each field's level, classification, source, treatment and
 * rationale.
 */
public final class PolicyReport {

  private PolicyReport() {}

  public static Document build(Policy policy, TopicCatalogue catalogue) {
    PolicyDocument doc = policy.document();
    Agreement a = doc.agreement();
    Document out = new Document("Information-sharing policy: " + a.name());
    out.paragraph(
        "This report is generated from the policy file the hub enforces (`policy report`). Policy"
            + " id "
            + a.id()
            + ", version "
            + a.version()
            + ", SHA-256 "
            + policy.identity().sha256()
            + ". Every published record carries these three values in its Kafka headers.");

    out.heading(1, "Agreement");
    List<List<String>> agreement = new ArrayList<>();
    agreement.add(List.of("Effective", String.valueOf(a.effective())));
    agreement.add(List.of("Review by", a.reviewBy() == null ? "not set" : a.reviewBy().toString()));
    a.references().forEach((k, v) -> agreement.add(List.of(k, v)));
    for (Agreement.Approver approver : a.approvers()) {
      agreement.add(List.of("Approved by", approver.role() + " on " + approver.approved()));
    }
    out.table(List.of("Item", "Value"), agreement);

    out.heading(1, "Levels");
    List<List<String>> levels = new ArrayList<>();
    for (LevelRules l : doc.levels().values()) {
      String rules =
          "areas no finer than "
              + l.finestArea()
              + "; dates no finer than "
              + l.finestTime()
              + (l.suppressionFloor() == null
                  ? ""
                  : "; counts of 1 to " + (l.suppressionFloor() - 1) + " always hidden")
              + (l.narrowestAgeBand() == null
                  ? ""
                  : "; age bands at least " + l.narrowestAgeBand() + " years wide")
              + (l.disclosureControl() == null ? "" : "; " + l.disclosureControl().describe());
      levels.add(List.of(Integer.toString(l.level()), l.name(), l.meaning(), rules));
    }
    out.table(List.of("Level", "Name", "Meaning", "Rules the hub enforces"), levels);

    out.heading(1, "Recipients");
    List<List<String>> recipients = new ArrayList<>();
    for (Recipient r : doc.recipients()) {
      recipients.add(
          List.of(
              r.id(),
              r.principal(),
              Integer.toString(r.maxLevel()),
              String.join(", ", r.topics()),
              r.description()));
    }
    out.table(
        List.of("Recipient", "Kafka principal", "Highest level", "Topics", "Who"), recipients);

    out.heading(1, "Retention");
    List<List<String>> retention = new ArrayList<>();
    for (Map.Entry<String, java.time.Duration> e : doc.retention().entrySet()) {
      retention.add(
          List.of(e.getKey(), catalogue.byId(e.getKey()).name(), e.getValue().toDays() + " days"));
    }
    out.table(List.of("Topic", "Kafka topic", "Kept for"), retention);

    LawfulBasisSchedule.render(doc, out);

    for (TopicRules rules : doc.topics().values()) {
      TopicSpec spec = catalogue.byId(rules.topicId());
      Schema schema = HubSchemas.schemaOf(spec.valueClass());
      out.heading(1, "Topic " + rules.topicId() + " (" + spec.name() + "), level " + rules.level());
      out.paragraph(
          spec.description()
              + " Keyed by "
              + String.join(", ", rules.key())
              + ". Read by: "
              + String.join(
                  ", ",
                  doc.recipients().stream()
                      .filter(r -> r.topics().contains(rules.topicId()))
                      .map(Recipient::id)
                      .toList())
              + ".");
      out.table(
          List.of("Field", "Classification", "Source", "Treatment", "Rationale", "Lawful basis"),
          fieldRows(rules, schema));
    }

    out.heading(1, "What each recipient receives");
    for (Recipient r : doc.recipients()) {
      List<List<String>> rows = new ArrayList<>();
      for (String topic : r.topics()) {
        TopicRules rules = doc.topics().get(topic);
        rows.add(
            List.of(
                topic,
                Integer.toString(rules.level()),
                String.join(", ", rules.fields().keySet())));
      }
      out.heading(2, r.id() + " (" + r.principal() + ")");
      out.table(List.of("Topic", "Level", "Fields"), rows);
    }
    return out;
  }

  /** One row per field: name, classification, source, treatment, rationale, lawful bases. */
  public static List<List<String>> fieldRows(TopicRules rules, Schema schema) {
    List<List<String>> rows = new ArrayList<>();
    for (FieldRule rule : rules.fields().values()) {
      Schema.Field field = schema.getField(rule.field());
      String classification =
          field == null ? "?" : Classification.of(field).map(Classification::label).orElse("?");
      rows.add(
          List.of(
              rule.field(),
              classification,
              rule.source() == null ? "derived" : rule.source(),
              rule.treatment() == null ? "?" : rule.treatment().describe(),
              rule.rationale() == null ? "" : rule.rationale(),
              rule.condition() == null ? "" : rule.condition()));
    }
    return rows;
  }
}
