package uk.vruhub.local;

import java.util.HashMap;
import java.util.Map;

/**
 * Strings joined into groups (union-find with path compression): records the exact-key baseline
 * links, definitions nested in each other.
 */
public final class Partition {

  private final Map<String, String> parent = new HashMap<>();

  /** Makes {@code x} a member, alone unless joined already. */
  public void add(String x) {
    parent.putIfAbsent(x, x);
  }

  /** Puts {@code a} and {@code b} in one group. */
  public void join(String a, String b) {
    String ra = find(a);
    String rb = find(b);
    if (!ra.equals(rb)) {
      parent.put(rb, ra);
    }
  }

  /** Every member's group, named by one of its members (the same one for the whole group). */
  public Map<String, String> groups() {
    Map<String, String> out = new HashMap<>();
    for (String x : parent.keySet()) {
      out.put(x, find(x));
    }
    return out;
  }

  private String find(String x) {
    add(x);
    String root = x;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    while (!parent.get(x).equals(root)) {
      String next = parent.get(x);
      parent.put(x, root);
      x = next;
    }
    return root;
  }
}
