package uk.vruhub.policy.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.model.FieldRule;
import uk.vruhub.policy.model.Flow;
import uk.vruhub.policy.model.LawfulBasis;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.TopicRules;
import uk.vruhub.schemas.Classification;
import uk.vruhub.schemas.HubSchemas;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * Checks the information-governance schedule: every named lawful basis is complete and coherent,
 * every agency-to-hub flow and every output field that needs one names one, and the bases named
 * cover what the data is.
 *
 * <ul>
 *   <li>Every basis has an Art. 6(1) basis and a statutory power; an Art. 9(2) condition has the
 *       Schedule 1 condition DPA 2018 s.10 asks for, from the right part of Schedule 1.
 *   <li>Every agency input topic in the topic spec has a flow. Police flows ({@code police-*}) need
 *       an Art. 10 condition and a Part 3 (Schedule 8) condition; health flows ({@code health-*})
 *       need an Art. 9 condition and a basis under the common-law duty of confidentiality.
 *   <li>Every field of a level-2 topic, and every field classified sensitive, names a basis. A
 *       field made from emergency department data needs Art. 9 and confidentiality; one made from
 *       police suspect or offender data needs Art. 10.
 * </ul>
 */
final class LawfulBasisRules {

  /** Input sources that carry health data (special category, held in confidence). */
  static final Set<String> HEALTH_SOURCES = Set.of(Sources.PERSON_ED_ASSAULT_ATTENDANCES);

  /** Input sources that carry criminal offence data (suspects and offenders). */
  static final Set<String> CRIMINAL_SOURCES =
      Set.of(Sources.PERSON_POLICE_SUSPECT_OR_OFFENDER_EVENTS);

  private static final String AGENCY_PACKAGE = "uk.vruhub.avro.agency.";

  private final PolicyDocument doc;
  private final TopicCatalogue catalogue;
  private final List<Violation> out = new ArrayList<>();

  private LawfulBasisRules(PolicyDocument doc, TopicCatalogue catalogue) {
    this.doc = doc;
    this.catalogue = catalogue;
  }

  /** Every violation of the schedule; empty when it is complete. */
  static List<Violation> check(PolicyDocument doc, TopicCatalogue catalogue) {
    LawfulBasisRules rules = new LawfulBasisRules(doc, catalogue);
    rules.bases();
    rules.flows();
    rules.fields();
    return List.copyOf(rules.out);
  }

  private void bases() {
    for (LawfulBasis b : doc.lawfulBases().values()) {
      String where = "lawful-bases." + b.id();
      if (b.article6() == null) {
        add(
            null,
            null,
            where + " names no UK GDPR Art. 6(1) basis",
            "Add `article-6: e` (public task) under " + where + ", or the letter relied on.");
      }
      if (blank(b.statutoryPower())) {
        add(
            null,
            null,
            where + " names no statutory power",
            "Add `statutory-power:` naming the Act and sections, e.g. Police, Crime, Sentencing"
                + " and Courts Act 2022, s.15.");
      }
      if (b.article9() != null) {
        int part = b.article9().schedule1Part();
        if (part == 0 && b.article9Schedule1() != null) {
          add(
              null,
              null,
              where + ": " + b.article9().describe() + " takes no Schedule 1 condition",
              "Remove article-9.schedule-1, or use condition g or h with its Schedule 1"
                  + " paragraph.");
        } else if (part != 0 && b.article9Schedule1() == null) {
          add(
              null,
              null,
              where + ": " + b.article9().describe() + " needs a DPA 2018 Schedule 1 condition",
              "Add `schedule-1: <paragraph>` under "
                  + where
                  + ".article-9, from Part "
                  + part
                  + " of Schedule 1 (e.g. "
                  + (part == 2 ? "6, 10 or 18" : "2")
                  + ").");
        } else if (part != 0 && b.article9Schedule1().part() != part) {
          add(
              null,
              null,
              where
                  + ": "
                  + b.article9().describe()
                  + " needs a condition from Part "
                  + part
                  + " of Schedule 1, but "
                  + b.article9Schedule1().describe()
                  + " is in Part "
                  + b.article9Schedule1().part(),
              "Use a Part " + part + " paragraph, or change the Art. 9(2) condition.");
        }
      } else if (b.article9Schedule1() != null) {
        add(
            null,
            null,
            where + ".article-9 names a Schedule 1 condition but no Art. 9(2) condition",
            "Add `condition: g` (or the letter relied on) under " + where + ".article-9.");
      }
    }
  }

  private void flows() {
    for (TopicSpec spec : catalogue.all()) {
      if (!spec.valueClass().getName().startsWith(AGENCY_PACKAGE)) {
        continue;
      }
      Flow flow = doc.flows().get(spec.id());
      if (flow == null || flow.lawfulBasis().isEmpty()) {
        add(
            spec.id(),
            null,
            "the flow of " + spec.id() + " from its agency to the hub names no lawful basis",
            "Add `" + spec.id() + ": {from: <agency>, lawful-basis: <id>}` under flows.");
        continue;
      }
      List<LawfulBasis> bases = resolve(flow.lawfulBasis(), spec.id(), null, "flows." + spec.id());
      String where = "flows." + spec.id();
      if (spec.id().startsWith("police-")) {
        require(
            bases,
            b -> b.article10Schedule1() != null,
            spec.id(),
            null,
            where,
            "criminal offence data needs a UK GDPR Art. 10 condition",
            "`article-10: {schedule-1: 10}` (preventing or detecting unlawful acts)");
        require(
            bases,
            b -> b.part3Schedule8() != null,
            spec.id(),
            null,
            where,
            "the police's own law-enforcement processing needs a DPA 2018 Part 3 condition",
            "`part-3: {schedule-8: 1}` (statutory etc purposes, s.35(5))");
      }
      if (spec.id().startsWith("health-")) {
        requireHealth(bases, spec.id(), null, where);
      }
    }
    for (Flow flow : doc.flows().values()) {
      boolean known =
          catalogue.all().stream()
              .anyMatch(
                  s ->
                      s.id().equals(flow.topicId())
                          && s.valueClass().getName().startsWith(AGENCY_PACKAGE));
      if (!known) {
        add(
            flow.topicId(),
            null,
            "flows." + flow.topicId() + " is not an agency input topic of the topic spec",
            "Name flows by the input topic ids of topics.yaml (police-crime-events, ...).");
      }
    }
  }

  private void fields() {
    for (TopicRules rules : doc.topics().values()) {
      Schema schema;
      try {
        schema = HubSchemas.schemaOf(catalogue.byId(rules.topicId()).valueClass());
      } catch (RuntimeException e) {
        continue; // an unknown topic is reported by PolicyValidator
      }
      for (FieldRule rule : rules.fields().values()) {
        Schema.Field field = schema.getField(rule.field());
        boolean sensitive =
            field != null
                && Classification.of(field).filter(c -> c == Classification.SENSITIVE).isPresent();
        boolean health = rule.source() != null && HEALTH_SOURCES.contains(rule.source());
        boolean criminal = rule.source() != null && CRIMINAL_SOURCES.contains(rule.source());
        String where = "topics." + rules.topicId() + ".fields." + rule.field();
        if (rule.lawfulBasis().isEmpty()) {
          if (rules.level() == 2 || sensitive || health || criminal) {
            add(
                rules.topicId(),
                rule.field(),
                "the field is "
                    + (rules.level() == 2 ? "published at level 2" : "sensitive")
                    + " but names no lawful basis",
                "Add `lawful-basis: <id>` to " + where + ", naming an entry of lawful-bases.");
          }
          continue;
        }
        List<LawfulBasis> bases = resolve(rule.lawfulBasis(), rules.topicId(), rule.field(), where);
        if (health) {
          requireHealth(bases, rules.topicId(), rule.field(), where);
        }
        if (criminal) {
          require(
              bases,
              b -> b.article10Schedule1() != null,
              rules.topicId(),
              rule.field(),
              where,
              "suspect or offender data is criminal offence data and needs a UK GDPR Art. 10"
                  + " condition",
              "`article-10: {schedule-1: 10}` (preventing or detecting unlawful acts)");
        }
      }
    }
  }

  private void requireHealth(List<LawfulBasis> bases, String topic, String field, String where) {
    require(
        bases,
        b -> b.article9() != null,
        topic,
        field,
        where,
        "health data is special-category data and needs a UK GDPR Art. 9(2) condition",
        "`article-9: {condition: g, schedule-1: 6}` (substantial public interest, statutory"
            + " purposes)");
    require(
        bases,
        b -> b.confidentiality() != null,
        topic,
        field,
        where,
        "health data is held in confidence and needs a basis under the common-law duty of"
            + " confidentiality",
        "`confidentiality: statutory-gateway` (or public-interest, consent)");
  }

  private void require(
      List<LawfulBasis> bases,
      java.util.function.Predicate<LawfulBasis> has,
      String topic,
      String field,
      String where,
      String what,
      String write) {
    if (bases.stream().noneMatch(has)) {
      add(
          topic,
          field,
          where + ": " + what + ", and none of its lawful bases gives one",
          "Add "
              + write
              + " to one of its lawful bases ("
              + String.join(", ", bases.stream().map(LawfulBasis::id).toList())
              + "), or name one that has it.");
    }
  }

  private List<LawfulBasis> resolve(List<String> ids, String topic, String field, String where) {
    List<LawfulBasis> bases = new ArrayList<>();
    for (String id : ids) {
      LawfulBasis b = doc.lawfulBases().get(id);
      if (b == null) {
        add(
            topic,
            field,
            where + " names lawful basis '" + id + "', which lawful-bases does not declare",
            "Declare it under lawful-bases, or use one of " + doc.lawfulBases().keySet() + ".");
      } else {
        bases.add(b);
      }
    }
    return bases;
  }

  private void add(String topic, String field, String problem, String fix) {
    out.add(Violation.of("LAWFUL-BASIS", topic, field, problem, fix));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
