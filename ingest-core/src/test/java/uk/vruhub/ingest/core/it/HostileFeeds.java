package uk.vruhub.ingest.core.it;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.vruhub.ingest.core.contract.Column;
import uk.vruhub.ingest.core.contract.FeedContract;

/**
 * Feeds an attacker or a broken export could send, for the tests that every refusal is clear,
 * bounded and silent about content: huge bodies generated as they are read (nothing large is
 * written to disk or held in memory by the test), and rows of canary values to look for wherever
 * the service writes anything.
 */
public final class HostileFeeds {

  private HostileFeeds() {}

  /**
   * A body of {@code size} bytes: {@code head}, then {@code body} repeated, made as it is read. It
   * counts the bytes read from it, so a test can show a refusal came after reading about the limit
   * rather than the whole body.
   */
  public static final class Generated extends InputStream {
    private final byte[] head;
    private final byte[] body;
    private final long size;
    private long position;

    public Generated(String head, String body, long size) {
      this.head = head.getBytes(StandardCharsets.UTF_8);
      this.body = body.getBytes(StandardCharsets.UTF_8);
      this.size = size;
    }

    /** Bytes read so far. */
    public long served() {
      return position;
    }

    public long size() {
      return size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - position);
      for (int i = 0; i < n; i++) {
        long p = position + i;
        buffer[offset + i] =
            p < head.length ? head[(int) p] : body[(int) ((p - head.length) % body.length)];
      }
      position += n;
      return n;
    }
  }

  /** One line of {@code bytes} bytes with no line break: a field or a header gone wild. */
  public static Generated singleLine(long bytes) {
    return new Generated("", "x", bytes);
  }

  /** A header of {@code columns} columns, {@code c,c,c,...}. */
  public static Generated wideHeader(long columns) {
    return new Generated("", "c,", columns * 2);
  }

  /**
   * A header, then a quote that is never closed and {@code bytes} of ordinary rows after it: the
   * CSV parser would read all of them as one field.
   */
  public static Generated openQuote(String header, long bytes) {
    return new Generated(header + "\n\"", "R1,M,Smith\n", bytes);
  }

  /**
   * A value for each column of the contract, in contract order, none of which may appear anywhere
   * the service writes. Each looks like what its column holds (a name, a date, an NHS number...),
   * as a real row would.
   */
  public static Map<String, String> canaries(FeedContract contract) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    for (Column column : contract.orderedColumns()) {
      String tag = Character.toString('a' + i % 26) + (char) ('a' + i / 26 % 26);
      out.put(
          column.name(),
          switch (column.type()) {
            case DATE -> String.format(Locale.ROOT, "19%02d-%02d-%02d", 31 + i, 1 + i % 12, 3 + i);
            case DATETIME ->
                String.format(
                    Locale.ROOT, "19%02d-%02d-%02d 13:%02d", 31 + i, 1 + i % 12, 3 + i, 10 + i);
            case NHS_NUMBER -> nhsNumber(943_476_500 + i);
            case POSTCODE -> "QZ" + (i % 9 + 1) + " 7W" + (char) ('A' + i % 26);
            case INTEGER -> Integer.toString(74_310_000 + i * 7);
            case UPN -> "Q" + (81_234_500_000L + i) + "Z";
            case PNC_ID -> "19/" + (7_310_000 + i) + "Q";
            default -> "Qzx" + tag + "canary" + column.name().replace("_", "");
          });
      i++;
    }
    return out;
  }

  /** The canaries as one CSV line, in contract order. */
  public static String line(Map<String, String> canaries) {
    return String.join(",", canaries.values());
  }

  /** Every canary found in {@code text}, in any letter case (headers are read lower-cased). */
  public static List<String> foundIn(String text, Map<String, String> canaries) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> found = new ArrayList<>();
    for (String canary : canaries.values()) {
      if (lower.contains(canary.toLowerCase(Locale.ROOT))) {
        found.add(canary);
      }
    }
    return found;
  }

  /** A valid NHS number (Modulus 11) starting with the nine digits of {@code nine}. */
  static String nhsNumber(int nine) {
    for (int base = nine; ; base++) {
      String digits = String.format(Locale.ROOT, "%09d", base);
      int sum = 0;
      for (int k = 0; k < 9; k++) {
        sum += (digits.charAt(k) - '0') * (10 - k);
      }
      int check = 11 - sum % 11;
      if (check == 11) {
        check = 0;
      }
      if (check != 10) {
        return digits + check;
      }
    }
  }
}
