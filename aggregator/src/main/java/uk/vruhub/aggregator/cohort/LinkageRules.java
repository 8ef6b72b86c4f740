package uk.vruhub.aggregator.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The fuzzy linkage's rule, read from YAML ({@code linkage-rules.yaml}, whose comments give the
 * rationale): Fellegi-Sunter weights per field and outcome, the threshold, the Dice levels at which
 * two name filters are one name, the most people compared per block, and which contradictions block
 * a match.
 *
 * @param threshold sum of weights at or above which two records are one person
 * @param diceSame Dice at or above which two name filters are the same name
 * @param diceSlip Dice at or above which they are one name with a slip
 * @param maxBlockPeople most people compared per blocking key
 * @param weights the weights
 * @param contradictions which contradictions block a match
 */
public record LinkageRules(
    double threshold,
    double diceSame,
    double diceSlip,
    int maxBlockPeople,
    Weights weights,
    Contradictions contradictions) {

  /** Classpath location of the shipped rules. */
  public static final String SHIPPED = "/uk/vruhub/aggregator/linkage-rules.yaml";

  /** The weight of each field's outcome (log2 m/u). */
  public record Weights(
      double forenameSame,
      double forenameVariant,
      double forenameSlip,
      double middleAsForename,
      double surnameSame,
      double surnameSlip,
      double surnameDiffers,
      double dateSame,
      double dateSlip,
      double sexSame,
      double middleSame,
      double homeSameLsoa,
      double homeSameDistrict,
      double homeOtherDistrict) {}

  /**
   * Which disagreements block a match whatever the score.
   *
   * @param identifiers agency identifier schemes (of {@link #IDENTIFIER_SCHEMES}) of which two
   *     people holding different values are never joined by a match: a person has one NHS number,
   *     one UPN, one PNC id
   */
  public record Contradictions(
      boolean forename,
      boolean dateOfBirth,
      boolean sex,
      boolean middleNames,
      Set<String> identifiers) {

    public Contradictions {
      identifiers = Set.copyOf(identifiers);
    }
  }

  /**
   * The identifier schemes a contradiction may name: the agencies' own identifiers. The shipped
   * rules leave POLICE_NOMINAL out: forces record one person under two nominals often enough that
   * two nominals do not make two people.
   */
  public static final List<String> IDENTIFIER_SCHEMES =
      List.of("NHS_NUMBER", "UPN", "PNC_ID", "POLICE_NOMINAL");

  /** The shipped rules. */
  public static LinkageRules shipped() {
    try (InputStream in = LinkageRules.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException(SHIPPED + " is missing from the classpath");
      }
      return parse(new ObjectMapper(new YAMLFactory()).readTree(in), SHIPPED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rules from a file. */
  public static LinkageRules load(Path file) {
    try {
      return parse(
          new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file)), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the linkage rules " + file, e);
    }
  }

  static LinkageRules parse(JsonNode root, String source) {
    Reader r = new Reader(source);
    if (root == null || !root.isObject()) {
      throw r.refuse("", "is not a YAML mapping");
    }
    r.only(
        root,
        "",
        Set.of("version", "threshold", "dice", "max-block-people", "weights", "contradictions"));
    if (r.number(root, "version") != 1) {
      throw r.refuse("version", "must be 1");
    }
    JsonNode dice = r.object(root, "dice", Set.of("same", "slip"));
    JsonNode w =
        r.object(
            root,
            "weights",
            Set.of("forename", "surname", "date-of-birth", "sex", "middle-names", "home"));
    JsonNode forename =
        r.object(w, "weights.forename", Set.of("same", "variant", "slip", "middle-as-forename"));
    JsonNode surname = r.object(w, "weights.surname", Set.of("same", "slip", "differs"));
    JsonNode date = r.object(w, "weights.date-of-birth", Set.of("same", "slip"));
    JsonNode sex = r.object(w, "weights.sex", Set.of("same"));
    JsonNode middle = r.object(w, "weights.middle-names", Set.of("same"));
    JsonNode home =
        r.object(w, "weights.home", Set.of("same-lsoa", "same-district", "other-district"));
    JsonNode c =
        r.object(
            root,
            "contradictions",
            Set.of("forename", "date-of-birth", "sex", "middle-names", "identifiers"));
    double same = r.number(dice, "dice.same");
    double slip = r.number(dice, "dice.slip");
    if (!(slip > 0 && slip <= same && same <= 1)) {
      throw r.refuse("dice", "needs 0 < slip <= same <= 1");
    }
    double threshold = r.number(root, "threshold");
    if (threshold <= 0) {
      throw r.refuse("threshold", "must be above 0, or every pair sharing a block would link");
    }
    double people = r.number(root, "max-block-people");
    if (people < 1 || people != Math.rint(people)) {
      throw r.refuse("max-block-people", "must be a whole number of at least 1");
    }
    return new LinkageRules(
        threshold,
        same,
        slip,
        (int) people,
        new Weights(
            r.number(forename, "weights.forename.same"),
            r.number(forename, "weights.forename.variant"),
            r.number(forename, "weights.forename.slip"),
            r.number(forename, "weights.forename.middle-as-forename"),
            r.number(surname, "weights.surname.same"),
            r.number(surname, "weights.surname.slip"),
            r.number(surname, "weights.surname.differs"),
            r.number(date, "weights.date-of-birth.same"),
            r.number(date, "weights.date-of-birth.slip"),
            r.number(sex, "weights.sex.same"),
            r.number(middle, "weights.middle-names.same"),
            r.number(home, "weights.home.same-lsoa"),
            r.number(home, "weights.home.same-district"),
            r.number(home, "weights.home.other-district")),
        new Contradictions(
            r.flag(c, "contradictions.forename"),
            r.flag(c, "contradictions.date-of-birth"),
            r.flag(c, "contradictions.sex"),
            r.flag(c, "contradictions.middle-names"),
            r.schemes(c, "contradictions.identifiers", IDENTIFIER_SCHEMES)));
  }

  /** Reads keys from the tree, refusing with the file and the key's path. */
  private record Reader(String source) {

    IllegalArgumentException refuse(String path, String reason) {
      return new IllegalArgumentException(
          "Linkage rules " + source + ": " + (path.isEmpty() ? "" : path + " ") + reason);
    }

    private static String leaf(String path) {
      int dot = path.lastIndexOf('.');
      return dot < 0 ? path : path.substring(dot + 1);
    }

    void only(JsonNode node, String path, Set<String> known) {
      List<String> unknown = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!known.contains(name)) {
          unknown.add(name);
        }
      }
      if (!unknown.isEmpty()) {
        throw refuse(path, "has unknown keys " + unknown + "; known: " + known);
      }
    }

    JsonNode object(JsonNode parent, String path, Set<String> known) {
      JsonNode node = parent.get(leaf(path));
      if (node == null || !node.isObject()) {
        throw refuse(path, "is missing or not a mapping");
      }
      only(node, path, known);
      return node;
    }

    double number(JsonNode parent, String path) {
      JsonNode node = parent.get(leaf(path));
      if (node == null || !node.isNumber()) {
        throw refuse(path, "is missing or not a number");
      }
      double v = node.asDouble();
      if (!Double.isFinite(v)) {
        throw refuse(path, "is not a finite number");
      }
      return v;
    }

    /** A list of distinct names, each one of {@code allowed}; an empty list is allowed. */
    Set<String> schemes(JsonNode parent, String path, List<String> allowed) {
      JsonNode node = parent.get(leaf(path));
      if (node == null || !node.isArray()) {
        throw refuse(path, "is missing or not a list (an empty list [] names none)");
      }
      Set<String> out = new java.util.LinkedHashSet<>();
      for (JsonNode item : node) {
        if (!item.isTextual() || !allowed.contains(item.asText())) {
          throw refuse(path, "holds " + item + "; each must be one of " + allowed);
        }
        if (!out.add(item.asText())) {
          throw refuse(path, "names " + item.asText() + " twice");
        }
      }
      return out;
    }

    boolean flag(JsonNode parent, String path) {
      JsonNode node = parent.get(leaf(path));
      if (node == null || !node.isBoolean()) {
        throw refuse(path, "is missing or not true/false");
      }
      return node.asBoolean();
    }
  }
}
