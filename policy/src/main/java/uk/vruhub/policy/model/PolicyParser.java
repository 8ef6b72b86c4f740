package uk.vruhub.policy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.validate.PolicyException;
import uk.vruhub.policy.validate.Violation;

/**
 * Reads a policy file into a {@link PolicyDocument}. Reports every problem of form it finds (an
 * unknown key, a missing rationale, an unreadable treatment) at once, each with its place in the
 * file, rather than stopping at the first.
 */
public final class PolicyParser {

  private static final Set<String> TOP_KEYS =
      Set.of("agreement", "levels", "recipients", "retention", "topics", "lawful-bases", "flows");
  private static final Set<String> FIELD_KEYS =
      Set.of("source", "treatment", "rationale", "lawful-basis");
  private static final Pattern BAND = Pattern.compile("^(\\d{1,3})(?:-(\\d{1,3})|\\+)$");
  private static final Pattern DAYS = Pattern.compile("^(\\d{1,5})d$");

  private final List<Violation> problems = new ArrayList<>();

  private PolicyParser() {}

  /** Parses policy text; {@code source} names the file in messages. */
  public static PolicyDocument parse(byte[] bytes, String source) {
    PolicyIdentity identity;
    JsonNode root;
    try {
      identity = PolicyIdentity.of(bytes, source);
      root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
    } catch (IllegalArgumentException | IOException e) {
      throw new PolicyException(
          source,
          List.of(
              Violation.of(
                  "FILE", null, null, e.getMessage(), "Fix the file's YAML so it parses.")));
    }
    PolicyParser parser = new PolicyParser();
    PolicyDocument document = parser.document(root, identity);
    if (!parser.problems.isEmpty()) {
      throw new PolicyException(source, parser.problems);
    }
    return document;
  }

  private PolicyDocument document(JsonNode root, PolicyIdentity identity) {
    unknownKeys(root, TOP_KEYS, "the top level");
    Agreement agreement = agreement(root.path("agreement"));
    Map<Integer, LevelRules> levels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("levels").properties()) {
      LevelRules rules = level(e.getKey(), e.getValue());
      if (rules != null) {
        levels.put(rules.level(), rules);
      }
    }
    List<Recipient> recipients = new ArrayList<>();
    root.path("recipients").forEach(node -> recipients.add(recipient(node)));
    Map<String, Duration> retention = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("retention").properties()) {
      Duration d = duration(e.getValue().asText(), "retention." + e.getKey());
      if (d != null) {
        retention.put(e.getKey(), d);
      }
    }
    Map<String, TopicRules> topics = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("topics").properties()) {
      topics.put(e.getKey(), topic(e.getKey(), e.getValue()));
    }
    Map<String, LawfulBasis> lawfulBases = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("lawful-bases").properties()) {
      lawfulBases.put(e.getKey(), lawfulBasis(e.getKey(), e.getValue()));
    }
    Map<String, Flow> flows = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("flows").properties()) {
      String where = "flows." + e.getKey();
      unknownKeys(e.getValue(), Set.of("from", "lawful-basis"), where);
      flows.put(
          e.getKey(),
          new Flow(
              e.getKey(),
              text(e.getValue(), "from"),
              basisIds(e.getValue().path("lawful-basis"), where)));
    }
    return new PolicyDocument(
        identity,
        agreement,
        levels,
        List.copyOf(recipients),
        retention,
        topics,
        lawfulBases,
        flows);
  }

  private static final Set<String> BASIS_KEYS =
      Set.of(
          "article-6",
          "article-9",
          "article-10",
          "part-3",
          "confidentiality",
          "statutory-power",
          "note");

  private LawfulBasis lawfulBasis(String id, JsonNode node) {
    String where = "lawful-bases." + id;
    unknownKeys(node, BASIS_KEYS, where);
    LawfulBasis.Article6 article6 =
        letter(LawfulBasis.Article6.class, node.path("article-6"), where + ".article-6");
    JsonNode a9 = node.path("article-9");
    LawfulBasis.Article9 article9 = null;
    LawfulBasis.Schedule1 a9s1 = null;
    if (!a9.isMissingNode()) {
      unknownKeys(a9, Set.of("condition", "schedule-1"), where + ".article-9");
      article9 =
          letter(LawfulBasis.Article9.class, a9.path("condition"), where + ".article-9.condition");
      a9s1 = schedule1(a9.path("schedule-1"), where + ".article-9.schedule-1");
    }
    JsonNode a10 = node.path("article-10");
    LawfulBasis.Schedule1 a10s1 = null;
    if (!a10.isMissingNode()) {
      unknownKeys(a10, Set.of("schedule-1"), where + ".article-10");
      a10s1 = schedule1(a10.path("schedule-1"), where + ".article-10.schedule-1");
    }
    JsonNode p3 = node.path("part-3");
    LawfulBasis.Schedule8 s8 = null;
    if (!p3.isMissingNode()) {
      unknownKeys(p3, Set.of("schedule-8"), where + ".part-3");
      JsonNode para = p3.path("schedule-8");
      s8 = para.canConvertToInt() ? LawfulBasis.Schedule8.of(para.asInt()) : null;
      if (s8 == null && !para.isMissingNode()) {
        problem(
            "LAWFUL-BASIS",
            null,
            null,
            where + ".part-3.schedule-8 '" + para.asText() + "' is not a Schedule 8 paragraph",
            "Write the paragraph number, 1 to 9, e.g. `part-3: {schedule-8: 1}` for statutory"
                + " etc purposes.");
      }
    }
    LawfulBasis.Confidentiality confidentiality = null;
    JsonNode c = node.path("confidentiality");
    if (!c.isMissingNode()) {
      for (LawfulBasis.Confidentiality value : LawfulBasis.Confidentiality.values()) {
        if (value.key().equals(c.asText())) {
          confidentiality = value;
        }
      }
      if (confidentiality == null) {
        problem(
            "LAWFUL-BASIS",
            null,
            null,
            where + ".confidentiality '" + c.asText() + "' is not a known basis",
            "Use one of consent, public-interest, statutory-gateway, not-confidential.");
      }
    }
    return new LawfulBasis(
        id,
        article6,
        article9,
        a9s1,
        a10s1,
        s8,
        confidentiality,
        text(node, "statutory-power"),
        text(node, "note"));
  }

  private <E extends Enum<E>> E letter(Class<E> type, JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String text = node.asText().trim().toUpperCase(Locale.ROOT);
    for (E c : type.getEnumConstants()) {
      if (c.name().equals(text)) {
        return c;
      }
    }
    problem(
        "LAWFUL-BASIS",
        null,
        null,
        where + " '" + node.asText() + "' is not one of the article's letters",
        "Write the letter alone, e.g. `e` for Art. 6(1)(e) or `g` for Art. 9(2)(g).");
    return null;
  }

  private LawfulBasis.Schedule1 schedule1(JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    LawfulBasis.Schedule1 s =
        node.canConvertToInt() ? LawfulBasis.Schedule1.of(node.asInt()) : null;
    if (s == null) {
      List<String> known = new ArrayList<>();
      for (LawfulBasis.Schedule1 p : LawfulBasis.Schedule1.values()) {
        known.add(p.paragraph() + " (" + p.label() + ")");
      }
      problem(
          "LAWFUL-BASIS",
          null,
          null,
          where + " '" + node.asText() + "' is not a Schedule 1 paragraph the hub knows",
          "Write the paragraph number, one of " + String.join(", ", known) + ".");
    }
    return s;
  }

  private List<String> basisIds(JsonNode node, String where) {
    List<String> ids = new ArrayList<>();
    if (node.isTextual()) {
      ids.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(n -> ids.add(n.asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      problem(
          "LAWFUL-BASIS",
          null,
          null,
          where + ".lawful-basis is neither an id nor a list of ids",
          "Write `lawful-basis: <id>` or `lawful-basis: [<id>, <id>]` naming entries of"
              + " lawful-bases.");
    }
    return List.copyOf(ids);
  }

  private Agreement agreement(JsonNode node) {
    unknownKeys(
        node,
        Set.of("id", "name", "version", "effective", "review-by", "references", "approvers"),
        "agreement");
    Map<String, String> references = new LinkedHashMap<>();
    node.path("references")
        .properties()
        .forEach(e -> references.put(e.getKey(), e.getValue().asText()));
    List<Agreement.Approver> approvers = new ArrayList<>();
    node.path("approvers")
        .forEach(
            a ->
                approvers.add(
                    new Agreement.Approver(
                        a.path("role").asText(null),
                        date(a.path("approved"), "agreement.approvers.approved"))));
    return new Agreement(
        text(node, "id"),
        text(node, "name"),
        text(node, "version"),
        date(node.path("effective"), "agreement.effective"),
        date(node.path("review-by"), "agreement.review-by"),
        references,
        approvers);
  }

  private LevelRules level(String key, JsonNode node) {
    int level;
    try {
      level = Integer.parseInt(key);
    } catch (NumberFormatException e) {
      problem(
          "LEVELS", null, null, "levels." + key + " is not a level number", "Name levels 1 and 2.");
      return null;
    }
    String where = "levels." + key;
    unknownKeys(
        node,
        Set.of(
            "name",
            "meaning",
            "finest-area",
            "finest-time",
            "suppression-floor",
            "narrowest-age-band",
            "disclosure-control"),
        where);
    DisclosureControl control = null;
    if (node.has("disclosure-control")) {
      if (level == 1) {
        control = disclosureControl(node.path("disclosure-control"), where + ".disclosure-control");
      } else {
        problem(
            "LEVELS",
            null,
            null,
            where
                + ".disclosure-control is given, but disclosure control applies to level 1's"
                + " counts only",
            "Move the section under levels.1, or remove it.");
      }
    }
    return new LevelRules(
        level,
        text(node, "name"),
        text(node, "meaning"),
        enumValue(AreaLevel.class, node.path("finest-area"), where + ".finest-area"),
        enumValue(PeriodType.class, node.path("finest-time"), where + ".finest-time"),
        node.has("suppression-floor") ? node.path("suppression-floor").asInt() : null,
        node.has("narrowest-age-band") ? node.path("narrowest-age-band").asInt() : null,
        control);
  }

  private static final Set<String> DISCLOSURE_CONTROL_KEYS =
      Set.of("rounding-base", "suppress-zero", "protection-width", "revisions", "vru-area-count");

  /**
   * The value of {@code values} whose key {@code node} holds; null when the node is missing, and a
   * problem naming the keys there are when it holds none of them.
   */
  private <E> E choice(
      JsonNode node, String where, String notOne, E[] values, Function<E, String> key) {
    if (node.isMissingNode()) {
      return null;
    }
    for (E value : values) {
      if (key.apply(value).equals(node.asText())) {
        return value;
      }
    }
    problem(
        "LEVELS",
        null,
        null,
        where + " '" + node.asText() + "' " + notOne,
        "Use one of " + Arrays.stream(values).map(key).toList() + ".");
    return null;
  }

  private DisclosureControl disclosureControl(JsonNode node, String where) {
    if (!node.isObject()) {
      problem(
          "LEVELS",
          null,
          null,
          where + " is not a map of settings",
          "Write it as a map with "
              + DISCLOSURE_CONTROL_KEYS.stream().sorted().toList()
              + ", e.g. `rounding-base: 5`.");
      return null;
    }
    unknownKeys(node, DISCLOSURE_CONTROL_KEYS, where);
    Integer base = wholeNumber(node.path("rounding-base"), where + ".rounding-base");
    Integer width = wholeNumber(node.path("protection-width"), where + ".protection-width");
    JsonNode zero = node.path("suppress-zero");
    boolean suppressZero = false;
    if (!zero.isMissingNode()) {
      if (zero.isBoolean()) {
        suppressZero = zero.asBoolean();
      } else {
        problem(
            "LEVELS",
            null,
            null,
            where + ".suppress-zero '" + zero.asText() + "' is not true or false",
            "Write `suppress-zero: true` or `suppress-zero: false`.");
      }
    }
    DisclosureControl.Revisions revisions =
        choice(
            node.path("revisions"),
            where + ".revisions",
            "is not a way of publishing revisions",
            DisclosureControl.Revisions.values(),
            DisclosureControl.Revisions::key);
    DisclosureControl.VruAreaCount vruAreaCount =
        choice(
            node.path("vru-area-count"),
            where + ".vru-area-count",
            "is not something a VRU area cell counts",
            DisclosureControl.VruAreaCount.values(),
            DisclosureControl.VruAreaCount::key);
    return new DisclosureControl(
        base,
        suppressZero,
        width == null ? DisclosureControl.DEFAULT_PROTECTION_WIDTH : width,
        revisions,
        vruAreaCount);
  }

  /** A whole number, or null (with a problem when the value is there but not a whole number). */
  private Integer wholeNumber(JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.asInt();
    }
    problem(
        "LEVELS",
        null,
        null,
        where + " '" + node.asText() + "' is not a whole number",
        "Write a whole number, e.g. 5.");
    return null;
  }

  private Recipient recipient(JsonNode node) {
    unknownKeys(
        node, Set.of("id", "principal", "description", "max-level", "topics"), "recipients");
    List<String> topics = new ArrayList<>();
    node.path("topics").forEach(t -> topics.add(t.asText()));
    return new Recipient(
        text(node, "id"),
        text(node, "principal"),
        text(node, "description"),
        node.path("max-level").asInt(0),
        List.copyOf(topics));
  }

  private TopicRules topic(String topicId, JsonNode node) {
    String where = "topics." + topicId;
    unknownKeys(node, Set.of("level", "key", "fields"), where);
    List<String> key = new ArrayList<>();
    if (node.path("key").isArray()) {
      node.path("key").forEach(k -> key.add(k.asText()));
    } else if (node.path("key").isTextual()) {
      key.add(node.path("key").asText());
    }
    Map<String, FieldRule> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.path("fields").properties()) {
      String field = e.getKey();
      JsonNode f = e.getValue();
      unknownKeys(f, FIELD_KEYS, where + ".fields." + field);
      Treatment treatment = treatment(topicId, field, f.path("treatment"));
      fields.put(
          field,
          new FieldRule(
              field,
              f.path("source").asText(null),
              treatment,
              f.path("rationale").asText(null),
              basisIds(f.path("lawful-basis"), where + ".fields." + field)));
    }
    return new TopicRules(topicId, node.path("level").asInt(0), List.copyOf(key), fields);
  }

  Treatment treatment(String topic, String field, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      problem(
          "TREATMENT",
          topic,
          field,
          "the field has no treatment",
          "Add a treatment (keep, generalise-area, count, ...).");
      return null;
    }
    if (node.isObject() && node.has("derive")) {
      return derive(topic, field, node);
    }
    String kind;
    JsonNode args;
    if (node.isTextual()) {
      kind = node.asText();
      args = null;
    } else if (node.isObject() && node.size() == 1) {
      Map.Entry<String, JsonNode> only = node.properties().iterator().next();
      kind = only.getKey();
      args = only.getValue();
    } else {
      problem(
          "TREATMENT",
          topic,
          field,
          "the treatment is not one name or one name with its settings",
          "Write e.g. `treatment: keep` or `treatment: {count: {suppress-below: 5}}`.");
      return null;
    }
    switch (kind) {
      case "keep" -> {
        List<String> allowed = new ArrayList<>();
        if (args != null && !args.isArray()) {
          problem(
              "TREATMENT-ARGUMENT",
              topic,
              field,
              "keep takes no settings, only an optional list of the values it lets through, but"
                  + " it was given "
                  + args,
              "Write `treatment: keep` or `treatment: {keep: [MONTH]}`.");
          return null;
        }
        if (args != null) {
          args.forEach(a -> allowed.add(a.asText()));
        }
        return new Treatment.Keep(List.copyOf(allowed));
      }
      case "pseudonymise" -> {
        if (args == null || !args.isTextual()) {
          problem(
              "TREATMENT",
              topic,
              field,
              "pseudonymise needs the recipient it is made for",
              "Write `{pseudonymise: <recipient id>}`.");
          return null;
        }
        return new Treatment.Pseudonymise(args.asText());
      }
      case "age-band" -> {
        return ageBand(topic, field, args);
      }
      case "generalise-area" -> {
        AreaLevel level =
            args == null
                ? null
                : enumValue(
                    AreaLevel.class, args, "topics." + topic + ".fields." + field + ".treatment");
        return level == null ? null : new Treatment.GeneraliseArea(level);
      }
      case "truncate-time" -> {
        if (args != null && args.isObject()) {
          if (!settings(topic, field, "truncate-time", args, Set.of("unit-from"))) {
            return null;
          }
          if (!args.has("unit-from")) {
            problem(
                "TREATMENT",
                topic,
                field,
                "truncate-time needs a unit, or unit-from naming the field that holds it",
                "Write `{truncate-time: MONTH}` or `{truncate-time: {unit-from: periodType}}`.");
            return null;
          }
          return new Treatment.TruncateTime(null, args.path("unit-from").asText());
        }
        PeriodType unit =
            args == null
                ? null
                : enumValue(
                    PeriodType.class, args, "topics." + topic + ".fields." + field + ".treatment");
        return unit == null ? null : new Treatment.TruncateTime(unit, null);
      }
      case "count" -> {
        return count(topic, field, args);
      }
      case "top-code" -> {
        if (args == null || !args.canConvertToInt()) {
          problem(
              "TREATMENT",
              topic,
              field,
              "top-code needs the largest value to publish",
              "Write `{top-code: 10}`.");
          return null;
        }
        return new Treatment.TopCode(args.asInt());
      }
      default -> {
        problem(
            "TREATMENT",
            topic,
            field,
            "unknown treatment '" + kind + "'",
            "Use one of keep, pseudonymise, age-band, generalise-area, truncate-time, count,"
                + " top-code, derive.");
        return null;
      }
    }
  }

  private static final Set<String> COUNT_SETTINGS =
      Set.of("suppress-below", "round-to", "suppressed-as", "suppress-zero");

  private Treatment count(String topic, String field, JsonNode args) {
    if (args != null && !args.isObject()) {
      problem(
          "TREATMENT-ARGUMENT",
          topic,
          field,
          "count takes a map of settings, but it was given " + args,
          "Write `{count: {suppress-below: 5}}`, with any of "
              + COUNT_SETTINGS.stream().sorted().toList()
              + ".");
      return null;
    }
    boolean known = args == null || settings(topic, field, "count", args, COUNT_SETTINGS);
    if (args == null || !args.has("suppress-below")) {
      problem(
          "TREATMENT",
          topic,
          field,
          "count needs suppress-below",
          "Write `{count: {suppress-below: 5}}`.");
      return null;
    }
    Integer below = setting(topic, field, args, "suppress-below", 0);
    Integer roundTo = setting(topic, field, args, "round-to", 1);
    Integer suppressedAs = setting(topic, field, args, "suppressed-as", 0);
    JsonNode zero = args.path("suppress-zero");
    boolean zeroOk = zero.isMissingNode() || zero.isBoolean();
    if (!zeroOk) {
      problem(
          "TREATMENT-ARGUMENT",
          topic,
          field,
          "count setting suppress-zero is '" + zero.asText() + "', not true or false",
          "Write `suppress-zero: true` (or leave it out to publish zeros).");
    }
    boolean bad =
        !known
            || below == null
            || (args.has("round-to") && roundTo == null)
            || (args.has("suppressed-as") && suppressedAs == null)
            || !zeroOk;
    return bad ? null : new Treatment.Count(below, roundTo, suppressedAs, zero.asBoolean(false));
  }

  /**
   * A whole-number setting of a count, at least {@code min}; null when absent or wrong (wrong ones
   * are reported).
   */
  private Integer setting(String topic, String field, JsonNode args, String key, int min) {
    JsonNode value = args.path(key);
    if (value.isMissingNode()) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= min) {
      return value.asInt();
    }
    problem(
        "TREATMENT-ARGUMENT",
        topic,
        field,
        "count setting "
            + key
            + " is '"
            + value.asText()
            + "', not a whole number of at least "
            + min,
        "Write a whole number, e.g. `" + key + ": 5`.");
    return null;
  }

  /**
   * Reports every setting of a treatment that the treatment does not take (a misspelt key would
   * otherwise be ignored, and the rule it meant to set silently not applied); true when all are
   * known.
   */
  private boolean settings(
      String topic, String field, String kind, JsonNode args, Set<String> allowed) {
    boolean ok = true;
    List<String> sorted = allowed.stream().sorted().toList();
    for (String name : (Iterable<String>) args::fieldNames) {
      if (allowed.contains(name)) {
        continue;
      }
      ok = false;
      String near = nearest(name, allowed);
      problem(
          "TREATMENT-ARGUMENT",
          topic,
          field,
          "the " + kind + " treatment has no setting '" + name + "', so it would be ignored",
          (near == null ? "" : "Write '" + near + "' if that is what is meant; ")
              + kind
              + " takes only "
              + sorted
              + ".");
    }
    return ok;
  }

  /** The allowed key a misspelling most likely means, or null when none is close. */
  static String nearest(String name, Set<String> allowed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String plain = name.toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    for (String candidate : allowed.stream().sorted().toList()) {
      int d = distance(plain, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= 3 ? best : null;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private Treatment derive(String topic, String field, JsonNode node) {
    JsonNode d = node;
    String what = d.path("derive").asText("");
    for (Treatment.Derivation derivation : Treatment.Derivation.values()) {
      if (derivation.label().equals(what)) {
        Set<String> allowed =
            derivation == Treatment.Derivation.RATE_PER_10K
                ? Set.of("derive", "of", "population")
                : Set.of("derive", "of");
        boolean known = settings(topic, field, "derive: " + what, d, allowed);
        if (!d.path("of").isTextual()) {
          problem(
              "TREATMENT",
              topic,
              field,
              "derive: " + what + " needs `of:` naming the field it is derived from",
              "Write e.g. `{derive: " + what + ", of: count}`.");
          return null;
        }
        return known
            ? new Treatment.Derive(
                derivation, d.path("of").asText(null), d.path("population").asText(null))
            : null;
      }
    }
    problem(
        "TREATMENT",
        topic,
        field,
        "unknown derivation '" + what + "'",
        "Use derive: area-level, suppressed or rate-per-10k, with `of: <field>`.");
    return null;
  }

  private Treatment ageBand(String topic, String field, JsonNode args) {
    List<Treatment.Band> bands = new ArrayList<>();
    if (args == null || !args.isArray() || args.isEmpty()) {
      problem(
          "TREATMENT",
          topic,
          field,
          "age-band needs its bands",
          "Write e.g. `{age-band: [0-9, 10-17, 18-24, 25+]}`.");
      return null;
    }
    for (JsonNode b : args) {
      Matcher m = BAND.matcher(b.asText());
      if (!m.matches()) {
        problem(
            "TREATMENT",
            topic,
            field,
            "age band '" + b.asText() + "' is not like 10-17 or 25+",
            "Write bands as FROM-TO or FROM+.");
        return null;
      }
      bands.add(
          new Treatment.Band(
              Integer.parseInt(m.group(1)),
              m.group(2) == null ? null : Integer.valueOf(m.group(2)),
              b.asText()));
    }
    for (int i = 0; i < bands.size(); i++) {
      Treatment.Band band = bands.get(i);
      boolean last = i == bands.size() - 1;
      int expectedFrom =
          i == 0 ? 0 : bands.get(i - 1).to() == null ? -1 : bands.get(i - 1).to() + 1;
      if (band.from() != expectedFrom
          || (band.to() == null) != last
          || (band.to() != null && band.to() < band.from())) {
        problem(
            "TREATMENT",
            topic,
            field,
            "age bands must start at 0, follow on without gaps or overlaps, and end with an open"
                + " band like 25+",
            "Fix the bands " + args + ".");
        return null;
      }
    }
    return new Treatment.AgeBand(List.copyOf(bands));
  }

  private Duration duration(String text, String where) {
    Matcher m = DAYS.matcher(text);
    if (m.matches()) {
      return Duration.ofDays(Long.parseLong(m.group(1)));
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      problem(
          "RETENTION",
          null,
          null,
          where + " '" + text + "' is not a duration",
          "Write days like 1095d, or an ISO-8601 duration like P1095D.");
      return null;
    }
  }

  private String text(JsonNode node, String key) {
    JsonNode value = node.path(key);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private LocalDate date(JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return LocalDate.parse(node.asText());
    } catch (DateTimeParseException e) {
      problem(
          "AGREEMENT",
          null,
          null,
          where + " '" + node.asText() + "' is not a date",
          "Write dates as yyyy-MM-dd.");
      return null;
    }
  }

  private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return Enum.valueOf(type, node.asText().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        allowed.add(c.name());
      }
      problem(
          "VALUE",
          null,
          null,
          where + " '" + node.asText() + "' is not one of " + allowed,
          "Use one of " + allowed + ".");
      return null;
    }
  }

  private void unknownKeys(JsonNode node, Set<String> known, String where) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                problem(
                    "UNKNOWN-KEY",
                    null,
                    null,
                    "unknown key '" + name + "' in " + where,
                    "Use only " + known.stream().sorted().toList() + ".");
              }
            });
  }

  private void problem(String rule, String topic, String field, String problem, String fix) {
    problems.add(Violation.of(rule, topic, field, problem, fix));
  }
}
