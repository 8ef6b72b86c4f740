package uk.vruhub.policy.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.Sources;
import uk.vruhub.policy.enforce.Periods;
import uk.vruhub.policy.model.DisclosureControl;
import uk.vruhub.policy.model.FieldRule;
import uk.vruhub.policy.model.LevelRules;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.policy.model.TopicRules;
import uk.vruhub.policy.model.Treatment;
import uk.vruhub.schemas.Classification;
import uk.vruhub.schemas.HubSchemas;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * Checks a policy against the Avro schemas, the topic spec and the rules of its levels. Every
 * problem is reported, each naming the topic, the field, the rule and the fix; an empty list means
 * the hub may enforce the policy.
 */
public final class PolicyValidator {

  private final TopicCatalogue catalogue;
  private final List<Violation> out = new ArrayList<>();
  private PolicyDocument doc;

  private PolicyValidator(TopicCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** Every violation in the policy; empty when it may be enforced. */
  public static List<Violation> validate(PolicyDocument document, TopicCatalogue catalogue) {
    PolicyValidator validator = new PolicyValidator(catalogue);
    validator.doc = document;
    validator.agreement();
    validator.levels();
    validator.recipients();
    validator.retention();
    validator.topics();
    validator.auditTopics();
    validator.out.addAll(LawfulBasisRules.check(document, catalogue));
    return List.copyOf(validator.out);
  }

  private void agreement() {
    var a = doc.agreement();
    if (blank(a.name()) || a.effective() == null) {
      add(
          "AGREEMENT",
          null,
          null,
          "the agreement has no name or no effective date",
          "Fill in agreement.name and agreement.effective (yyyy-MM-dd).");
    }
    if (a.approvers().isEmpty()
        || a.approvers().stream().anyMatch(p -> blank(p.role()) || p.approved() == null)) {
      add(
          "AGREEMENT",
          null,
          null,
          "the agreement lists no approvers, or an approver without a role or approval date",
          "List each approver's role and the date they approved it under agreement.approvers.");
    }
  }

  private void levels() {
    LevelRules l1 = doc.levels().get(1);
    LevelRules l2 = doc.levels().get(2);
    if (l1 == null
        || l1.finestArea() == null
        || l1.finestTime() == null
        || l1.suppressionFloor() == null) {
      add(
          "LEVELS",
          null,
          null,
          "level 1 needs finest-area, finest-time and suppression-floor",
          "Define all three under levels.1.");
    } else if (l1.suppressionFloor() < 2) {
      add(
          "LEVELS",
          null,
          null,
          "level 1's suppression-floor is " + l1.suppressionFloor() + ", which hides nothing",
          "Set levels.1.suppression-floor to at least 3 (5 is usual).");
    }
    if (l2 == null
        || l2.finestArea() == null
        || l2.finestTime() == null
        || l2.narrowestAgeBand() == null) {
      add(
          "LEVELS",
          null,
          null,
          "level 2 needs finest-area, finest-time and narrowest-age-band",
          "Define all three under levels.2.");
    }
    if (l1 != null && l1.disclosureControl() != null) {
      disclosureControl(l1.disclosureControl());
    } else if (l1 != null) {
      add(
          "L1-DISCLOSURE-CONTROL",
          null,
          null,
          "level 1 has no disclosure-control section, so its counts would be protected by"
              + " suppression alone, and hidden counts are found by subtracting published ones"
              + " (COMBINED less POLICE is HEALTH; a revision from 7 to 8 is one event)",
          "Add under levels.1: `disclosure-control: {rounding-base: 5, suppress-zero: true,"
              + " protection-width: 2, revisions: on-rounded-change, vru-area-count:"
              + " unlocated-only}`, and `round-to: 5, suppress-zero: true` to every level-1"
              + " count.");
    }
    for (int level : doc.levels().keySet()) {
      if (level != 1 && level != 2) {
        add(
            "LEVELS",
            null,
            null,
            "level " + level + " is not a level the hub knows",
            "Keep levels 1 and 2 only; personal data never leaves the ingest services.");
      }
    }
  }

  /**
   * The section's rules, and what every section must hold: without rounding, hidden zeros and a VRU
   * area that is no total over its areas, hidden counts are recovered by subtraction (each of the
   * three is shown by {@code hub quality --attack} and {@code SubtractionAttackTest}), and the hub
   * suppresses around nothing else.
   */
  private void disclosureControl(DisclosureControl dc) {
    String where = "levels.1.disclosure-control";
    if (dc.roundingBase() == null) {
      add(
          "L1-DISCLOSURE-CONTROL",
          null,
          null,
          where
              + " has no rounding-base, so shown counts are exact: a hidden HEALTH count is the"
              + " COMBINED count less the POLICE count, and a revision from 7 to 8 shows one event",
          "Add `rounding-base: 5` to the section and `round-to: 5` to every level-1 count.");
    }
    if (!dc.suppressZero()) {
      add(
          "L1-DISCLOSURE-CONTROL",
          null,
          null,
          where
              + ".suppress-zero is not true, so a shown 0 beside hidden counts tells they are at"
              + " least 1, and several under a hidden total are pinned by adding them up",
          "Set `suppress-zero: true` in the section and on every level-1 count.");
    }
    if (dc.vruAreaCount() != DisclosureControl.VruAreaCount.UNLOCATED_ONLY) {
      add(
          "L1-DISCLOSURE-CONTROL",
          null,
          null,
          where
              + ".vru-area-count is "
              + dc.vruAreaCount().key()
              + (dc.vruAreaCount() == DisclosureControl.VruAreaCount.ALL_EVENTS
                  ? " (also when the key is left out)"
                  : "")
              + ", so a VRU area's cell is a total over its areas' cells: in a small table the"
              + " total less the shown areas bounds the hidden ones, however each is rounded (a"
              + " total shown as 15 over two areas shown as 10 leaves 0 or 1 for a third)",
          "Set `vru-area-count: unlocated-only`: the VRU area's cells then count only the events"
              + " with no known location, which no area's cell counts.");
    }
    if (dc.protectionWidth() < 1) {
      add(
          "L1-DISCLOSURE-CONTROL",
          null,
          null,
          where
              + ".protection-width is "
              + dc.protectionWidth()
              + ", which lets an attacker work a hidden count out exactly",
          "Set protection-width to at least 1 (2, the default, means at least three values stay"
              + " possible).");
    }
    if (dc.roundingBase() != null && dc.roundingBase() < 1) {
      add(
          "L1-DISCLOSURE-CONTROL",
          null,
          null,
          where + ".rounding-base is " + dc.roundingBase() + ", which is not a rounding base",
          "Set rounding-base to a whole number of at least 2 (5 is usual).");
    } else if (dc.roundingBase() != null && dc.roundingBase() - 1 < dc.protectionWidth()) {
      add(
          "L1-DISCLOSURE-CONTROL",
          null,
          null,
          where
              + ".rounding-base is "
              + dc.roundingBase()
              + ", so a shown count is known to within "
              + (dc.roundingBase() - 1)
              + ", and a hidden count worked out by subtracting shown counts from a shown total"
              + " can be pinned to an interval narrower than protection-width "
              + dc.protectionWidth(),
          "Set rounding-base to at least " + (dc.protectionWidth() + 1) + " (5 is usual).");
    }
    if (dc.revisions() != null && dc.roundingBase() == null) {
      add(
          "L1-DISCLOSURE-CONTROL",
          null,
          null,
          where
              + ".revisions is "
              + dc.revisions().key()
              + ", which is safe only when counts are rounded, but the section sets no"
              + " rounding-base (a count revised from 7 to 8 shows exactly one event)",
          "Add `rounding-base: 5` to the section and `round-to: 5` to every level-1 count.");
    }
  }

  private void recipients() {
    Set<String> ids = new HashSet<>();
    for (Recipient r : doc.recipients()) {
      if (blank(r.id()) || !ids.add(r.id())) {
        add(
            "RECIPIENT",
            null,
            null,
            "recipient id '" + r.id() + "' is missing or used twice",
            "Give every recipient a unique id.");
        continue;
      }
      if (blank(r.principal()) || !r.principal().startsWith("User:")) {
        add(
            "RECIPIENT",
            null,
            null,
            "recipient '" + r.id() + "' has principal '" + r.principal() + "'",
            "Write the Kafka principal as User:<name>.");
      }
      if (r.maxLevel() != 1 && r.maxLevel() != 2) {
        add(
            "RECIPIENT",
            null,
            null,
            "recipient '" + r.id() + "' has max-level " + r.maxLevel(),
            "Set max-level to 1 or 2.");
      }
      for (String topic : r.topics()) {
        TopicRules rules = doc.topics().get(topic);
        if (!Sources.governedTopics().contains(topic) || rules == null) {
          add(
              "RECIPIENT",
              topic,
              null,
              "recipient '" + r.id() + "' lists a topic that is not a published output",
              "List only " + Sources.governedTopics() + ".");
        } else if (rules.level() > r.maxLevel()) {
          add(
              "RECIPIENT",
              topic,
              null,
              "recipient '"
                  + r.id()
                  + "' may receive level "
                  + r.maxLevel()
                  + " but the topic is level "
                  + rules.level(),
              "Remove the topic from the recipient, or raise its max-level if the agreement allows"
                  + " it.");
        }
      }
    }
  }

  private void retention() {
    for (TopicSpec topic : catalogue.all()) {
      if (!doc.retention().containsKey(topic.id())) {
        add(
            "RETENTION",
            topic.id(),
            null,
            "no retention is set for the topic",
            "Add `" + topic.id() + ": <days>d` under retention.");
      }
    }
    for (String id : doc.retention().keySet()) {
      if (catalogue.all().stream().noneMatch(t -> t.id().equals(id))) {
        add(
            "RETENTION",
            id,
            null,
            "retention names a topic the topic spec does not have",
            "Remove it or correct the topic id.");
      }
    }
  }

  private void topics() {
    for (String topic : Sources.governedTopics()) {
      if (!doc.topics().containsKey(topic)) {
        add(
            "TOPIC-MISSING",
            topic,
            null,
            "the topic is published but the policy does not cover it",
            "Add topics." + topic + " with an entry for every field.");
      }
    }
    for (TopicRules rules : doc.topics().values()) {
      if (!Sources.governedTopics().contains(rules.topicId())) {
        add(
            "TOPIC-UNKNOWN",
            rules.topicId(),
            null,
            "the policy covers a topic the hub does not publish",
            "Use one of " + Sources.governedTopics() + ".");
        continue;
      }
      TopicSpec spec = catalogue.byId(rules.topicId());
      LevelRules level = doc.levels().get(rules.level());
      if (level != null
          && (level.finestArea() == null
              || level.finestTime() == null
              || (rules.level() == 1 && level.suppressionFloor() == null)
              || (rules.level() == 2 && level.narrowestAgeBand() == null))) {
        continue; // The incomplete level is reported once under LEVELS.
      }
      if (level == null || !spec.level().equals(Integer.toString(rules.level()))) {
        add(
            "TOPIC-LEVEL",
            rules.topicId(),
            null,
            "the policy gives level "
                + rules.level()
                + " but the topic spec publishes it at level "
                + spec.level(),
            "Make the policy's level match the topic spec (" + spec.level() + ").");
        continue;
      }
      new TopicCheck(rules, spec, level).run();
    }
  }

  private void auditTopics() {
    for (TopicSpec spec : catalogue.all()) {
      if (!"audit".equals(spec.level())) {
        continue;
      }
      HubSchemas.fieldsByPath(HubSchemas.schemaOf(spec.valueClass()))
          .forEach(
              (path, field) -> {
                if (Classification.of(field).orElse(null) != Classification.TECHNICAL) {
                  add(
                      "AUDIT-FIELDS",
                      spec.id(),
                      path,
                      "an audit topic may hold technical facts only, but this field is "
                          + field.getProp(Classification.PROPERTY),
                      "Remove the field from the audit schema.");
                }
              });
    }
  }

  private final class TopicCheck {
    private final TopicRules rules;
    private final TopicSpec spec;
    private final LevelRules level;
    private final Schema value;
    private final String topic;

    TopicCheck(TopicRules rules, TopicSpec spec, LevelRules level) {
      this.rules = rules;
      this.spec = spec;
      this.level = level;
      this.value = HubSchemas.schemaOf(spec.valueClass());
      this.topic = rules.topicId();
    }

    void run() {
      for (Schema.Field field : value.getFields()) {
        if (!rules.fields().containsKey(field.name())) {
          add(
              "FIELD-MISSING",
              topic,
              field.name(),
              "the schema has this field but the policy has no entry for it, so the hub could not"
                  + " build the record",
              "Add an entry with a source, a treatment and a rationale, or remove the field from"
                  + " the schema.");
        }
      }
      boolean anyCount = false;
      for (FieldRule rule : rules.fields().values()) {
        Schema.Field field = value.getField(rule.field());
        if (field == null) {
          add(
              "FIELD-UNKNOWN",
              topic,
              rule.field(),
              "the schema " + value.getName() + " has no such field",
              "Remove the entry or correct the field name.");
          continue;
        }
        if (rule.treatment() == null) {
          continue;
        }
        anyCount |= rule.treatment() instanceof Treatment.Count && Sources.isCount(rule.source());
        field(rule, field);
      }
      key();
      if (rules.level() == 1) {
        if (!anyCount) {
          add(
              "L1-RECORD-LEVEL",
              topic,
              null,
              "a level 1 topic must publish counts, but no field has a count treatment on a source"
                  + " that counts events or people, so its rows would describe records",
              "Publish aggregates: give the count fields ("
                  + String.join(", ", Sources.countSources(topic))
                  + ") `"
                  + suggestedCount()
                  + "`.");
        }
        nestedPeriods();
        for (Schema.Field f : value.getFields()) {
          if (Classification.of(f).orElse(null) == Classification.LINKAGE) {
            add(
                "L1-LINKAGE",
                topic,
                f.name(),
                "a level 1 topic may not carry a pseudonym or linkage field",
                "Remove the field from the schema; level 1 holds aggregates only.");
          }
        }
      }
    }

    /**
     * Two published period types of which a shorter period can lie wholly inside a longer one (the
     * weeks wholly inside a month, a quarter's months) make every longer cell at least the sum of
     * the shorter cells inside it, and exactly their sum where they tile it (a quarter and its
     * months). Counts rounded one by one do not survive such a sum: two weeks shown as 10 (so at
     * least 8 each) inside a month shown as 15 (so at most 17) leave at most 1 for a hidden third,
     * and the same bound passes through the sources (a hidden HEALTH month is the COMBINED month
     * less the POLICE month, which those weeks hold up). The hub does not suppress around nested
     * periods, so a level 1 topic publishes periods of which none lies inside another. A bare
     * {@code keep} keeps every type. Decided on the field's source (the cell's period type), not
     * its name, and on the calendar, not on the names of the types.
     */
    private void nestedPeriods() {
      for (FieldRule rule : rules.fields().values()) {
        if (!Sources.CELL_PERIOD_TYPE.equals(rule.source())
            || !(rule.treatment() instanceof Treatment.Keep keep)) {
          continue;
        }
        List<PeriodType> kept = new ArrayList<>();
        if (keep.allowed().isEmpty()) {
          kept.addAll(List.of(PeriodType.values()));
        }
        for (String name : keep.allowed()) {
          try {
            kept.add(PeriodType.valueOf(name));
          } catch (IllegalArgumentException e) {
            // Reported by the type check of the field itself.
          }
        }
        for (PeriodType shorter : kept) {
          for (PeriodType longer : kept) {
            if (!Periods.nests(shorter, longer)) {
              continue;
            }
            boolean tiles = Periods.tiles(shorter, longer);
            add(
                "L1-NESTED-PERIODS",
                topic,
                rule.field(),
                "both "
                    + shorter
                    + " and "
                    + longer
                    + " are published, and "
                    + (tiles
                        ? "every " + longer + " is a run of whole " + shorter + " periods"
                        : "a " + shorter + " can lie wholly inside a " + longer)
                    + ", so "
                    + (tiles ? "its count is the sum of theirs" : "its count is at least theirs")
                    + ": with it published, a hidden "
                    + shorter
                    + " count is bounded by subtracting the shown ones, whatever the rounding (two"
                    + " shown as 10 inside one shown as 15 leave at most 1 for a third)",
                "Keep one of "
                    + shorter
                    + " and "
                    + longer
                    + (keep.allowed().isEmpty() ? " (`{keep: [MONTH]}`)" : "")
                    + "; no level 1 topic may publish a period that lies inside another it"
                    + " publishes.");
          }
        }
      }
    }

    private void field(FieldRule rule, Schema.Field field) {
      String name = rule.field();
      Treatment t = rule.treatment();
      Classification classification = Classification.of(field).orElse(null);
      if (blank(rule.rationale())) {
        add(
            "RATIONALE",
            topic,
            name,
            "the field has no rationale",
            "Say why the field is needed, in words a recipient would understand.");
      }
      if (t instanceof Treatment.Derive d) {
        if (rule.source() != null) {
          add(
              "SOURCE",
              topic,
              name,
              "a derived field takes no source",
              "Remove `source:`; the value is derived from " + d.of() + ".");
        }
        derived(name, d, field);
        return;
      }
      if (rule.source() == null) {
        add(
            "SOURCE",
            topic,
            name,
            "the field has no source",
            "Name one of " + Sources.forTopic(topic) + ".");
      } else if (!Sources.forTopic(topic).contains(rule.source())) {
        add(
            "SOURCE",
            topic,
            name,
            "unknown source '" + rule.source() + "'",
            "Use one of " + Sources.forTopic(topic) + ".");
      }
      countFit(rule, t);
      typeFit(name, t, field.schema());
      classificationFit(rule, t, field, classification);
      levelFit(rule, t, classification);
    }

    /**
     * Counts are recognised by what their source is, never by the field's name: at level 1 every
     * source that counts events or people must be published through a count treatment (so the floor
     * and the disclosure-control rules apply to it), and a count treatment is for such sources only
     * (on anything else it would hide nothing that matters, and would let a topic of kept counts
     * pass as aggregate).
     */
    private void countFit(FieldRule rule, Treatment t) {
      Sources.ValueKind kind = Sources.kindOf(rule.source()).orElse(null);
      if (kind == null) {
        return; // An unknown source is reported under SOURCE.
      }
      if (rules.level() == 1 && kind.isCount() && !(t instanceof Treatment.Count)) {
        add(
            "L1-COUNT",
            topic,
            rule.field(),
            "its source "
                + rule.source()
                + " is "
                + kind.label()
                + ", but it is published as '"
                + t.describe()
                + "', so small numbers would be shown",
            "Give the field `"
                + suggestedCount()
                + "` (a count treatment with suppress-below at least the level 1 floor "
                + level.suppressionFloor()
                + "), or publish another source.");
      }
      if (t instanceof Treatment.Count && !kind.isCount()) {
        add(
            "COUNT-SOURCE",
            topic,
            rule.field(),
            "it has a count treatment, but its source "
                + rule.source()
                + " is "
                + kind.label()
                + ", not a count of events or people",
            "Publish a count source ("
                + String.join(", ", Sources.countSources(topic))
                + ") with the count treatment, or treat "
                + rule.source()
                + " as what it is (keep, top-code, ...).");
      }
    }

    private void derived(String name, Treatment.Derive d, Schema.Field field) {
      FieldRule of = rules.fields().get(d.of());
      if (of == null) {
        add(
            "DERIVE",
            topic,
            name,
            "it is derived from '" + d.of() + "', which the policy does not publish",
            "Derive it from a field of this topic.");
        return;
      }
      if (d.derivation() != Treatment.Derivation.AREA_LEVEL
          && of.treatment() instanceof Treatment.Count
          && Sources.kindOf(of.source()).isPresent() // an unknown one is reported under SOURCE
          && !Sources.isCount(of.source())) {
        add(
            "DERIVE",
            topic,
            name,
            "it is derived from '"
                + d.of()
                + "', whose source "
                + of.source()
                + " is not a count of events or people",
            "Derive it `of:` a field with a count treatment on one of "
                + Sources.countSources(topic)
                + ".");
      }
      switch (d.derivation()) {
        case AREA_LEVEL -> {
          if (!(of.treatment() instanceof Treatment.GeneraliseArea)
              || !AvroTypes.isEnumNamed(field.schema(), AreaLevel.getClassSchema().getFullName())) {
            add(
                "DERIVE",
                topic,
                name,
                "area-level must be an AreaLevel field derived from a generalised area",
                "Derive it `of:` a field with a generalise-area treatment.");
          }
        }
        case SUPPRESSED -> {
          if (!(of.treatment() instanceof Treatment.Count)
              || !AvroTypes.isBoolean(field.schema())) {
            add(
                "DERIVE",
                topic,
                name,
                "suppressed must be a boolean derived from a count",
                "Derive it `of:` a field with a count treatment.");
          }
        }
        case RATE_PER_10K -> {
          if (!(of.treatment() instanceof Treatment.Count)
              || !AvroTypes.isDouble(field.schema())
              || !AvroTypes.nullable(field.schema())) {
            add(
                "DERIVE",
                topic,
                name,
                "rate-per-10k must be an optional double derived from a count",
                "Derive it `of:` a count, so the rate is withheld whenever the count is.");
          }
          if (d.population() == null
              || !Sources.forTopic(topic).contains(d.population())
              || Sources.kindOf(d.population()).orElse(null) != Sources.ValueKind.POPULATION) {
            add(
                "DERIVE",
                topic,
                name,
                "rate-per-10k needs a population source",
                "Add `population: " + Sources.CELL_POPULATION + "`.");
          }
        }
      }
    }

    private void typeFit(String name, Treatment t, Schema schema) {
      boolean fits;
      if (t instanceof Treatment.Keep k) {
        fits =
            k.allowed().isEmpty()
                || (AvroTypes.isEnum(schema)
                    && AvroTypes.base(schema).getEnumSymbols().containsAll(k.allowed()));
      } else if (t instanceof Treatment.Pseudonymise
          || t instanceof Treatment.GeneraliseArea
          || t instanceof Treatment.AgeBand) {
        fits = AvroTypes.isString(schema);
      } else if (t instanceof Treatment.TruncateTime) {
        fits = AvroTypes.isDate(schema);
      } else if (t instanceof Treatment.Count c) {
        fits = AvroTypes.isInt(schema) && (AvroTypes.nullable(schema) || c.suppressedAs() != null);
      } else if (t instanceof Treatment.TopCode) {
        fits = AvroTypes.isInt(schema);
      } else {
        fits = true;
      }
      if (!fits) {
        add(
            "TREATMENT-TYPE",
            topic,
            name,
            "treatment '"
                + t.describe()
                + "' does not fit a field of type "
                + AvroTypes.describe(schema),
            t instanceof Treatment.Count
                ? "Counts need an int field that is optional (null when hidden), or `suppressed-as:"
                    + " 0`."
                : "Choose a treatment made for "
                    + AvroTypes.describe(schema)
                    + " values, or change the schema.");
      }
    }

    private void classificationFit(
        FieldRule rule, Treatment t, Schema.Field field, Classification c) {
      if (c == null) {
        return;
      }
      String name = rule.field();
      switch (c) {
        case LINKAGE -> {
          if (!(t instanceof Treatment.Pseudonymise)) {
            add(
                "CLASSIFICATION",
                topic,
                name,
                "a linkage field may only be published as a recipient-specific pseudonym, never as"
                    + " it is",
                "Use `{pseudonymise: <recipient id>}`.");
          }
        }
        case QUASI -> {
          boolean generalised =
              t instanceof Treatment.GeneraliseArea
                  || t instanceof Treatment.TruncateTime
                  || t instanceof Treatment.AgeBand;
          boolean categorical =
              t instanceof Treatment.Keep && AvroTypes.isCategorical(field.schema());
          if (!generalised && !categorical) {
            add(
                "CLASSIFICATION",
                topic,
                name,
                "a quasi-identifier must be generalised (generalise-area, truncate-time or"
                    + " age-band), but it is '"
                    + t.describe()
                    + "'",
                "Generalise it; only categorical quasi-identifiers such as sex may be kept as they"
                    + " are.");
          }
        }
        case SENSITIVE -> {
          if (!(t instanceof Treatment.Keep
              || t instanceof Treatment.TopCode
              || t instanceof Treatment.Count)) {
            add(
                "CLASSIFICATION",
                topic,
                name,
                "a sensitive field may be kept, top-coded or counted, but it is '"
                    + t.describe()
                    + "'",
                "Use keep, top-code or count.");
          }
        }
        case DESCRIPTIVE -> {
          if (t instanceof Treatment.Pseudonymise) {
            add(
                "CLASSIFICATION",
                topic,
                name,
                "a descriptive field is not an identifier to pseudonymise",
                "Use keep.");
          }
        }
        case TECHNICAL -> {
          if (!(t instanceof Treatment.Keep)) {
            add(
                "CLASSIFICATION",
                topic,
                name,
                "a technical field is published as it is",
                "Use keep.");
          }
        }
      }
    }

    private void levelFit(FieldRule rule, Treatment t, Classification c) {
      String name = rule.field();
      if (t instanceof Treatment.GeneraliseArea g
          && g.level().ordinal() < level.finestArea().ordinal()) {
        add(
            "L" + rules.level() + "-AREA",
            topic,
            name,
            "areas are published at "
                + g.level()
                + ", finer than level "
                + rules.level()
                + " allows ("
                + level.finestArea()
                + ")",
            "Generalise to " + level.finestArea() + " or coarser.");
      }
      if (t instanceof Treatment.TruncateTime tt) {
        List<PeriodType> units =
            tt.unit() != null ? List.of(tt.unit()) : periodsNamedBy(tt.unitFrom(), name);
        for (PeriodType unit : units) {
          if (unit.ordinal() < level.finestTime().ordinal()) {
            add(
                "L" + rules.level() + "-TIME",
                topic,
                name,
                "dates are published by "
                    + unit
                    + ", finer than level "
                    + rules.level()
                    + " allows ("
                    + level.finestTime()
                    + ")",
                "Truncate to " + level.finestTime() + " or coarser.");
          }
        }
      }
      if (t instanceof Treatment.Count count
          && rules.level() == 1
          && count.suppressBelow() < level.suppressionFloor()) {
        add(
            "L1-SUPPRESSION",
            topic,
            name,
            "counts are hidden below "
                + count.suppressBelow()
                + ", but the agreement's floor for level 1 is "
                + level.suppressionFloor(),
            "Set suppress-below to " + level.suppressionFloor() + " or more.");
      }
      if (t instanceof Treatment.Count count
          && rules.level() == 1
          && level.disclosureControl() != null) {
        disclosure(name, count, level.disclosureControl());
      }
      if (rules.level() == 2 && t instanceof Treatment.AgeBand bands) {
        for (Treatment.Band band : bands.bands()) {
          if (band.width() != null && band.width() < level.narrowestAgeBand()) {
            add(
                "L2-AGE",
                topic,
                name,
                "age band "
                    + band.label()
                    + " spans "
                    + band.width()
                    + " years, narrower than level 2 allows ("
                    + level.narrowestAgeBand()
                    + ")",
                "Widen the band to at least " + level.narrowestAgeBand() + " years.");
          }
        }
      }
      if (rules.level() == 2 && c == Classification.SENSITIVE && blank(rule.condition())) {
        add(
            "L2-CONDITION",
            topic,
            name,
            "a sensitive field at level 2 must name the legal condition it is shared under",
            "Add `lawful-basis: <id>` naming an entry of lawful-bases with the Art. 9(2) or Art. 10"
                + " condition and DPA 2018 Schedule 1 paragraph the agreement relies on.");
      }
    }

    /** The count treatment this level asks for, as it is written in the policy file. */
    private String suggestedCount() {
      DisclosureControl dc = level.disclosureControl();
      return "{count: {suppress-below: "
          + level.suppressionFloor()
          + (dc == null || dc.roundingBase() == null || dc.roundingBase() < 1
              ? ""
              : ", round-to: " + dc.roundingBase())
          + (dc != null && dc.suppressZero() ? ", suppress-zero: true" : "")
          + "}}";
    }

    private void disclosure(String name, Treatment.Count count, DisclosureControl dc) {
      Integer base = dc.roundingBase();
      if (base != null && base >= 1) {
        if (count.roundTo() == null) {
          add(
              "L1-ROUNDING",
              topic,
              name,
              "shown counts are not rounded, but levels.1.disclosure-control.rounding-base is "
                  + base
                  + (count.suppressedAs() == null
                      ? ""
                      : " (a count whose hidden values are shown as "
                          + count.suppressedAs()
                          + " is still a count and is rounded too)"),
              "Add `round-to: " + base + "` to the field's count treatment.");
        } else if (count.roundTo() % base != 0) {
          add(
              "L1-ROUNDING",
              topic,
              name,
              "shown counts are rounded to the nearest "
                  + count.roundTo()
                  + ", which is not a multiple of levels.1.disclosure-control.rounding-base "
                  + base,
              "Set round-to to " + base + " or a multiple of it (" + 2 * base + ", ...).");
        }
        if (count.suppressedAs() != null && count.suppressedAs() % base != 0) {
          add(
              "L1-ROUNDING",
              topic,
              name,
              "hidden counts are shown as "
                  + count.suppressedAs()
                  + ", which is not a multiple of rounding-base "
                  + base
                  + ", so a shown "
                  + count.suppressedAs()
                  + " is both unrounded and readable as a real count",
              "Set suppressed-as to 0.");
        }
      }
      if (dc.suppressZero() && !count.suppressZero()) {
        add(
            "L1-SUPPRESS-ZERO",
            topic,
            name,
            "zeros are published, but levels.1.disclosure-control requires suppress-zero, so"
                + " hidden counts next to a shown 0 are known to be at least 1 and can be pinned by"
                + " adding them up",
            "Add `suppress-zero: true` to the field's count treatment.");
      }
      int lowest = count.suppressZero() ? 0 : 1;
      int width = count.suppressBelow() - 1 - lowest;
      if (width < dc.protectionWidth()) {
        add(
            "L1-PROTECTION",
            topic,
            name,
            "a hidden count is known to be "
                + lowest
                + " to "
                + (count.suppressBelow() - 1)
                + ", an interval of width "
                + width
                + ", narrower than levels.1.disclosure-control.protection-width "
                + dc.protectionWidth(),
            "Raise suppress-below to at least "
                + (dc.protectionWidth() + 1 + lowest)
                + (count.suppressZero() ? "" : ", or add `suppress-zero: true`")
                + ".");
      } else if (count.roundTo() != null
          && count.roundTo() >= 1
          && dc.suppressZero()
          && out.stream().noneMatch(v -> topic.equals(v.topic()) && name.equals(v.field()))) {
        // Only a treatment with nothing else wrong: its other faults have their own fixes.
        sumAttack(name, count, dc.protectionWidth());
      }
    }

    /**
     * A rounding that survives one count by itself may not survive a sum: a shown part and a shown
     * total over it (COMBINED = POLICE + HEALTH) bound the hidden part between them, and whether
     * that leaves protection-width depends on how the rounding falls against the threshold.
     */
    private void sumAttack(String name, Treatment.Count count, int protectionWidth) {
      SumAttack.Narrowest n = SumAttack.narrowest(count);
      if (n.width() >= protectionWidth) {
        return;
      }
      List<Integer> safe = new ArrayList<>();
      for (int base = 2; base <= 20; base++) {
        Treatment.Count other =
            new Treatment.Count(
                count.suppressBelow(), base, count.suppressedAs(), count.suppressZero());
        if (SumAttack.narrowest(other).width() >= protectionWidth) {
          safe.add(base);
        }
      }
      add(
          "L1-ROUNDING",
          topic,
          name,
          "counts hidden below "
              + count.suppressBelow()
              + " and rounded to the nearest "
              + count.roundTo()
              + " do not survive a sum: a count of "
              + n.part()
              + " (shown as "
              + count.rounded(n.part())
              + ") beside a total of "
              + (n.part() + n.hidden())
              + " (shown as "
              + count.rounded(n.part() + n.hidden())
              + ") leaves "
              + (n.lo() == n.hi() ? "exactly " + n.lo() : n.lo() + " to " + n.hi())
              + " for the hidden part, narrower than levels.1.disclosure-control.protection-width "
              + protectionWidth,
          safe.isEmpty()
              ? "Raise suppress-below; no rounding from 2 to 20 protects this threshold."
              : "Round to one of "
                  + safe.stream().limit(6).map(String::valueOf).toList()
                  + (safe.size() > 6 ? " (or more)" : "")
                  + " with this threshold (5 is usual), here and in rounding-base.");
    }

    private List<PeriodType> periodsNamedBy(String unitFrom, String name) {
      FieldRule source = rules.fields().get(unitFrom);
      if (source == null
          || !(source.treatment() instanceof Treatment.Keep k)
          || k.allowed().isEmpty()) {
        add(
            "L" + rules.level() + "-TIME",
            topic,
            name,
            "dates are truncated to the period named by '"
                + unitFrom
                + "', but that field does not list the periods it may hold",
            "Give " + unitFrom + " a treatment like `{keep: [MONTH]}`.");
        return List.of();
      }
      List<PeriodType> out = new ArrayList<>();
      for (String p : k.allowed()) {
        try {
          out.add(PeriodType.valueOf(p));
        } catch (IllegalArgumentException e) {
          // Reported by the type check of the period field itself.
        }
      }
      return out;
    }

    private void key() {
      if (rules.key().isEmpty()) {
        add(
            "KEY",
            topic,
            null,
            "the topic has no key",
            "Name the fields the key is made of under `key:`.");
        return;
      }
      for (String k : rules.key()) {
        if (!rules.fields().containsKey(k)) {
          add(
              "KEY",
              topic,
              k,
              "the key names a field the policy does not publish",
              "Key only on published fields.");
        }
      }
      if (spec.avroKey()) {
        Schema key = HubSchemas.schemaOf(spec.keyClass());
        List<String> keyFields = key.getFields().stream().map(Schema.Field::name).toList();
        if (!keyFields.equals(rules.key())) {
          add(
              "KEY",
              topic,
              null,
              "the key "
                  + rules.key()
                  + " does not match the key schema "
                  + key.getName()
                  + " "
                  + keyFields,
              "List exactly " + keyFields + " under key.");
        }
      } else if (rules.key().size() != 1) {
        add(
            "KEY",
            topic,
            null,
            "the topic has string keys, so its key is one field",
            "Name one field under key.");
      }
      if (rules.level() == 2 && rules.key().size() == 1) {
        FieldRule person = rules.fields().get(rules.key().get(0));
        if (person == null || !(person.treatment() instanceof Treatment.Pseudonymise p)) {
          add(
              "L2-PERSON-KEY",
              topic,
              rules.key().get(0),
              "a level 2 topic must be keyed by a recipient-specific pseudonym, never the hub's"
                  + " internal linkage key",
              "Give the key field `{pseudonymise: <recipient id>}`.");
        } else {
          Recipient r =
              doc.recipients().stream()
                  .filter(x -> p.recipient().equals(x.id()))
                  .findFirst()
                  .orElse(null);
          if (r == null || r.maxLevel() < 2 || !r.topics().contains(topic)) {
            add(
                "L2-RECIPIENT",
                topic,
                person.field(),
                "the key is pseudonymised for '"
                    + p.recipient()
                    + "', which is not a recipient allowed level 2 data from this topic",
                "Pseudonymise for a recipient with max-level 2 that lists " + topic + ".");
          }
        }
      }
    }
  }

  private void add(String rule, String topic, String field, String problem, String fix) {
    out.add(Violation.of(rule, topic, field, problem, fix));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
