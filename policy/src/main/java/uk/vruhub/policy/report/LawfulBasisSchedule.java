package uk.vruhub.policy.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import uk.vruhub.policy.model.FieldRule;
import uk.vruhub.policy.model.Flow;
import uk.vruhub.policy.model.LawfulBasis;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.TopicRules;

/**
 * The information-governance officer's schedule: for every agency-to-hub flow and every output
 * field that names a lawful basis, the UK GDPR Art. 6 basis, the Art. 9 or Art. 10 condition with
 * its DPA 2018 Schedule 1 paragraph, the Part 3 condition, the duty-of-confidentiality basis and
 * the statutory power.
 */
public final class LawfulBasisSchedule {

  static final List<String> COLUMNS =
      List.of(
          "Art. 6 basis",
          "Art. 9 condition (Sch. 1)",
          "Art. 10 condition (Sch. 1)",
          "DPA 2018 Part 3 (Sch. 8)",
          "Duty of confidentiality",
          "Statutory power");

  private LawfulBasisSchedule() {}

  /** Appends the schedule's section to a report. */
  static void render(PolicyDocument doc, Document out) {
    out.heading(1, "Lawful basis schedule");
    out.paragraph(
        "The lawful bases below are declared once under lawful-bases in the policy file and named"
            + " by id from each flow and field. The hub refuses to start if a flow, a level-2 field"
            + " or a sensitive field names none, or if health data lacks an Art. 9 condition and a"
            + " duty-of-confidentiality basis, or police suspect or offender data an Art. 10"
            + " condition.");
    List<String> flowHeader = new ArrayList<>(List.of("Flow (input topic)", "From", "Bases"));
    flowHeader.addAll(COLUMNS);
    List<List<String>> flows = new ArrayList<>();
    for (Flow flow : doc.flows().values()) {
      List<String> row = new ArrayList<>(List.of(flow.topicId(), nz(flow.from())));
      row.add(String.join(", ", flow.lawfulBasis()));
      row.addAll(cells(doc, flow.lawfulBasis()));
      flows.add(row);
    }
    out.heading(2, "Agency-to-hub flows");
    out.table(flowHeader, flows);

    List<String> fieldHeader = new ArrayList<>(List.of("Topic", "Field", "Bases"));
    fieldHeader.addAll(COLUMNS);
    List<List<String>> fields = new ArrayList<>();
    for (TopicRules rules : doc.topics().values()) {
      for (FieldRule rule : rules.fields().values()) {
        if (rule.lawfulBasis().isEmpty()) {
          continue;
        }
        List<String> row = new ArrayList<>(List.of(rules.topicId(), rule.field()));
        row.add(String.join(", ", rule.lawfulBasis()));
        row.addAll(cells(doc, rule.lawfulBasis()));
        fields.add(row);
      }
    }
    out.heading(2, "Published fields");
    out.table(fieldHeader, fields);

    List<List<String>> notes = new ArrayList<>();
    for (LawfulBasis b : doc.lawfulBases().values()) {
      if (b.note() != null) {
        notes.add(List.of(b.id(), b.note()));
      }
    }
    if (!notes.isEmpty()) {
      out.heading(2, "Notes on the bases");
      out.table(List.of("Basis", "Note"), notes);
    }
  }

  /** The six schedule cells for a set of bases, each the distinct values joined by "; ". */
  static List<String> cells(PolicyDocument doc, List<String> ids) {
    List<LawfulBasis> bases =
        ids.stream().map(doc.lawfulBases()::get).filter(b -> b != null).toList();
    return List.of(
        join(bases, b -> b.article6() == null ? null : b.article6().describe()),
        join(
            bases,
            b ->
                b.article9() == null
                    ? null
                    : b.article9().describe()
                        + (b.article9Schedule1() == null
                            ? ""
                            : ", " + b.article9Schedule1().describe())),
        join(
            bases,
            b ->
                b.article10Schedule1() == null
                    ? null
                    : "Art. 10, " + b.article10Schedule1().describe()),
        join(bases, b -> b.part3Schedule8() == null ? null : b.part3Schedule8().describe()),
        join(bases, b -> b.confidentiality() == null ? null : b.confidentiality().label()),
        join(bases, LawfulBasis::statutoryPower));
  }

  private static String join(List<LawfulBasis> bases, Function<LawfulBasis, String> cell) {
    List<String> values =
        bases.stream().map(cell).filter(v -> v != null && !v.isBlank()).distinct().toList();
    return values.isEmpty() ? "-" : String.join("; ", values);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
