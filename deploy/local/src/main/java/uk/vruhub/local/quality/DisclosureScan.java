package uk.vruhub.local.quality;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Looks for identifiers in raw bytes. Bytes are read one to one as Latin-1 characters and the
 * identifiers as their UTF-8 bytes the same way, so any byte sequence matches exactly.
 *
 * <p>Keyed hashes and blocking keys (base64url, 43 and 22 characters) are random text in which
 * short names occur by chance ("Amy_Ho8U..." is a blocking key, and '_' is no letter); runs of
 * {@value #RANDOM_RUN} or more base64url characters, the shortest keyed value the hub writes, are
 * therefore blanked before the search, and a name only counts when it stands on its own (no letter
 * or digit either side), as a published field value would. Binary fields (the similarity encodings'
 * Bloom filters and hashes) are random bytes too, in which a three-letter name between two
 * non-letters turned up in about one quality run in twelve; so a hit also has to stand as text
 * does: the whole of an Avro string (preceded by its length), the whole value scanned, or inside a
 * run of printable text at least {@value #TEXT_CONTEXT} characters longer than itself ("Tyler Cox",
 * {@code "surname":"Cox"}).
 */
public final class DisclosureScan {

  /** The shortest run of base64url characters blanked as random: a blocking key's length. */
  static final int RANDOM_RUN = 22;

  /** Printable characters beside an identifier that make it text rather than chance bytes. */
  static final int TEXT_CONTEXT = 4;

  private final Trie trie;
  private final Map<String, String> kinds;
  private final Map<String, Long> hits = new TreeMap<>();
  private final Set<String> examples = new HashSet<>();
  private long bytesScanned;

  /**
   * @param identifiers each identifier string and its kind (name, date of birth, ...)
   */
  public DisclosureScan(Map<String, String> identifiers) {
    this.kinds = Map.copyOf(latin1Keys(identifiers));
    this.trie = Trie.builder().addKeywords(kinds.keySet()).build();
  }

  private static Map<String, String> latin1Keys(Map<String, String> identifiers) {
    Map<String, String> out = new java.util.HashMap<>();
    identifiers.forEach(
        (id, kind) ->
            out.put(
                new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                kind));
    return out;
  }

  /** Scans one byte array (a key, a value or a header). */
  public void scan(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return;
    }
    bytesScanned += bytes.length;
    char[] text = new String(bytes, StandardCharsets.ISO_8859_1).toCharArray();
    blankLongTokens(text);
    String s = new String(text);
    Collection<Emit> emits = trie.parseText(s);
    for (Emit e : emits) {
      int before = e.getStart() - 1;
      int after = e.getEnd() + 1;
      if ((before >= 0 && Character.isLetterOrDigit(s.charAt(before)))
          || (after < s.length() && Character.isLetterOrDigit(s.charAt(after)))
          || !standsAsText(s, e.getStart(), e.getEnd())) {
        continue;
      }
      String kind = kinds.get(e.getKeyword());
      hits.merge(kind, 1L, Long::sum);
      if (examples.size() < 5) {
        examples.add(kind);
      }
    }
  }

  /**
   * The hit {@code [start, end]} is an Avro string of its own (the byte before it is its zig-zag
   * length), the whole text, or lies in a run of printable characters at least {@link
   * #TEXT_CONTEXT} longer than itself.
   */
  private static boolean standsAsText(String s, int start, int end) {
    int length = end - start + 1;
    if (start > 0 && length < 64 && s.charAt(start - 1) == 2 * length) {
      return true;
    }
    int left = start;
    while (left > 0 && printable(s.charAt(left - 1))) {
      left--;
    }
    int right = end;
    while (right < s.length() - 1 && printable(s.charAt(right + 1))) {
      right++;
    }
    return (left == 0 && right == s.length() - 1) || right - left + 1 >= length + TEXT_CONTEXT;
  }

  private static boolean printable(char c) {
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
  }

  private static void blankLongTokens(char[] text) {
    int start = -1;
    for (int i = 0; i <= text.length; i++) {
      boolean token =
          i < text.length
              && (Character.isLetterOrDigit(text[i]) || text[i] == '-' || text[i] == '_')
              && text[i] < 128;
      if (token && start < 0) {
        start = i;
      } else if (!token && start >= 0) {
        if (i - start >= RANDOM_RUN) {
          for (int j = start; j < i; j++) {
            text[j] = ' ';
          }
        }
        start = -1;
      }
    }
  }

  /** Identifiers found, by kind. */
  public Map<String, Long> hits() {
    return Map.copyOf(hits);
  }

  public long total() {
    return hits.values().stream().mapToLong(Long::longValue).sum();
  }

  public long bytesScanned() {
    return bytesScanned;
  }
}
