package uk.vruhub.aggregator.cohort;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import uk.vruhub.avro.common.SimilarityBlock;
import uk.vruhub.avro.common.SimilarityBlockKind;
import uk.vruhub.avro.common.SimilarityEncoding;

/**
 * A record's similarity encoding as the linkage compares it: its blocking keys and, under each, the
 * keyed Bloom filters of its given names and surname parts and the keyed hashes of its forename's
 * variant groups and its date of birth with its common slips (see {@code SimilarityEncoding.avsc};
 * made in the agency's ingest service, never reversible here).
 *
 * <p>Immutable. Two encodings are equal when every block is; {@link #fingerprint()} tells records
 * of one identity variant apart cheaply, so a person with hundreds of records spelt the same way is
 * compared once.
 *
 * @param blocks the blocks, sorted by key
 * @param fingerprint a 64-bit digest of the whole encoding
 */
record Encoding(List<Block> blocks, long fingerprint) {

  /** The only encoding version this linkage compares. */
  static final int VERSION = 1;

  /**
   * Most blocks, filters or hashes of one kind read from a record; the ingest services send fewer
   * (at most six blocks, and the most variant tokens a forename has in the shipped list is 20), so
   * more is a broken or hostile producer, and the rest is ignored rather than let one record make
   * the linkage's work unbounded.
   */
  static final int MAX_PER_KIND = 32;

  /** Longest blocking key read (the ingest services send 22 characters). */
  static final int MAX_KEY_LENGTH = 64;

  /** Bits in a filter, as four longs. */
  static final int FILTER_LONGS = 4;

  /**
   * One blocking key and the encodings salted with it.
   *
   * @param key the blocking key (base64url)
   * @param byDate the key was made from the date of birth (else from a name)
   * @param given filters of the given names, the forename first
   * @param groups hashes of the forename's variant groups, sorted
   * @param family filters of the surname parts
   * @param date hash of the date of birth, or null
   * @param dateVariants hashes of the dates one slip away, sorted
   * @param initials hashes of the given names' first letters, the forename's first, then the other
   *     given names' in order (initials included); empty from older producers
   */
  record Block(
      String key,
      boolean byDate,
      long[][] given,
      long[] groups,
      long[][] family,
      Long date,
      long[] dateVariants,
      long[] initials) {

    boolean hasForename() {
      return given.length > 0;
    }
  }

  /** The block under {@code key}, or null. */
  Block block(String key) {
    for (Block b : blocks) {
      if (b.key().equals(key)) {
        return b;
      }
    }
    return null;
  }

  /** The first block key both encodings have (in key order), or null when they share none. */
  String sharedKey(Encoding other) {
    List<Block> a = blocks;
    List<Block> b = other.blocks;
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      int c = a.get(i).key().compareTo(b.get(j).key());
      if (c == 0) {
        return a.get(i).key();
      }
      if (c < 0) {
        i++;
      } else {
        j++;
      }
    }
    return null;
  }

  /** From the Avro record; null when there is none or its version is not one this reads. */
  static Encoding of(SimilarityEncoding avro) {
    if (avro == null || avro.getVersion() != VERSION || avro.getBlocks().isEmpty()) {
      return null;
    }
    List<Block> blocks = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (SimilarityBlock b : avro.getBlocks()) {
      if (blocks.size() == MAX_PER_KIND) {
        break;
      }
      if (b.getKey() == null
          || b.getKey().isEmpty()
          || b.getKey().length() > MAX_KEY_LENGTH
          || !seen.add(b.getKey())) {
        continue;
      }
      if (b.getKind() == SimilarityBlockKind.UNKNOWN) {
        continue;
      }
      blocks.add(
          new Block(
              b.getKey(),
              b.getKind() == SimilarityBlockKind.DATE_OF_BIRTH,
              filters(b.getGivenFilters()),
              sorted(hashes(b.getVariantGroups())),
              filters(b.getFamilyFilters()),
              b.getDateHash() == null || b.getDateHash().remaining() < 8
                  ? null
                  : hash(b.getDateHash()),
              sorted(hashes(b.getDateVariants())),
              hashes(b.getGivenInitials())));
    }
    return blocks.isEmpty() ? null : of(blocks);
  }

  /** From blocks, sorted by key and fingerprinted. */
  static Encoding of(List<Block> blocks) {
    List<Block> sorted = new ArrayList<>(blocks);
    sorted.sort(java.util.Comparator.comparing(Block::key));
    long h = 1125899906842597L;
    for (Block b : sorted) {
      h = mix(h, b.key().hashCode());
      h = mix(h, b.byDate() ? 1 : 2);
      for (long[] f : b.given()) {
        h = mix(h, Arrays.hashCode(f));
      }
      h = mix(h, Arrays.hashCode(b.groups()));
      for (long[] f : b.family()) {
        h = mix(h, 31 + Arrays.hashCode(f));
      }
      h = mix(h, b.date() == null ? 7 : b.date());
      h = mix(h, Arrays.hashCode(b.dateVariants()));
      h = mix(h, 17 + Arrays.hashCode(b.initials()));
    }
    return new Encoding(List.copyOf(sorted), h);
  }

  private static long mix(long h, long v) {
    long x = (h ^ v) * 0x9E3779B97F4A7C15L;
    return x ^ (x >>> 29);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Encoding other) || other.fingerprint != fingerprint) {
      return false;
    }
    if (other.blocks.size() != blocks.size()) {
      return false;
    }
    for (int i = 0; i < blocks.size(); i++) {
      if (!sameBlock(blocks.get(i), other.blocks.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(fingerprint);
  }

  @Override
  public String toString() {
    return "Encoding[" + blocks.size() + " blocks]";
  }

  private static boolean sameBlock(Block a, Block b) {
    return a.key().equals(b.key())
        && a.byDate() == b.byDate()
        && Arrays.deepEquals(a.given(), b.given())
        && Arrays.equals(a.groups(), b.groups())
        && Arrays.deepEquals(a.family(), b.family())
        && java.util.Objects.equals(a.date(), b.date())
        && Arrays.equals(a.dateVariants(), b.dateVariants())
        && Arrays.equals(a.initials(), b.initials());
  }

  private static long[][] filters(List<ByteBuffer> filters) {
    List<long[]> out = new ArrayList<>(filters.size());
    for (ByteBuffer f : filters) {
      if (out.size() == MAX_PER_KIND) {
        break;
      }
      ByteBuffer b = f.duplicate();
      if (b.remaining() != FILTER_LONGS * 8) {
        continue;
      }
      long[] bits = new long[FILTER_LONGS];
      for (int i = 0; i < FILTER_LONGS; i++) {
        bits[i] = b.getLong();
      }
      out.add(bits);
    }
    return out.toArray(new long[0][]);
  }

  private static long[] hashes(List<ByteBuffer> hashes) {
    long[] out = new long[Math.min(hashes.size(), MAX_PER_KIND)];
    int n = 0;
    for (ByteBuffer h : hashes) {
      if (n == out.length) {
        break;
      }
      if (h.remaining() >= 8) {
        out[n++] = hash(h);
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static long hash(ByteBuffer h) {
    return h.duplicate().getLong();
  }

  private static long[] sorted(long[] values) {
    long[] out = values.clone();
    Arrays.sort(out);
    return out;
  }

  /** Dice coefficient of two filters: 2|a ∧ b| / (|a| + |b|); 0 when both are empty. */
  static double dice(long[] a, long[] b) {
    int both = 0;
    int total = 0;
    for (int i = 0; i < FILTER_LONGS; i++) {
      both += Long.bitCount(a[i] & b[i]);
      total += Long.bitCount(a[i]) + Long.bitCount(b[i]);
    }
    return total == 0 ? 0 : 2.0 * both / total;
  }

  /** The sorted arrays share a value. */
  static boolean intersect(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        return true;
      }
      if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  static void write(Encoding e, DataOutputStream out) throws IOException {
    out.writeShort(e.blocks.size());
    for (Block b : e.blocks) {
      out.writeUTF(b.key());
      out.writeBoolean(b.byDate());
      writeFilters(b.given(), out);
      writeLongs(b.groups(), out);
      writeFilters(b.family(), out);
      out.writeBoolean(b.date() != null);
      if (b.date() != null) {
        out.writeLong(b.date());
      }
      writeLongs(b.dateVariants(), out);
      writeLongs(b.initials(), out);
    }
  }

  static Encoding read(DataInputStream in) throws IOException {
    int n = in.readShort();
    List<Block> blocks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String key = in.readUTF();
      boolean byDate = in.readBoolean();
      long[][] given = readFilters(in);
      long[] groups = readLongs(in);
      long[][] family = readFilters(in);
      Long date = in.readBoolean() ? in.readLong() : null;
      long[] dateVariants = readLongs(in);
      blocks.add(new Block(key, byDate, given, groups, family, date, dateVariants, readLongs(in)));
    }
    return of(blocks);
  }

  private static void writeFilters(long[][] filters, DataOutputStream out) throws IOException {
    out.writeByte(filters.length);
    for (long[] f : filters) {
      for (long l : f) {
        out.writeLong(l);
      }
    }
  }

  private static long[][] readFilters(DataInputStream in) throws IOException {
    int n = in.readByte();
    long[][] out = new long[n][FILTER_LONGS];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < FILTER_LONGS; j++) {
        out[i][j] = in.readLong();
      }
    }
    return out;
  }

  private static void writeLongs(long[] values, DataOutputStream out) throws IOException {
    out.writeByte(values.length);
    for (long l : values) {
      out.writeLong(l);
    }
  }

  private static long[] readLongs(DataInputStream in) throws IOException {
    int n = in.readByte();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readLong();
    }
    return out;
  }
}
