package uk.vruhub.policy.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.schemas.topics.TopicCatalogue;

/** The report shows the IG schedule of the shipped policy, in Markdown and in HTML. */
class LawfulBasisScheduleTest {

  private final Document report = PolicyReport.build(Fixtures.shipped(), TopicCatalogue.load());

  @Test
  void markdownHasOneRowPerFlowAndPerFieldWithEveryColumn() {
    String md = report.markdown();
    assertThat(md)
        .contains("## Lawful basis schedule")
        .contains(
            "| Flow (input topic) | From | Bases | Art. 6 basis | Art. 9 condition (Sch. 1) | Art."
                + " 10 condition (Sch. 1) | DPA 2018 Part 3 (Sch. 8) | Duty of confidentiality |"
                + " Statutory power |")
        .contains(
            "| health-ed-assault-attendances | Acute hospital trust (emergency department, ISTV"
                + " dataset) | health-ed-disclosure | Art. 6(1)(e) public task | Art. 9(2)(g)"
                + " substantial public interest, DPA 2018 Sch. 1 para 6 (statutory and government"
                + " purposes) | - | - | statutory gateway |")
        .contains(
            "| police-crime-events | Police force (crime records system) | police-disclosure |"
                + " Art. 6(1)(e) public task | - | Art. 10, DPA 2018 Sch. 1 para 10 (preventing or"
                + " detecting unlawful acts) | DPA 2018 Part 3, s.35(5), Sch. 8 para 1 (statutory"
                + " etc purposes) | not held in confidence |")
        .contains(
            "| cohort-profiles | riskFlags | svd-offence-data, svd-health-data | Art. 6(1)(e)"
                + " public task | Art. 9(2)(g) substantial public interest, DPA 2018 Sch. 1 para 6"
                + " (statutory and government purposes) | Art. 10, DPA 2018 Sch. 1 para 10"
                + " (preventing or detecting unlawful acts) | - | statutory gateway |");
    long fieldRows =
        md.lines()
            .filter(l -> l.startsWith("| cohort-profiles | ") && l.contains(" | Art. 6(1)(e)"))
            .count();
    assertThat(fieldRows)
        .isEqualTo(Fixtures.shipped().document().topics().get("cohort-profiles").fields().size());
  }

  @Test
  void htmlHasTheSameSchedule() {
    String html = report.html();
    assertThat(html)
        .contains("<h2>Lawful basis schedule</h2>")
        .contains("<h3>Agency-to-hub flows</h3>")
        .contains("<h3>Published fields</h3>")
        .contains("<td>health-ed-assault-attendances</td>")
        .contains("<td>statutory gateway</td>");
  }
}
