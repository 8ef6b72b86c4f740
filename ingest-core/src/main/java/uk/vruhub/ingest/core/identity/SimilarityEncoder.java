package uk.vruhub.ingest.core.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import org.apache.commons.codec.language.DoubleMetaphone;
import uk.vruhub.avro.common.SimilarityBlock;
import uk.vruhub.avro.common.SimilarityBlockKind;
import uk.vruhub.avro.common.SimilarityEncoding;

/**
 * Keyed similarity encodings of a person's names and date of birth (schema {@code
 * SimilarityEncoding}, version {@value #VERSION}), so the hub can link records of one person
 * written slightly differently without any name or date leaving the ingest service. Everything is
 * HMAC-SHA256 under K = HMAC-SHA256(linkage secret, "similarity|v1"), a key of its own, so no
 * encoding can equal a match key or pseudonym.
 *
 * <ul>
 *   <li>Given names: the whitespace-separated tokens of the forenames, each normalised ({@link
 *       NameNormaliser#name}; "Mary-Jane" is one token, MARYJANE); tokens of fewer than two letters
 *       (initials) are dropped. The first kept token is the forename.
 *   <li>Surname parts: the surname split at hyphens and white space, each normalised (O'Neil is
 *       ONEIL); parts of fewer than two letters are dropped, particles kept.
 *   <li>Blocks: DATE_OF_BIRTH, keyed by HMAC(K, "block|dob|" + year + "|" + min(day, month) + "|" +
 *       max(day, month) + "|" + q), numbers in decimal, once for q = "f|" + the forename's first
 *       letter and once for q = "s|" + the Double Metaphone primary code of each of the first
 *       {@value #DATE_BLOCK_PARTS} surname parts (without "|" + q when the record has neither);
 *       NAME, for each surname part in order and then each variant group of the forename in {@link
 *       ForenameGroups}' ranking, keyed by HMAC(K, "block|name|" + group + "|" + Double Metaphone
 *       primary code of the part + "|" + year of birth), so that no key is shared population-wide.
 *       A key is the first 16 bytes in base64url without padding; repeated keys are kept once and
 *       at most {@value #MAX_BLOCKS} blocks are made, the date of birth's first. A record without a
 *       date of birth has none.
 *   <li>In each block, salted with its key b: one 256-bit Bloom filter per given name (field
 *       "given") and per surname part (field "family"), where each bigram of the name padded with
 *       '_' ("_J", "JO", "OH", "HN", "N_") sets the 8 bits numbered by the first 8 bytes of HMAC(K,
 *       "bf|" + b + "|" + field + "|" + bigram), bit i being mask 1 &lt;&lt; (i % 8) of byte i / 8;
 *       the 8-byte HMAC(K, "group|" + b + "|" + t) of each variant token t of the forename ({@link
 *       ForenameGroups#variantsOf}: its groups, but a formal name's membership of another's group
 *       as "group|name"), sorted unsigned; the 8-byte HMAC(K, "dob|" + b + "|" + ISO date) of the
 *       date of birth and of each valid date one slip from it (day and month swapped, two adjacent
 *       digits of DDMMYYYY transposed).
 * </ul>
 *
 * <p>Thread-safe: each thread has its own HMAC and scratch buffers.
 */
public final class SimilarityEncoder {

  /** The encoding version written to every record. */
  public static final int VERSION = 1;

  /** Bytes of a Bloom filter (256 bits). */
  public static final int FILTER_BYTES = 32;

  /** Bits set per bigram. */
  public static final int POSITIONS_PER_BIGRAM = 8;

  /** Most blocks a record gets. */
  public static final int MAX_BLOCKS = 6;

  /** Surname parts that split the date of birth's blocks (the rest only make name blocks). */
  public static final int DATE_BLOCK_PARTS = 2;

  /** Bytes of a group or date hash. */
  public static final int SHORT_HASH_BYTES = 8;

  /** Bytes of a blocking key before base64url. */
  public static final int BLOCK_KEY_BYTES = 16;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final byte[] GIVEN = ascii("given");
  private static final byte[] FAMILY = ascii("family");

  private final ForenameGroups groups;
  private final ThreadLocal<Scratch> scratch;

  public SimilarityEncoder(LinkageSecret secret) {
    this(secret, ForenameGroups.standard());
  }

  SimilarityEncoder(LinkageSecret secret, ForenameGroups groups) {
    this.groups = groups;
    byte[] subKey = Pseudonymiser.hmacSha256(secret.bytes()).doFinal(ascii("similarity|v1"));
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(Pseudonymiser.hmacSha256(subKey)));
  }

  /** The record's encodings, or null when it has no date of birth (so no blocking key). */
  public SimilarityEncoding encode(Identity identity) {
    LocalDate dob = identity.dateOfBirth();
    if (dob == null) {
      // Every blocking key carries the date of birth or its year: no key, no encoding.
      return null;
    }
    List<String> given = givenNames(identity.forenames());
    List<Character> initials = given.isEmpty() ? List.of() : givenInitials(identity.forenames());
    List<String> parts = surnameParts(identity.surname());
    List<String> forenameGroups = given.isEmpty() ? List.of() : groups.groupsOf(given.get(0));
    List<String> forenameVariants = given.isEmpty() ? List.of() : groups.variantsOf(given.get(0));
    Scratch s = scratch.get();

    List<SimilarityBlockKind> kinds = new ArrayList<>(MAX_BLOCKS);
    List<String> keys = new ArrayList<>(MAX_BLOCKS);
    String[] codes = new String[parts.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = s.metaphone.doubleMetaphone(parts.get(i));
    }
    // Date blocks are split by the forename's initial and by each surname part's sound: a block
    // of everyone born on one date grows with the population, and its pairs that differ in both
    // are rarely one person. A record whose forename changed (a nickname, a middle name used)
    // still meets its others under its surname, and one whose surname changed (a typo, a half
    // dropped) under its forename's initial.
    List<String> qualifiers = new ArrayList<>(1 + DATE_BLOCK_PARTS);
    if (!given.isEmpty()) {
      qualifiers.add("f|" + given.get(0).charAt(0));
    }
    for (int i = 0; i < codes.length && i < DATE_BLOCK_PARTS; i++) {
      String q = "s|" + (codes[i] == null ? "" : codes[i]);
      if (!qualifiers.contains(q)) {
        qualifiers.add(q);
      }
    }
    int day = dob.getDayOfMonth();
    int month = dob.getMonthValue();
    if (qualifiers.isEmpty()) {
      qualifiers.add(null);
    }
    for (String q : qualifiers) {
      s.start("block|dob|")
          .decimal(dob.getYear())
          .ascii('|')
          .decimal(Math.min(day, month))
          .ascii('|')
          .decimal(Math.max(day, month));
      if (q != null) {
        s.ascii('|').ascii(q);
      }
      kinds.add(SimilarityBlockKind.DATE_OF_BIRTH);
      keys.add(s.blockKey());
    }
    // Name blocks carry the year of birth: a key of forename group and surname sound alone would
    // be shared population-wide, and its frequency would point to the commonest names.
    if (!forenameGroups.isEmpty() && !parts.isEmpty()) {
      names:
      for (String code : codes) {
        for (String group : forenameGroups) {
          if (keys.size() == MAX_BLOCKS) {
            break names;
          }
          s.start("block|name|")
              .ascii(group)
              .ascii('|')
              .ascii(code == null ? "" : code)
              .ascii('|')
              .decimal(dob.getYear());
          String key = s.blockKey();
          if (!keys.contains(key)) {
            kinds.add(SimilarityBlockKind.NAME);
            keys.add(key);
          }
        }
      }
    }

    String isoDob = dob.toString();
    List<String> slips = dateVariants(dob);
    List<SimilarityBlock> blocks = new ArrayList<>(keys.size());
    for (int b = 0; b < keys.size(); b++) {
      String key = keys.get(b);
      List<ByteBuffer> givenFilters = new ArrayList<>(given.size());
      for (String name : given) {
        givenFilters.add(ByteBuffer.wrap(s.filter(key, GIVEN, name)));
      }
      List<ByteBuffer> familyFilters = new ArrayList<>(parts.size());
      for (String part : parts) {
        familyFilters.add(ByteBuffer.wrap(s.filter(key, FAMILY, part)));
      }
      byte[][] groupHashes = new byte[forenameVariants.size()][];
      for (int g = 0; g < groupHashes.length; g++) {
        groupHashes[g] =
            s.start("group|").ascii(key).ascii('|').ascii(forenameVariants.get(g)).hash8();
      }
      Arrays.sort(groupHashes, Arrays::compareUnsigned);
      List<ByteBuffer> variantGroups = new ArrayList<>(groupHashes.length);
      for (byte[] h : groupHashes) {
        variantGroups.add(ByteBuffer.wrap(h));
      }
      ByteBuffer dateHash =
          ByteBuffer.wrap(s.start("dob|").ascii(key).ascii('|').ascii(isoDob).hash8());
      List<ByteBuffer> dateVariants = new ArrayList<>(slips.size());
      for (String slip : slips) {
        dateVariants.add(
            ByteBuffer.wrap(s.start("dob|").ascii(key).ascii('|').ascii(slip).hash8()));
      }
      List<ByteBuffer> initialHashes = new ArrayList<>(initials.size());
      for (char c : initials) {
        initialHashes.add(
            ByteBuffer.wrap(s.start("initial|").ascii(key).ascii('|').ascii(c).hash8()));
      }
      blocks.add(
          new SimilarityBlock(
              kinds.get(b),
              key,
              givenFilters,
              variantGroups,
              familyFilters,
              dateHash,
              dateVariants,
              initialHashes));
    }
    return new SimilarityEncoding(VERSION, blocks);
  }

  /**
   * The given names kept: whitespace-separated tokens of the forenames in normal form, without
   * those of fewer than two letters.
   */
  static List<String> givenNames(String forenames) {
    if (forenames == null) {
      return List.of();
    }
    return tokens(NameNormaliser.latinAscii(forenames), false, 2);
  }

  /**
   * The first letters of the given names: the forename's (the first token of two letters or more)
   * first, then every other token's in order, initials included; empty when there is no forename.
   */
  static List<Character> givenInitials(String forenames) {
    if (forenames == null) {
      return List.of();
    }
    List<String> all = tokens(NameNormaliser.latinAscii(forenames), false, 1);
    int forename = -1;
    for (int i = 0; i < all.size() && forename < 0; i++) {
      if (all.get(i).length() >= 2) {
        forename = i;
      }
    }
    if (forename < 0) {
      return List.of();
    }
    List<Character> out = new ArrayList<>(all.size());
    out.add(all.get(forename).charAt(0));
    for (int i = 0; i < all.size(); i++) {
      if (i != forename) {
        out.add(all.get(i).charAt(0));
      }
    }
    return out;
  }

  /** The surname's parts kept: split at hyphens and white space, in normal form, two letters up. */
  static List<String> surnameParts(String surname) {
    if (surname == null) {
      return List.of();
    }
    return tokens(NameNormaliser.latinAscii(surname), true, 2);
  }

  private static List<String> tokens(String text, boolean splitAtHyphens, int minLength) {
    List<String> out = new ArrayList<>(3);
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || isSeparator(text.charAt(i), splitAtHyphens)) {
        if (i > start) {
          String normal = NameNormaliser.name(text.substring(start, i));
          if (normal.length() >= minLength) {
            out.add(normal);
          }
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean isSeparator(char c, boolean hyphens) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || (hyphens && (c == '-' || Character.getType(c) == Character.DASH_PUNCTUATION));
  }

  /**
   * ISO dates of the valid dates one slip from the date of birth, each once and never the date
   * itself: day and month swapped, then each transposition of two adjacent digits of DDMMYYYY.
   */
  static List<String> dateVariants(LocalDate dob) {
    List<String> out = new ArrayList<>(8);
    int day = dob.getDayOfMonth();
    int month = dob.getMonthValue();
    int year = dob.getYear();
    addIfValid(out, dob, year, day, month);
    if (year < 0 || year > 9999) {
      return out;
    }
    char[] digits = new char[8];
    digits[0] = (char) ('0' + day / 10);
    digits[1] = (char) ('0' + day % 10);
    digits[2] = (char) ('0' + month / 10);
    digits[3] = (char) ('0' + month % 10);
    for (int i = 0, y = year; i < 4; i++, y /= 10) {
      digits[7 - i] = (char) ('0' + y % 10);
    }
    for (int i = 0; i < 7; i++) {
      if (digits[i] == digits[i + 1]) {
        continue;
      }
      char[] d = digits.clone();
      d[i] = digits[i + 1];
      d[i + 1] = digits[i];
      int dd = (d[0] - '0') * 10 + (d[1] - '0');
      int mm = (d[2] - '0') * 10 + (d[3] - '0');
      int yyyy = ((d[4] - '0') * 10 + (d[5] - '0')) * 100 + (d[6] - '0') * 10 + (d[7] - '0');
      addIfValid(out, dob, yyyy, mm, dd);
    }
    return out;
  }

  private static void addIfValid(List<String> out, LocalDate dob, int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
      return;
    }
    if (year == dob.getYear() && month == dob.getMonthValue() && day == dob.getDayOfMonth()) {
      return;
    }
    String iso = LocalDate.of(year, month, day).toString();
    if (!out.contains(iso)) {
      out.add(iso);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "SimilarityEncoder[v" + VERSION + "]";
  }

  /** One thread's HMAC and buffers: the HMAC input is written as ASCII bytes, never a String. */
  private static final class Scratch {
    private final Mac mac;
    private final byte[] digest = new byte[32];
    private final DoubleMetaphone metaphone = new DoubleMetaphone();
    private byte[] input = new byte[128];
    private int length;

    Scratch(Mac mac) {
      this.mac = mac;
    }

    Scratch start(String prefix) {
      length = 0;
      return ascii(prefix);
    }

    Scratch ascii(String text) {
      ensure(text.length());
      for (int i = 0; i < text.length(); i++) {
        input[length++] = (byte) text.charAt(i);
      }
      return this;
    }

    Scratch ascii(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, input, length, bytes.length);
      length += bytes.length;
      return this;
    }

    Scratch ascii(char c) {
      ensure(1);
      input[length++] = (byte) c;
      return this;
    }

    Scratch decimal(int value) {
      return ascii(Integer.toString(value));
    }

    private void ensure(int more) {
      if (length + more > input.length) {
        input = Arrays.copyOf(input, Math.max(input.length * 2, length + more));
      }
    }

    /** HMAC of the input so far, into {@link #digest}. */
    private void digest() {
      mac.update(input, 0, length);
      try {
        mac.doFinal(digest, 0);
      } catch (ShortBufferException e) {
        throw new IllegalStateException(e);
      }
    }

    String blockKey() {
      digest();
      return BASE64URL.encodeToString(Arrays.copyOf(digest, BLOCK_KEY_BYTES));
    }

    byte[] hash8() {
      digest();
      return Arrays.copyOf(digest, SHORT_HASH_BYTES);
    }

    /** The Bloom filter of a name (A-Z) under a block key and field. */
    byte[] filter(String blockKey, byte[] field, String name) {
      byte[] bits = new byte[FILTER_BYTES];
      start("bf|").ascii(blockKey).ascii('|').ascii(field).ascii('|').ascii("__");
      int bigram = length - 2;
      int n = name.length();
      for (int i = 0; i <= n; i++) {
        input[bigram] = i == 0 ? (byte) '_' : (byte) name.charAt(i - 1);
        input[bigram + 1] = i == n ? (byte) '_' : (byte) name.charAt(i);
        digest();
        for (int p = 0; p < POSITIONS_PER_BIGRAM; p++) {
          int bit = digest[p] & 0xFF;
          bits[bit >>> 3] |= (byte) (1 << (bit & 7));
        }
      }
      return bits;
    }
  }
}
