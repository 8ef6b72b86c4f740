package uk.vruhub.aggregator.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.Weapon;

/** The serious-violence definitions the hub counts under, read from YAML. */
public final class Definitions {

  /** Classpath location of the shipped definitions. */
  public static final String SHIPPED = "/uk/vruhub/aggregator/serious-violence-definitions.yaml";

  private final List<Definition> all;

  private Definitions(List<Definition> all) {
    this.all = List.copyOf(all);
  }

  /** The shipped definitions. */
  public static Definitions shipped() {
    try (InputStream in = Definitions.class.getResourceAsStream(SHIPPED)) {
      return parse(new ObjectMapper(new YAMLFactory()).readTree(in), SHIPPED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Definitions from a file. */
  public static Definitions load(Path file) {
    try {
      return parse(
          new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file)), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read definitions " + file, e);
    }
  }

  static Definitions parse(JsonNode root, String source) {
    List<Definition> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (JsonNode d : root.path("definitions")) {
      String id = d.path("id").asText();
      int version = d.path("version").asInt(0);
      if (id.isBlank() || version < 1) {
        throw new IllegalArgumentException(
            "Definitions " + source + ": every definition needs an id and a version from 1");
      }
      Definition definition =
          new Definition(
              id,
              version,
              d.path("name").asText(id),
              d.path("basis").asText(""),
              condition(d.path("condition"), source + " " + id));
      if (!keys.add(definition.key())) {
        throw new IllegalArgumentException(
            "Definitions " + source + " define " + definition.key() + " twice");
      }
      out.add(definition);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("Definitions " + source + " define nothing");
    }
    return new Definitions(out);
  }

  static Condition condition(JsonNode node, String where) {
    if (!node.isObject() || node.size() != 1) {
      throw new IllegalArgumentException(
          "Definition "
              + where
              + ": a condition is one name with its value, e.g. {place: [PUBLIC]}; got "
              + node);
    }
    Map.Entry<String, JsonNode> only = node.properties().iterator().next();
    JsonNode value = only.getValue();
    return switch (only.getKey()) {
      case "all" -> Condition.all(list(value, where));
      case "any" -> Condition.any(list(value, where));
      case "not" -> Condition.not(condition(value, where));
      case "always" -> value.asBoolean() ? Condition.always() : Condition.not(Condition.always());
      case "source" -> Condition.source(enums(Incident.Source.class, value, where));
      case "offence-codes" -> Condition.offenceCodes(strings(value, false));
      case "local-categories" -> Condition.localCategories(strings(value, true));
      case "weapon" -> Condition.weapon(enums(Weapon.class, value, where));
      case "place" -> Condition.place(enums(PlaceType.class, value, where));
      case "injury-at-least" -> Condition.injuryAtLeast(InjuryLevel.valueOf(value.asText()));
      case "domestic-abuse" -> Condition.domesticAbuse(value.asBoolean());
      case "any-person-under" -> Condition.anyPersonUnder(value.asInt());
      case "victim-under" -> Condition.victimUnder(value.asInt());
      default ->
          throw new IllegalArgumentException(
              "Definition " + where + ": unknown condition '" + only.getKey() + "'");
    };
  }

  private static List<Condition> list(JsonNode value, String where) {
    List<Condition> out = new ArrayList<>();
    value.forEach(v -> out.add(condition(v, where)));
    return out;
  }

  private static Set<String> strings(JsonNode value, boolean lowerCase) {
    Set<String> out = new HashSet<>();
    value.forEach(
        v ->
            out.add(
                lowerCase
                    ? v.asText().toLowerCase(Locale.ROOT)
                    : v.asText().toUpperCase(Locale.ROOT)));
    return Set.copyOf(out);
  }

  private static <E extends Enum<E>> Set<E> enums(Class<E> type, JsonNode value, String where) {
    Set<E> out = EnumSet.noneOf(type);
    value.forEach(
        v -> {
          try {
            out.add(Enum.valueOf(type, v.asText()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "Definition " + where + ": '" + v.asText() + "' is not a " + type.getSimpleName());
          }
        });
    return out;
  }

  /** Every definition, in the file's order. */
  public List<Definition> all() {
    return all;
  }

  /** The definition with this key ({@code id@version}) or id (its latest version). */
  public Definition get(String keyOrId) {
    Definition latest = null;
    for (Definition d : all) {
      if (d.key().equals(keyOrId)) {
        return d;
      }
      if (d.id().equals(keyOrId) && (latest == null || d.version() > latest.version())) {
        latest = d;
      }
    }
    if (latest == null) {
      throw new NoSuchElementException(
          "No serious-violence definition '"
              + keyOrId
              + "'; known: "
              + all.stream().map(Definition::key).toList());
    }
    return latest;
  }

  /**
   * For each definition ({@code id@version}), the other definitions that admit every incident it
   * admits, as far as their conditions prove it ({@link Containment}): in every hotspot cell and
   * source, its count is at most each of theirs. Definitions that admit the same incidents are
   * nested in each other. Every definition has an entry, empty when none holds it.
   */
  public Map<String, Set<String>> nestedIn() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (Definition inner : all) {
      Set<String> outers = new LinkedHashSet<>();
      for (Definition outer : all) {
        if (outer != inner && Containment.implies(inner.condition(), outer.condition())) {
          outers.add(outer.key());
        }
      }
      out.put(inner.key(), Collections.unmodifiableSet(outers));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Which definitions an incident meets, as a bit set (bit i = definition i). */
  public int membership(Incident incident) {
    int bits = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).includes(incident)) {
        bits |= 1 << i;
      }
    }
    return bits;
  }
}
