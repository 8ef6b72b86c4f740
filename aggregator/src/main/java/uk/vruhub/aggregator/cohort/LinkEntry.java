package uk.vruhub.aggregator.cohort;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import uk.vruhub.aggregator.state.Binary;
import uk.vruhub.aggregator.state.CohortRules;

/**
 * An entry of the linkage's one changelogged store ({@link CohortTopology#PEOPLE_STORE}): a person,
 * under their id, or the linkage's own meta entry, under {@link #META_KEY}. Everything else the
 * linkage keeps (which person holds a record or a key, who ages out when) is an index rebuilt from
 * these entries.
 */
sealed interface LinkEntry permits LinkEntry.Person, LinkEntry.Meta {

  /** The meta entry's key; person ids start with "P", so it is never one. */
  String META_KEY = "#meta";

  /**
   * Format 4: each record keeps its own strong keys, home district and similarity encoding (each
   * distinct encoding of a person stored once), the encoding's blocks with the given names'
   * initials. Format 3 (the same without the initials), format 2 (exact keys only) and format 1
   * (the five-store linkage) cannot be read into this one: reset the aggregator's state to rebuild
   * it from the input topics (aggregator README, "Changing the linkage"). Enums are stored by name.
   */
  int FORMAT = 4;

  static Serde<LinkEntry> serde() {
    return Binary.serde(FORMAT, LinkEntry::write, LinkEntry::read);
  }

  /**
   * The block index's key of an identity variant: "#" and its content number in hex ("#" is not in
   * the base64url of block keys), so a record of a variant already held is found in one lookup.
   */
  static String variantKey(IdentityVariant v) {
    return "#" + Long.toHexString(v.order());
  }

  /** The person id of the n-th person seen: "P" and the sequence, zero-padded to nine digits. */
  static String personId(long sequence) {
    if (sequence < 0) {
      return String.format("P%09d", sequence);
    }
    String digits = Long.toString(sequence);
    StringBuilder id = new StringBuilder(Math.max(10, digits.length() + 1)).append('P');
    for (int i = digits.length(); i < 9; i++) {
      id.append('0');
    }
    return id.append(digits).toString();
  }

  /**
   * One linked person: the order they were first seen in (the older of two merged people keeps its
   * id), their strong match keys (kept when a record is withdrawn: links are never undone), their
   * current records with what each says, and what those add up to inside the look-back.
   */
  final class Person implements LinkEntry {
    private final long sequence;
    private final String id;
    private final Set<String> keys;
    private final Map<String, PersonFact> records;
    private WindowCounts counts;

    /**
     * The stored encoding of the records this person held when last written, in order: the record
     * keys and facts it was made from (compared by identity; facts are immutable records) and its
     * bytes. Records are mostly added, and a new record goes to the end of {@link #records}, so a
     * write re-encodes only the records added since; any other change (a fact replaced, a record
     * removed) re-encodes them all.
     */
    private String[] encodedKeys = new String[0];

    private PersonFact[] encodedFacts = new PersonFact[0];
    private byte[] encoded = new byte[0];

    /** The encodings {@link #encoded} wrote, each with its index (see {@link PersonFact#write}). */
    private Map<Encoding, Integer> encodedTable = new java.util.HashMap<>();

    /**
     * The blocking keys the linkage's block index holds for this person: what its records had when
     * it was last stored (null until the linkage has indexed it).
     */
    Set<String> indexedBlocks;

    Person(long sequence) {
      this(sequence, new LinkedHashSet<>(), new LinkedHashMap<>(), new WindowCounts());
    }

    private Person(
        long sequence, Set<String> keys, Map<String, PersonFact> records, WindowCounts counts) {
      this.sequence = sequence;
      this.id = personId(sequence);
      this.keys = keys;
      this.records = records;
      this.counts = counts;
    }

    long sequence() {
      return sequence;
    }

    /** The id, made once per decoded person (it is asked for on every change). */
    String id() {
      return id;
    }

    Set<String> keys() {
      return keys;
    }

    /** Record key to its fact (without keys: the person holds them). */
    Map<String, PersonFact> records() {
      return records;
    }

    WindowCounts counts() {
      return counts;
    }

    /**
     * What the linkage's block index holds for this person: the blocking keys of their records
     * (each distinct encoding read once) and, for each identity variant, {@link
     * #variantKey(IdentityVariant)}.
     */
    Set<String> blockKeys() {
      Set<String> out = new java.util.TreeSet<>();
      Set<Encoding> seen = new java.util.HashSet<>();
      for (PersonFact f : records.values()) {
        if (f.encoding() != null) {
          if (seen.add(f.encoding())) {
            f.encoding().blocks().forEach(b -> out.add(b.key()));
          }
          out.add(variantKey(f.variant()));
        }
      }
      return out;
    }

    /** The distinct identity variants of this person's records that can be compared. */
    Set<IdentityVariant> variants() {
      Set<IdentityVariant> out = new LinkedHashSet<>();
      for (PersonFact f : records.values()) {
        if (f.encoding() != null) {
          out.add(f.variant());
        }
      }
      return out;
    }

    /** Rebuilds the counts from every record under the window. */
    void recount(WindowCounts.Window window) {
      counts = WindowCounts.of(records.values(), window);
    }

    Profile profile(CohortRules rules) {
      return counts.profile(id(), rules);
    }

    /** Writes the records, as (key, fact) pairs in order, reusing the encoding of a kept prefix. */
    private void writeRecords(DataOutputStream out) throws IOException {
      int n = records.size();
      String[] keysNow = new String[n];
      PersonFact[] factsNow = new PersonFact[n];
      int i = 0;
      for (Map.Entry<String, PersonFact> r : records.entrySet()) {
        keysNow[i] = r.getKey();
        factsNow[i] = r.getValue();
        i++;
      }
      int kept = encodedKeys.length;
      if (kept > n) {
        kept = 0;
      }
      for (int j = 0; j < kept; j++) {
        if (keysNow[j] != encodedKeys[j] || factsNow[j] != encodedFacts[j]) {
          kept = 0;
          break;
        }
      }
      java.io.ByteArrayOutputStream bytes =
          new java.io.ByteArrayOutputStream(Math.max(64, (kept == 0 ? 0 : encoded.length) * 2));
      if (kept > 0) {
        bytes.write(encoded);
      } else {
        encodedTable = new java.util.HashMap<>();
      }
      DataOutputStream added = new DataOutputStream(bytes);
      for (int j = kept; j < n; j++) {
        added.writeUTF(keysNow[j]);
        PersonFact.write(factsNow[j], added, encodedTable);
      }
      added.flush();
      encoded = bytes.toByteArray();
      encodedKeys = keysNow;
      encodedFacts = factsNow;
      out.write(encoded);
    }
  }

  /**
   * The linkage's own state: the last person sequence issued, the cohort's "as of" month (the month
   * of the latest extract seen, null before any), and the rules the counts were made under.
   */
  final class Meta implements LinkEntry {
    long sequence;
    LocalDate asOf;
    int lookbackMonths;
    int minAge;
    int maxAge;
    int minAgencies;
    int minViolenceEvents;

    Meta(CohortRules rules) {
      adopt(rules);
    }

    private Meta() {}

    void adopt(CohortRules rules) {
      lookbackMonths = rules.lookbackMonths();
      minAge = rules.minAge();
      maxAge = rules.maxAge();
      minAgencies = rules.minAgencies();
      minViolenceEvents = rules.minViolenceEvents();
    }

    /** The rules the stored counts and published profiles were made under. */
    CohortRules madeUnder(CohortRules current) {
      return new CohortRules(
          lookbackMonths,
          minAge,
          maxAge,
          minAgencies,
          minViolenceEvents,
          current.strongKeys(),
          current.unencodedKeys(),
          current.definition(),
          current.linkage());
    }

    boolean sameRules(CohortRules rules) {
      return lookbackMonths == rules.lookbackMonths()
          && minAge == rules.minAge()
          && maxAge == rules.maxAge()
          && minAgencies == rules.minAgencies()
          && minViolenceEvents == rules.minViolenceEvents();
    }
  }

  private static void write(LinkEntry entry, DataOutputStream out) throws IOException {
    if (entry instanceof Person p) {
      out.writeByte('P');
      out.writeLong(p.sequence);
      out.writeInt(p.keys.size());
      for (String k : p.keys) {
        out.writeUTF(k);
      }
      out.writeInt(p.records.size());
      p.writeRecords(out);
      p.counts.write(out);
    } else if (entry instanceof Meta m) {
      out.writeByte('M');
      out.writeLong(m.sequence);
      StateCodec.writeNullableDate(out, m.asOf);
      for (int n :
          new int[] {m.lookbackMonths, m.minAge, m.maxAge, m.minAgencies, m.minViolenceEvents}) {
        out.writeInt(n);
      }
    }
  }

  private static LinkEntry read(DataInputStream in) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case 'P' -> {
        long sequence = in.readLong();
        int nk = in.readInt();
        List<String> keys = new ArrayList<>(nk);
        for (int i = 0; i < nk; i++) {
          keys.add(in.readUTF());
        }
        int nr = in.readInt();
        Map<String, PersonFact> records = new LinkedHashMap<>(Math.max(4, nr * 2));
        List<Encoding> table = new ArrayList<>();
        for (int i = 0; i < nr; i++) {
          String key = in.readUTF();
          records.put(key, PersonFact.read(in, table));
        }
        return new Person(sequence, new LinkedHashSet<>(keys), records, WindowCounts.read(in));
      }
      case 'M' -> {
        Meta m = new Meta();
        m.sequence = in.readLong();
        m.asOf = StateCodec.readNullableDate(in);
        m.lookbackMonths = in.readInt();
        m.minAge = in.readInt();
        m.maxAge = in.readInt();
        m.minAgencies = in.readInt();
        m.minViolenceEvents = in.readInt();
        return m;
      }
      default -> throw new IllegalStateException("Unknown linkage entry tag " + tag);
    }
  }
}
