package uk.vruhub.ingest.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.common.SimilarityBlock;
import uk.vruhub.avro.common.SimilarityBlockKind;
import uk.vruhub.avro.common.SimilarityEncoding;

class SimilarityEncoderTest {

  static final LinkageSecret OTHER_SECRET =
      new LinkageSecret(
          "another-partnership-secret-of-32-bytes+".getBytes(StandardCharsets.UTF_8), "lk-other");

  private final SimilarityEncoder encoder = new SimilarityEncoder(PseudonymiserTest.SECRET);

  private static Identity person(String forenames, String surname, String dob) {
    return new Identity(
        surname,
        forenames,
        dob == null ? null : LocalDate.parse(dob),
        "M",
        null,
        null,
        null,
        null,
        null);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** Dice coefficient of two Bloom filters: 2|A and B| / (|A| + |B|). */
  static double dice(ByteBuffer a, ByteBuffer b) {
    byte[] x = bytes(a);
    byte[] y = bytes(b);
    int both = 0;
    int bits = 0;
    for (int i = 0; i < x.length; i++) {
      both += Integer.bitCount(x[i] & y[i] & 0xFF);
      bits += Integer.bitCount(x[i] & 0xFF) + Integer.bitCount(y[i] & 0xFF);
    }
    return 2.0 * both / bits;
  }

  /** The encoding of a person of these names and date of birth (ISO), under the test secret. */
  private SimilarityEncoding encoded(String forenames, String surname, String dateOfBirth) {
    return encoder.encode(person(forenames, surname, dateOfBirth));
  }

  private static SimilarityBlock block(SimilarityEncoding e, SimilarityBlockKind kind) {
    return e.getBlocks().stream().filter(b -> b.getKind() == kind).findFirst().orElseThrow();
  }

  private static SimilarityBlock blockWithKey(SimilarityEncoding e, String key) {
    return e.getBlocks().stream().filter(b -> b.getKey().equals(key)).findFirst().orElseThrow();
  }

  /** The blocking keys two encodings share, in the first one's order. */
  private static List<String> sharedKeys(SimilarityEncoding a, SimilarityEncoding b) {
    List<String> shared = new ArrayList<>(keys(a));
    shared.retainAll(keys(b));
    return shared;
  }

  private static Set<String> keys(SimilarityEncoding e) {
    Set<String> out = new LinkedHashSet<>();
    e.getBlocks().forEach(b -> out.add(b.getKey()));
    return out;
  }

  /** Every hash and filter of the encoding, as hex. */
  private static Set<String> allBytes(SimilarityEncoding e) {
    Set<String> out = new HashSet<>();
    for (SimilarityBlock b : e.getBlocks()) {
      List<ByteBuffer> all = new ArrayList<>();
      all.addAll(b.getGivenFilters());
      all.addAll(b.getFamilyFilters());
      all.addAll(b.getVariantGroups());
      all.addAll(b.getDateVariants());
      all.addAll(b.getGivenInitials());
      if (b.getDateHash() != null) {
        all.add(b.getDateHash());
      }
      all.forEach(x -> out.add(java.util.HexFormat.of().formatHex(bytes(x))));
    }
    return out;
  }

  @Test
  void givenNamesAreWhitespaceTokensWithoutInitials() {
    assertThat(SimilarityEncoder.givenNames("Mary-Jane  J. Ann\tZoë"))
        .containsExactly("MARYJANE", "ANN", "ZOE");
    assertThat(SimilarityEncoder.givenNames("j robert")).containsExactly("ROBERT");
    assertThat(SimilarityEncoder.givenNames("A. B.")).isEmpty();
    assertThat(SimilarityEncoder.givenNames("Łukasz\u00A0Søren"))
        .containsExactly("LUKASZ", "SOREN");
    assertThat(SimilarityEncoder.givenNames(null)).isEmpty();
  }

  @Test
  void initialsAreTheForenamesFirstThenEveryOtherGivenNamesInitialsIncluded() {
    assertThat(SimilarityEncoder.givenInitials("Jacob A")).containsExactly('J', 'A');
    assertThat(SimilarityEncoder.givenInitials("Edward Jack Joshua"))
        .containsExactly('E', 'J', 'J');
    // The forename is the first name of two letters: "J. Robert" is ROBERT with a J before it.
    assertThat(SimilarityEncoder.givenInitials("J. Robert")).containsExactly('R', 'J');
    assertThat(SimilarityEncoder.givenInitials("Łukasz M")).containsExactly('L', 'M');
    assertThat(SimilarityEncoder.givenInitials("A. B.")).isEmpty();
    assertThat(SimilarityEncoder.givenInitials(null)).isEmpty();
    // Hashed per block like everything else: the same letter differs between blocks.
    SimilarityEncoding e = encoder.encode(person("Jacob A", "Nowak", "2010-12-30"));
    assertThat(e.getBlocks()).allSatisfy(b -> assertThat(b.getGivenInitials()).hasSize(2));
    assertThat(e.getBlocks().get(0).getGivenInitials().get(1))
        .isNotEqualTo(e.getBlocks().get(1).getGivenInitials().get(1));
  }

  @Test
  void surnamesSplitAtHyphensAndSpacesKeepingParticles() {
    assertThat(SimilarityEncoder.surnameParts("O'Neil-Smith")).containsExactly("ONEIL", "SMITH");
    assertThat(SimilarityEncoder.surnameParts("van der  Berg"))
        .containsExactly("VAN", "DER", "BERG");
    assertThat(SimilarityEncoder.surnameParts("de la Cruz–Müller"))
        .containsExactly("DE", "LA", "CRUZ", "MULLER");
    assertThat(SimilarityEncoder.surnameParts("Smith-J")).containsExactly("SMITH");
    assertThat(SimilarityEncoder.surnameParts("D'Arcy")).containsExactly("DARCY");
    assertThat(SimilarityEncoder.surnameParts(" - ")).isEmpty();
  }

  @Test
  void aFullRecordHasDateBlocksAndNameBlocksEachCarryingEverything() {
    SimilarityEncoding e = encoded("Oliver Paul", "Smith-Jones", "1990-05-17");

    assertThat(e.getVersion()).isEqualTo(1);
    // OLIVER is in the groups OLIVER and OLLIE; two surname parts. Date blocks by the initial O
    // and by the sounds SM0 and JNS; name blocks (two groups by two parts) fill the rest of the
    // six.
    assertThat(ForenameGroups.standard().groupsOf("OLIVER")).containsExactly("OLIVER", "OLLIE");
    assertThat(e.getBlocks())
        .extracting(SimilarityBlock::getKind)
        .containsExactly(
            SimilarityBlockKind.DATE_OF_BIRTH,
            SimilarityBlockKind.DATE_OF_BIRTH,
            SimilarityBlockKind.DATE_OF_BIRTH,
            SimilarityBlockKind.NAME,
            SimilarityBlockKind.NAME,
            SimilarityBlockKind.NAME);
    for (SimilarityBlock b : e.getBlocks()) {
      assertThat(b.getKey()).hasSize(22).matches("[A-Za-z0-9_-]{22}");
      assertThat(b.getGivenFilters())
          .hasSize(2)
          .allSatisfy(f -> assertThat(f.remaining()).isEqualTo(32));
      assertThat(b.getFamilyFilters())
          .hasSize(2)
          .allSatisfy(f -> assertThat(f.remaining()).isEqualTo(32));
      assertThat(b.getVariantGroups())
          .hasSize(2)
          .allSatisfy(g -> assertThat(g.remaining()).isEqualTo(8));
      assertThat(b.getDateHash().remaining()).isEqualTo(8);
      assertThat(b.getDateVariants()).hasSize(3);
    }
    assertThat(keys(e)).hasSize(6);
  }

  @Test
  void blocksNeedTheirItems() {
    assertThat(encoded("John", "Smith", null))
        .as("no date of birth: no blocks (a name block carries the year of birth)")
        .isNull();

    SimilarityEncoding noSurname = encoded("John", null, "1990-05-17");
    assertThat(noSurname.getBlocks())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.getKind()).isEqualTo(SimilarityBlockKind.DATE_OF_BIRTH);
              assertThat(b.getGivenFilters()).hasSize(1);
              assertThat(b.getFamilyFilters()).isEmpty();
            });

    SimilarityEncoding initialOnly = encoded("J.", "Smith", "1990-05-17");
    assertThat(initialOnly.getBlocks())
        .as("the date block of the surname's sound")
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.getKind()).isEqualTo(SimilarityBlockKind.DATE_OF_BIRTH);
              assertThat(b.getGivenFilters()).isEmpty();
              assertThat(b.getVariantGroups()).isEmpty();
              assertThat(b.getFamilyFilters()).hasSize(1);
            });

    assertThat(encoded("J", "S", null)).isNull();
    assertThat(encoded(null, "Smith", null)).isNull();
    assertThat(encoded("John", null, null)).isNull();
    assertThat(encoded(null, null, null)).isNull();
  }

  @Test
  void noMoreThanSixBlocks() {
    // ALEX is in three groups (ALEX, ALEXANDER, ALEXANDRA); three parts would make nine NAME
    // blocks.
    assertThat(ForenameGroups.standard().groupsOf("ALEX"))
        .contains("ALEX", "ALEXANDER", "ALEXANDRA");
    SimilarityEncoding e = encoded("Alex", "Smith Jones Brown", "1990-05-17");
    assertThat(e.getBlocks()).hasSize(SimilarityEncoder.MAX_BLOCKS);
    assertThat(e.getBlocks().get(0).getKind()).isEqualTo(SimilarityBlockKind.DATE_OF_BIRTH);
    assertThat(keys(e)).hasSize(SimilarityEncoder.MAX_BLOCKS);
  }

  @Test
  void partsThatSoundAlikeMakeOneBlock() {
    // SMITH and SMYTH have one Double Metaphone code, SM0: one date block by it (beside that of the
    // initial Z) and one NAME block per group, not two of each.
    SimilarityEncoding e = encoded("Zebedee", "Smith-Smyth", "1990-05-17");
    assertThat(ForenameGroups.standard().groupsOf("ZEBEDEE")).hasSize(1);
    assertThat(e.getBlocks())
        .extracting(SimilarityBlock::getKind)
        .containsExactly(
            SimilarityBlockKind.DATE_OF_BIRTH,
            SimilarityBlockKind.DATE_OF_BIRTH,
            SimilarityBlockKind.NAME);
    assertThat(e.getBlocks().get(2).getFamilyFilters()).hasSize(2);
  }

  @Test
  void aSwappedDayAndMonthSharesTheDateBlockAndIsAVariant() {
    SimilarityEncoding a = encoded("John", "Smith", "1990-03-12");
    SimilarityEncoding b = encoded("John", "Smith", "1990-12-03");

    SimilarityBlock da = block(a, SimilarityBlockKind.DATE_OF_BIRTH);
    SimilarityBlock db = block(b, SimilarityBlockKind.DATE_OF_BIRTH);
    assertThat(da.getKey()).isEqualTo(db.getKey());
    assertThat(da.getDateHash()).isNotEqualTo(db.getDateHash());
    assertThat(da.getDateVariants()).contains(db.getDateHash());
    assertThat(db.getDateVariants()).contains(da.getDateHash());
  }

  @Test
  void aTransposedDayIsAVariantInTheNameBlocksTheRecordsShare() {
    // 17 and 71 is no date; 12 and 21 are: 12 May and 21 May have no date block in common.
    SimilarityEncoding a = encoded("John", "Smith", "1990-05-12");
    SimilarityEncoding b = encoded("John", "Smith", "1990-05-21");

    assertThat(block(a, SimilarityBlockKind.DATE_OF_BIRTH).getKey())
        .isNotEqualTo(block(b, SimilarityBlockKind.DATE_OF_BIRTH).getKey());
    Set<String> shared = new LinkedHashSet<>(keys(a));
    shared.retainAll(keys(b));
    assertThat(shared).isNotEmpty();
    for (String key : shared) {
      assertThat(blockWithKey(a, key).getDateVariants())
          .contains(blockWithKey(b, key).getDateHash());
      assertThat(blockWithKey(b, key).getDateVariants())
          .contains(blockWithKey(a, key).getDateHash());
    }
  }

  @Test
  void dateVariantsAreTheValidDatesOneSlipAway() {
    // 17051990: day and month swapped is month 17; 71.., 10 75, 17 50 invalid; 9 9 the same.
    assertThat(SimilarityEncoder.dateVariants(LocalDate.of(1990, 5, 17)))
        .containsExactlyInAnyOrder("5990-01-17", "9190-05-17", "1909-05-17");
    // 29022000: 29 February 200 is no date (200 is not a leap year); the rest invalid or equal.
    assertThat(SimilarityEncoder.dateVariants(LocalDate.of(2000, 2, 29))).isEmpty();
    // 02012000 swapped is 1 February; transposing 0 and 2 gives 20 January.
    assertThat(SimilarityEncoder.dateVariants(LocalDate.of(2000, 1, 2)))
        .contains("2000-02-01", "2000-01-20")
        .doesNotHaveDuplicates()
        .doesNotContain("2000-01-02");
    // 11112011: swapping day and month, or two equal digits, gives the date itself: not a variant.
    assertThat(SimilarityEncoder.dateVariants(LocalDate.of(2011, 11, 11)))
        .containsExactlyInAnyOrder("1011-12-11", "0211-11-11", "2101-11-11");
  }

  @Test
  void filtersOfSimilarNamesAreSimilarAndOfDifferentNamesNot() {
    SimilarityEncoding john = encoded("John", "Smith", "1990-05-17");
    SimilarityEncoding jon = encoded("Jon", "Smyth", "1990-05-17");
    SimilarityEncoding mary = encoded("Mary", "Smith", "1990-05-17");
    SimilarityEncoding patel = encoded("John", "Patel", "1990-05-17");

    // John Smith and Jon Smyth meet in the date blocks of the initial J and of the sound SM0 (and
    // in name blocks).
    String key = block(john, SimilarityBlockKind.DATE_OF_BIRTH).getKey();
    assertThat(sharedKeys(john, jon)).contains(key).hasSizeGreaterThan(2);
    SimilarityBlock a = blockWithKey(john, key);
    SimilarityBlock b = blockWithKey(jon, key);
    assertThat(dice(a.getGivenFilters().get(0), a.getGivenFilters().get(0))).isEqualTo(1.0);
    assertThat(dice(a.getGivenFilters().get(0), b.getGivenFilters().get(0))).isGreaterThan(0.55);
    assertThat(dice(a.getFamilyFilters().get(0), b.getFamilyFilters().get(0))).isGreaterThan(0.5);
    // Mary Smith meets John Smith under SM0 only; John Patel under J only.
    SimilarityBlock bySurname = blockWithKey(john, sharedKeys(john, mary).get(0));
    SimilarityBlock c = blockWithKey(mary, sharedKeys(john, mary).get(0));
    assertThat(sharedKeys(john, mary)).hasSize(1);
    assertThat(dice(bySurname.getGivenFilters().get(0), c.getGivenFilters().get(0)))
        .isLessThan(0.3);
    SimilarityBlock byInitial = blockWithKey(john, sharedKeys(john, patel).get(0));
    SimilarityBlock d = blockWithKey(patel, sharedKeys(john, patel).get(0));
    assertThat(sharedKeys(john, patel)).hasSize(1);
    assertThat(dice(byInitial.getFamilyFilters().get(0), d.getFamilyFilters().get(0)))
        .isLessThan(0.3);
    // JOHN and JON share a variant group; MARY shares none with JOHN.
    assertThat(a.getVariantGroups()).containsAnyElementsOf(b.getVariantGroups());
    assertThat(bySurname.getVariantGroups()).doesNotContainAnyElementsOf(c.getVariantGroups());
    // ...and the same name as forename or middle name gives the same filter (one field, "given").
    SimilarityEncoding middle = encoded("Paul John", "Smith", "1990-05-17");
    assertThat(sharedKeys(john, middle)).isNotEmpty();
    String common = sharedKeys(john, middle).get(0);
    assertThat(blockWithKey(middle, common).getGivenFilters().get(1))
        .isEqualTo(blockWithKey(john, common).getGivenFilters().get(0));
  }

  @Test
  void dateBlocksSplitByInitialAndSurnameSoundSoTheyStaySmall() {
    SimilarityEncoding john = encoded("John", "Smith", "1990-03-12");
    SimilarityEncoding swapped = encoded("John", "Smith", "1990-12-03");
    SimilarityEncoding stranger = encoded("Mary", "Patel", "1990-03-12");
    SimilarityEncoding nickname = encoded("Bill", "Smith", "1990-03-12");
    SimilarityEncoding typo = encoded("John", "Snith", "1990-03-12");
    assertThat(sharedKeys(john, swapped))
        .as("day and month swapped: the same date blocks (and the same name blocks)")
        .hasSameSizeAs(keys(john));
    assertThat(sharedKeys(john, stranger))
        .as("one date of birth, but another initial and another surname: never compared")
        .isEmpty();
    assertThat(sharedKeys(john, nickname))
        .as("another forename: the date block of the surname's sound")
        .hasSize(1);
    assertThat(sharedKeys(john, typo))
        .as("another surname sound: the date block of the forename's initial")
        .hasSize(1);
  }

  @Test
  void nicknamesAndSoundAlikeSurnamesShareANameBlock() {
    SimilarityEncoding a = encoded("John", "Smith", "1990-05-17");
    SimilarityEncoding b = encoded("Jon", "Smyth", "1990-05-27");
    SimilarityEncoding c = encoded("Mary", "Smith", "1990-06-17");
    SimilarityEncoding d = encoded("John", "Smith", "1991-05-17");
    Set<String> shared = new LinkedHashSet<>(keys(a));
    shared.retainAll(keys(b));
    assertThat(shared).isNotEmpty();
    assertThat(keys(a)).doesNotContainAnyElementsOf(keys(c));
    assertThat(keys(a))
        .as("another year of birth: no name block in common, so no key is shared population-wide")
        .doesNotContainAnyElementsOf(keys(d));
  }

  @Test
  void theSameNameIsSaltedDifferentlyInEachBlock() {
    SimilarityEncoding e = encoded("Jonathan", "Smith", "1990-05-17");
    SimilarityBlock dobBlock = block(e, SimilarityBlockKind.DATE_OF_BIRTH);
    SimilarityBlock nameBlock = block(e, SimilarityBlockKind.NAME);
    assertThat(dobBlock.getGivenFilters().get(0)).isNotEqualTo(nameBlock.getGivenFilters().get(0));
    assertThat(dice(dobBlock.getGivenFilters().get(0), nameBlock.getGivenFilters().get(0)))
        .isLessThan(0.35);
    assertThat(dice(dobBlock.getFamilyFilters().get(0), nameBlock.getFamilyFilters().get(0)))
        .isLessThan(0.35);
    assertThat(dobBlock.getDateHash()).isNotEqualTo(nameBlock.getDateHash());
    assertThat(dobBlock.getVariantGroups())
        .doesNotContainAnyElementsOf(nameBlock.getVariantGroups());
  }

  @Test
  void anotherSecretGivesUnrelatedEncodings() {
    SimilarityEncoder other = new SimilarityEncoder(OTHER_SECRET);
    for (Identity p :
        List.of(
            person("Jonathan Paul", "Smith-Jones", "1990-05-17"),
            person("Mary", "Patel", "2001-12-03"),
            person("Alex", "O'Neil", "1985-02-28"))) {
      SimilarityEncoding ours = encoder.encode(p);
      SimilarityEncoding theirs = other.encode(p);
      assertThat(keys(ours)).hasSameSizeAs(keys(theirs)).doesNotContainAnyElementsOf(keys(theirs));
      assertThat(allBytes(ours)).doesNotContainAnyElementsOf(allBytes(theirs));
      for (int i = 0; i < ours.getBlocks().size(); i++) {
        SimilarityBlock a = ours.getBlocks().get(i);
        SimilarityBlock b = theirs.getBlocks().get(i);
        for (int f = 0; f < a.getGivenFilters().size(); f++) {
          assertThat(dice(a.getGivenFilters().get(f), b.getGivenFilters().get(f))).isLessThan(0.35);
        }
        for (int f = 0; f < a.getFamilyFilters().size(); f++) {
          assertThat(dice(a.getFamilyFilters().get(f), b.getFamilyFilters().get(f)))
              .isLessThan(0.35);
        }
      }
    }
  }

  @Test
  void theOutputIsDeterministicOnEveryThread() throws Exception {
    Identity p = person("Łukasz Søren", "Kowalski-Müller", "1985-07-04");
    SimilarityEncoding once = encoder.encode(p);
    assertThat(new SimilarityEncoder(PseudonymiserTest.SECRET).encode(p)).isEqualTo(once);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<SimilarityEncoding>> runs = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        runs.add(pool.submit(() -> encoder.encode(p)));
      }
      for (Future<SimilarityEncoding> run : runs) {
        assertThat(run.get()).isEqualTo(once);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void nothingIdentifyingInToString() {
    SimilarityEncoding e = encoded("Jonathan", "Smith", "1990-05-17");
    assertThat(encoder.toString()).doesNotContain("test-linkage-secret");
    assertThat(e.toString())
        .doesNotContainIgnoringCase("jonathan")
        .doesNotContainIgnoringCase("smith")
        .doesNotContain("1990")
        .doesNotContain("05-17");
  }

  @Test
  void theEncodingIsTheOneSpecified() {
    for (Identity p :
        List.of(
            person("John Paul", "Smith-Jones", "1990-05-17"),
            person("Zoë", "O'Neil", "2000-01-02"),
            person("Alex", "de la Cruz", null),
            person("J. Bill", "Ng", "1970-11-30"),
            person("Jacob A", "Nowak", "2010-12-30"),
            person("Emily", "Morris", "1982-12-12"))) {
      assertThat(encoder.encode(p)).isEqualTo(Reference.encode(PseudonymiserTest.SECRET, p));
    }
  }

  /** The encoding as the schema and README describe it, written plainly with strings. */
  static final class Reference {

    static SimilarityEncoding encode(LinkageSecret secret, Identity p) {
      byte[] k = hmac(secret.bytes(), "similarity|v1");
      List<String> given = new ArrayList<>();
      if (p.forenames() != null) {
        for (String t : p.forenames().trim().split("\\s+")) {
          String n = NameNormaliser.name(t);
          if (n.length() >= 2) {
            given.add(n);
          }
        }
      }
      // Initials: the forename's first letter, then every other given token's, in order.
      List<String> initials = new ArrayList<>();
      if (p.forenames() != null) {
        List<String> all = new ArrayList<>();
        for (String t : p.forenames().trim().split("\\s+")) {
          String n = NameNormaliser.name(t);
          if (!n.isEmpty()) {
            all.add(n);
          }
        }
        int first = -1;
        for (int i = 0; i < all.size() && first < 0; i++) {
          first = all.get(i).length() >= 2 ? i : -1;
        }
        if (first >= 0) {
          initials.add(all.get(first).substring(0, 1));
          for (int i = 0; i < all.size(); i++) {
            if (i != first) {
              initials.add(all.get(i).substring(0, 1));
            }
          }
        }
      }
      List<String> parts = new ArrayList<>();
      if (p.surname() != null) {
        for (String t : p.surname().split("[\\s\\-]+")) {
          String n = NameNormaliser.name(t);
          if (n.length() >= 2) {
            parts.add(n);
          }
        }
      }
      List<String> groups =
          given.isEmpty() ? List.of() : ForenameGroups.standard().groupsOf(given.get(0));
      List<String> variants =
          given.isEmpty() ? List.of() : ForenameGroups.standard().variantsOf(given.get(0));
      LocalDate dob = p.dateOfBirth();
      List<SimilarityBlockKind> kinds = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      if (dob != null) {
        int d = dob.getDayOfMonth();
        int m = dob.getMonthValue();
        String date = "block|dob|" + dob.getYear() + "|" + Math.min(d, m) + "|" + Math.max(d, m);
        Set<String> qualifiers = new LinkedHashSet<>();
        if (!given.isEmpty()) {
          qualifiers.add("|f|" + given.get(0).substring(0, 1));
        }
        for (String part : parts.subList(0, Math.min(2, parts.size()))) {
          qualifiers.add("|s|" + new DoubleMetaphone().doubleMetaphone(part));
        }
        if (qualifiers.isEmpty()) {
          qualifiers.add("");
        }
        for (String q : qualifiers) {
          kinds.add(SimilarityBlockKind.DATE_OF_BIRTH);
          keys.add(key(k, date + q));
        }
      }
      if (dob != null && !groups.isEmpty() && !parts.isEmpty()) {
        for (String part : parts) {
          for (String g : groups) {
            String key =
                key(
                    k,
                    "block|name|"
                        + g
                        + "|"
                        + new DoubleMetaphone().doubleMetaphone(part)
                        + "|"
                        + dob.getYear());
            if (keys.size() < 6 && !keys.contains(key)) {
              kinds.add(SimilarityBlockKind.NAME);
              keys.add(key);
            }
          }
        }
      }
      if (keys.isEmpty()) {
        return null;
      }
      List<SimilarityBlock> blocks = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        String b = keys.get(i);
        List<ByteBuffer> gf = new ArrayList<>();
        given.forEach(n -> gf.add(filter(k, b, "given", n)));
        List<ByteBuffer> ff = new ArrayList<>();
        parts.forEach(n -> ff.add(filter(k, b, "family", n)));
        List<byte[]> vg = new ArrayList<>();
        variants.forEach(t -> vg.add(Arrays.copyOf(hmac(k, "group|" + b + "|" + t), 8)));
        vg.sort(Arrays::compareUnsigned);
        List<ByteBuffer> dv = new ArrayList<>();
        ByteBuffer dh = null;
        if (dob != null) {
          dh = ByteBuffer.wrap(Arrays.copyOf(hmac(k, "dob|" + b + "|" + dob), 8));
          for (LocalDate v : slips(dob)) {
            dv.add(ByteBuffer.wrap(Arrays.copyOf(hmac(k, "dob|" + b + "|" + v), 8)));
          }
        }
        List<ByteBuffer> gi = new ArrayList<>();
        initials.forEach(
            c -> gi.add(ByteBuffer.wrap(Arrays.copyOf(hmac(k, "initial|" + b + "|" + c), 8))));
        blocks.add(
            new SimilarityBlock(
                kinds.get(i), b, gf, vg.stream().map(ByteBuffer::wrap).toList(), ff, dh, dv, gi));
      }
      return new SimilarityEncoding(1, blocks);
    }

    static List<LocalDate> slips(LocalDate dob) {
      List<LocalDate> out = new ArrayList<>();
      tryAdd(
          out,
          dob,
          String.format("%02d%02d%04d", dob.getMonthValue(), dob.getDayOfMonth(), dob.getYear()));
      String s =
          String.format("%02d%02d%04d", dob.getDayOfMonth(), dob.getMonthValue(), dob.getYear());
      for (int i = 0; i < 7; i++) {
        char[] c = s.toCharArray();
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        tryAdd(out, dob, new String(c));
      }
      return out;
    }

    private static void tryAdd(List<LocalDate> out, LocalDate dob, String ddmmyyyy) {
      try {
        LocalDate d =
            LocalDate.of(
                Integer.parseInt(ddmmyyyy.substring(4)),
                Integer.parseInt(ddmmyyyy.substring(2, 4)),
                Integer.parseInt(ddmmyyyy.substring(0, 2)));
        if (!d.equals(dob) && !out.contains(d)) {
          out.add(d);
        }
      } catch (java.time.DateTimeException invalid) {
        // not a date
      }
    }

    static ByteBuffer filter(byte[] k, String block, String field, String name) {
      byte[] bits = new byte[32];
      String padded = "_" + name + "_";
      for (int i = 0; i + 1 < padded.length(); i++) {
        byte[] h = hmac(k, "bf|" + block + "|" + field + "|" + padded.substring(i, i + 2));
        for (int j = 0; j < 8; j++) {
          int bit = h[j] & 0xFF;
          bits[bit / 8] |= (byte) (1 << (bit % 8));
        }
      }
      return ByteBuffer.wrap(bits);
    }

    static String key(byte[] k, String text) {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Arrays.copyOf(hmac(k, text), 16));
    }

    static byte[] hmac(byte[] key, String text) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
