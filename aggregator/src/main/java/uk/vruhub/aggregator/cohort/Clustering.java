package uk.vruhub.aggregator.cohort;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clusters a group of records into people when something in the group contradicts: a pure function
 * of the records, so the same group always gives the same people.
 *
 * <ol>
 *   <li>Records of one identity variant (same encoding, sex and home) are one node, unless they
 *       hold different identifiers of a contradicting scheme (below); a record with no encoding is
 *       a node of its own.
 *   <li>Nodes that share a strong key (an NHS number, UPN or PNC id) are joined first, whatever
 *       else they say: an identifier outranks a spelling.
 *   <li>Then every pair of nodes the matcher can compare, best score first: a pair that matches is
 *       joined unless a node on one side contradicts a node on the other (a "cannot-link"), or the
 *       two sides each hold an identifier of a scheme the rules name ({@code
 *       contradictions.identifiers}): after step 2 two sides never share one, so they hold two
 *       different NHS numbers, UPNs or PNC ids, and are two people. A contradiction of forenames
 *       alone is lifted when a node of the two sides records both forenames among its given names
 *       ("James Oliver" joins "James" and "Oliver").
 *   <li>A match whose record has no home district cannot join two sides whose home districts are
 *       known and all different: a record without an address does not make one person of two the
 *       addresses tell apart (namesakes across the county); a match made across two known districts
 *       can (a move).
 * </ol>
 *
 * A weak link that a later record contradicts is so undone: the later record's strong key joins it
 * to one side first, and the contradiction then keeps the other side apart.
 */
final class Clustering {

  private Clustering() {}

  /**
   * The people the records make, each a list of record keys in the order given; people in the order
   * of their first record.
   */
  static List<List<String>> cluster(Map<String, PersonFact> records, Matcher matcher) {
    List<List<String>> nodeRecords = new ArrayList<>();
    List<PersonFact> nodeFact = new ArrayList<>();
    // Records of one variant are one node unless their identifiers disagree: two namesakes with
    // no address, each with an NHS number, have the same variant.
    Map<IdentityVariant, List<Integer>> byVariant = new HashMap<>();
    List<Set<String>> nodeIdentifiers = new ArrayList<>();
    for (Map.Entry<String, PersonFact> r : records.entrySet()) {
      PersonFact f = r.getValue();
      List<String> ids = identifiers(f, matcher.rules());
      Integer node = null;
      if (f.encoding() != null) {
        for (int candidate : byVariant.getOrDefault(f.variant(), List.of())) {
          if (!apart(nodeIdentifiers.get(candidate), ids)) {
            node = candidate;
            break;
          }
        }
      }
      if (node == null) {
        node = nodeRecords.size();
        nodeRecords.add(new ArrayList<>());
        nodeFact.add(f);
        nodeIdentifiers.add(new java.util.HashSet<>());
        if (f.encoding() != null) {
          byVariant.computeIfAbsent(f.variant(), v -> new ArrayList<>()).add(node);
        }
      }
      nodeIdentifiers.get(node).addAll(ids);
      nodeRecords.get(node).add(r.getKey());
    }
    int n = nodeRecords.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }

    Map<String, Integer> keyHolder = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (String r : nodeRecords.get(i)) {
        for (String k : records.get(r).keys()) {
          Integer other = keyHolder.putIfAbsent(k, i);
          if (other != null) {
            union(parent, other, i);
          }
        }
      }
    }

    int[] identifiers = identifierSchemes(nodeRecords, records, matcher.rules());

    BitSet[] cannot = new BitSet[n];
    BitSet[] forenamesOnly = new BitSet[n];
    List<Object[]> matches = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      cannot[i] = new BitSet(n);
      forenamesOnly[i] = new BitSet(n);
    }
    for (int i = 0; i < n; i++) {
      IdentityVariant a = nodeFact.get(i).variant();
      if (!a.comparable()) {
        continue;
      }
      for (int j = i + 1; j < n; j++) {
        IdentityVariant b = nodeFact.get(j).variant();
        if (!b.comparable()) {
          continue;
        }
        Matcher.Comparison c = matcher.compare(a, b);
        if (c.contradiction() == Matcher.Contradiction.FORENAME) {
          forenamesOnly[i].set(j);
          forenamesOnly[j].set(i);
        } else if (c.contradiction() != null) {
          cannot[i].set(j);
          cannot[j].set(i);
        } else if (c.matches(matcher.rules())) {
          long oa = a.order();
          long ob = b.order();
          matches.add(new Object[] {c.score(), Math.min(oa, ob), Math.max(oa, ob), i, j});
        }
      }
    }
    // Best score first; ties by the variants' content, never by the order records came in.
    matches.sort(
        java.util.Comparator.comparingDouble((Object[] m) -> -(double) m[0])
            .thenComparingLong(m -> (long) m[1])
            .thenComparingLong(m -> (long) m[2]));
    for (Object[] m : matches) {
      int i = (int) m[3];
      int j = (int) m[4];
      int a = find(parent, i);
      int b = find(parent, j);
      if (a != b
          && !heldByBoth(parent, identifiers, a, b)
          && !conflict(parent, cannot, forenamesOnly, nodeFact, matcher, a, b)
          && !apartByHome(parent, nodeFact, i, j, a, b)) {
        union(parent, a, b);
      }
    }

    Map<Integer, List<String>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      byRoot.computeIfAbsent(find(parent, i), x -> new ArrayList<>()).addAll(nodeRecords.get(i));
    }
    // Records within a person, and people, in the order the records were given.
    Map<String, Integer> order = new HashMap<>();
    int k = 0;
    for (String r : records.keySet()) {
      order.put(r, k++);
    }
    List<List<String>> out = new ArrayList<>();
    for (List<String> c : byRoot.values()) {
      c.sort(java.util.Comparator.comparingInt(order::get));
      out.add(c);
    }
    out.sort(java.util.Comparator.comparingInt(c -> order.get(c.get(0))));
    return out;
  }

  /**
   * Each node's identifier schemes that contradict, as bits in the order of {@link
   * LinkageRules#IDENTIFIER_SCHEMES}.
   */
  private static int[] identifierSchemes(
      List<List<String>> nodeRecords, Map<String, PersonFact> records, LinkageRules rules) {
    int[] out = new int[nodeRecords.size()];
    for (int i = 0; i < out.length; i++) {
      for (String r : nodeRecords.get(i)) {
        out[i] |= schemeBits(identifiers(records.get(r), rules));
      }
    }
    return out;
  }

  /** The record's keys of the schemes that contradict, sorted. */
  static List<String> identifiers(PersonFact fact, LinkageRules rules) {
    Set<String> contradicting = rules.contradictions().identifiers();
    if (contradicting.isEmpty() || fact.keys().isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String key : fact.keys()) {
      int bar = key.indexOf('|');
      if (bar > 0 && contradicting.contains(key.substring(0, bar))) {
        out.add(key);
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Both hold identifier keys of one scheme and none in common: two people, whatever else they say.
   * Keys are {@code SCHEME|value}.
   */
  static boolean apart(java.util.Collection<String> a, java.util.Collection<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    for (String scheme : LinkageRules.IDENTIFIER_SCHEMES) {
      String prefix = scheme + "|";
      boolean inA = false;
      boolean inB = false;
      boolean shared = false;
      for (String k : a) {
        if (k.startsWith(prefix)) {
          inA = true;
          shared |= b.contains(k);
        }
      }
      for (String k : b) {
        inB |= k.startsWith(prefix);
      }
      if (inA && inB && !shared) {
        return true;
      }
    }
    return false;
  }

  /** The schemes of identifier keys (as {@code SCHEME|value}), as bits. */
  private static int schemeBits(List<String> identifiers) {
    int bits = 0;
    for (String key : identifiers) {
      bits |= 1 << LinkageRules.IDENTIFIER_SCHEMES.indexOf(key.substring(0, key.indexOf('|')));
    }
    return bits;
  }

  /** Both components hold an identifier of one contradicting scheme. */
  private static boolean heldByBoth(int[] parent, int[] identifiers, int rootA, int rootB) {
    int a = 0;
    int b = 0;
    for (int i = 0; i < parent.length; i++) {
      int root = find(parent, i);
      if (root == rootA) {
        a |= identifiers[i];
      } else if (root == rootB) {
        b |= identifiers[i];
      }
    }
    return (a & b) != 0;
  }

  /**
   * A node of one component contradicts a node of the other: on anything but forenames, or on
   * forenames that no node of the two components records together.
   */
  private static boolean conflict(
      int[] parent,
      BitSet[] cannot,
      BitSet[] forenamesOnly,
      List<PersonFact> nodes,
      Matcher matcher,
      int rootA,
      int rootB) {
    for (int i = 0; i < parent.length; i++) {
      if (find(parent, i) != rootA) {
        continue;
      }
      for (int j = cannot[i].nextSetBit(0); j >= 0; j = cannot[i].nextSetBit(j + 1)) {
        if (find(parent, j) == rootB) {
          return true;
        }
      }
      for (int j = forenamesOnly[i].nextSetBit(0); j >= 0; j = forenamesOnly[i].nextSetBit(j + 1)) {
        if (find(parent, j) == rootB && !explained(parent, nodes, matcher, rootA, rootB, i, j)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The two sides have home districts, none in common, and the match between them (nodes i and j)
   * has a record without one: the match cannot join them.
   */
  static boolean apartByHome(int[] parent, List<PersonFact> nodes, int i, int j, int a, int b) {
    if (nodes.get(i).homeDistrict() != null && nodes.get(j).homeDistrict() != null) {
      return false;
    }
    java.util.Set<String> da = new java.util.HashSet<>();
    java.util.Set<String> db = new java.util.HashSet<>();
    for (int k = 0; k < parent.length; k++) {
      String d = nodes.get(k).homeDistrict();
      if (d == null) {
        continue;
      }
      int root = find(parent, k);
      if (root == a) {
        da.add(d);
      } else if (root == b) {
        db.add(d);
      }
    }
    return !da.isEmpty() && !db.isEmpty() && java.util.Collections.disjoint(da, db);
  }

  /** A node of either component records the forenames of nodes i and j among its given names. */
  private static boolean explained(
      int[] parent, List<PersonFact> nodes, Matcher matcher, int rootA, int rootB, int i, int j) {
    IdentityVariant a = nodes.get(i).variant();
    IdentityVariant b = nodes.get(j).variant();
    for (int k = 0; k < parent.length; k++) {
      int root = find(parent, k);
      if ((root == rootA || root == rootB)
          && matcher.explainsForenames(nodes.get(k).variant(), a, b)) {
        return true;
      }
    }
    return false;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
