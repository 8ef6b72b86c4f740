package uk.vruhub.ingest.core.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The variant groups of forenames, for the similarity encodings: a group is a name and its
 * nicknames and other forms ("john" and JACK, JON, JOHNNY...), named by that name, and a forename
 * belongs to every group it is in (ALEX is in ALEX, ALEXANDER and ALEXANDRA; JON in JOHN, JON and
 * JONATHAN), or is its own group when it is in none. Groups decide which records are compared
 * ({@link #groupsOf}); whether two forenames are forms of one name is decided by their variant
 * tokens ({@link #variantsOf}), which are finer: sharing a group is not enough when both names are
 * given names in their own right (EMILY and AMY are both in AMELIA's group, but they are two
 * names).
 *
 * <p>Read from three lists, all reference data: the public {@code nicknames/names.csv}
 * (carltonnorthern/nicknames, Apache-2.0), {@code nicknames/local-additions.csv} (British forms it
 * lacks) and {@code forename-variants.csv}, the exact match key's own list, so a name that list
 * canonicalises is always in its canonical's group too. The exact match key does not use these
 * groups: {@link NameNormaliser#firstForename} keeps its one canonical form per name.
 */
public final class ForenameGroups {

  private static final String BASE = "/uk/vruhub/ingest/core/";
  private static final ForenameGroups STANDARD = load();
  private static final TreeSet<String> EMPTY = new TreeSet<>();

  private final Map<String, List<String>> groupsByName;
  private final Map<String, List<String>> variantsByName;

  private ForenameGroups(
      Map<String, List<String>> groupsByName, Map<String, List<String>> variantsByName) {
    this.groupsByName = groupsByName;
    this.variantsByName = variantsByName;
  }

  /** The groups of the three lists above. */
  public static ForenameGroups standard() {
    return STANDARD;
  }

  /**
   * The groups a forename in normal form ({@link NameNormaliser#name}) belongs to, or the name
   * alone when it is in none; empty for an empty name. The order is one ranking of all groups, the
   * same for every name: larger groups first, then alphabetical. So two forms of a name list the
   * groups they share in the same order and, when only the first few are used (as blocking keys
   * are), tend to keep the same ones.
   */
  public List<String> groupsOf(String normalName) {
    if (normalName == null || normalName.isEmpty()) {
      return List.of();
    }
    List<String> groups = groupsByName.get(normalName);
    return groups != null ? groups : List.of(normalName);
  }

  /**
   * The variant tokens of a forename in normal form: two forenames are forms of one name when they
   * share a token. A name that heads a group of its own (a <em>formal</em> name: JOHN, EMILY,
   * AMELIA) and a name that heads none (an <em>informal</em> one: JONNY, AMY) get these tokens:
   *
   * <ul>
   *   <li>a group's head: the group's name (g), and "g|f" for each formal name f in its group;
   *   <li>an informal name in group g: g;
   *   <li>a formal name f in another's group g: "g|f".
   * </ul>
   *
   * So a head matches every form in its group (JOHN and JONNY, AMELIA and EMILY), informal forms of
   * one name match each other (BILL and WILL under WILLIAM), and two names that are only both
   * listed as forms of a third do not match when one of them is a formal name (EMILY and AMY under
   * AMELIA; JACK and IAN under JOHN): such pairs are as likely two people, twins with different
   * forenames among them, as one person called by two names. A name in no group is its own token;
   * an empty name has none. Sorted.
   */
  public List<String> variantsOf(String normalName) {
    if (normalName == null || normalName.isEmpty()) {
      return List.of();
    }
    List<String> variants = variantsByName.get(normalName);
    return variants != null ? variants : List.of(normalName);
  }

  /** How many names some group holds. */
  public int names() {
    return groupsByName.size();
  }

  private static ForenameGroups load() {
    Map<String, TreeSet<String>> groups = new HashMap<>();
    readTriples(BASE + "nicknames/names.csv", groups);
    readTriples(BASE + "nicknames/local-additions.csv", groups);
    Set<String> oneName = new HashSet<>();
    readLines(
        BASE + "forename-variants.csv",
        names -> {
          String canonical = NameNormaliser.name(names[0]);
          oneName.add(canonical);
          for (String n : names) {
            add(groups, canonical, NameNormaliser.name(n));
          }
        });
    Map<String, Integer> sizes = new HashMap<>();
    groups.values().forEach(in -> in.forEach(g -> sizes.merge(g, 1, Integer::sum)));
    Comparator<String> rank =
        Comparator.<String>comparingInt(sizes::get)
            .reversed()
            .thenComparing(Comparator.naturalOrder());
    Map<String, List<String>> out = new HashMap<>(groups.size() * 2);
    groups.forEach((name, in) -> out.put(name, in.stream().sorted(rank).toList()));
    return new ForenameGroups(Map.copyOf(out), variants(groups, oneName));
  }

  /**
   * {@link #variantsOf} for every name in a group, from each name's groups. A group of the exact
   * match key's own list ({@code oneName}: it gives all its names one key) counts every name in it
   * as informal, so all of them stay forms of one another.
   */
  private static Map<String, List<String>> variants(
      Map<String, TreeSet<String>> groups, Set<String> oneName) {
    Map<String, TreeSet<String>> members = new HashMap<>();
    groups.forEach(
        (name, in) -> in.forEach(g -> members.computeIfAbsent(g, k -> new TreeSet<>()).add(name)));
    Predicate<String> formal = name -> groups.getOrDefault(name, EMPTY).contains(name);
    Map<String, List<String>> out = new HashMap<>(groups.size() * 2);
    groups.forEach(
        (name, in) -> {
          TreeSet<String> tokens = new TreeSet<>();
          for (String g : in) {
            if (oneName.contains(g)) {
              tokens.add(g);
            } else if (g.equals(name)) {
              tokens.add(g);
              for (String member : members.get(g)) {
                if (!member.equals(g) && formal.test(member)) {
                  tokens.add(g + "|" + member);
                }
              }
            } else {
              tokens.add(formal.test(name) ? g + "|" + name : g);
            }
          }
          out.put(name, List.copyOf(tokens));
        });
    return Map.copyOf(out);
  }

  /** Rows {@code name1,has_nickname,name2}: name2 is in name1's group, and name1 in its own. */
  private static void readTriples(String resource, Map<String, TreeSet<String>> groups) {
    readLines(
        resource,
        fields -> {
          if (fields.length != 3 || !"has_nickname".equals(fields[1].trim())) {
            return; // the header, or a relationship this list does not read
          }
          String group = NameNormaliser.name(fields[0]);
          add(groups, group, group);
          add(groups, group, NameNormaliser.name(fields[2]));
        });
  }

  private static void add(Map<String, TreeSet<String>> groups, String group, String name) {
    if (group.isEmpty() || name.isEmpty()) {
      return;
    }
    groups.computeIfAbsent(name, n -> new TreeSet<>()).add(group);
  }

  private static void readLines(String resource, Consumer<String[]> row) {
    try (InputStream in = ForenameGroups.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        row.accept(line.split(","));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
