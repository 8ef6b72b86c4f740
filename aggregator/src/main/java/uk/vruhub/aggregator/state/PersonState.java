package uk.vruhub.aggregator.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;

/**
 * One linked person: the order they were first seen in (the older of two merged people keeps its
 * id), their records and match keys, and a fingerprint of their last published profile so an
 * unchanged profile is not published again.
 */
public final class PersonState {

  private final long sequence;
  private final Set<String> records;
  private final Set<String> keys;
  private int lastProfile;

  public PersonState(long sequence) {
    this(sequence, new LinkedHashSet<>(), new LinkedHashSet<>(), 0);
  }

  private PersonState(long sequence, Set<String> records, Set<String> keys, int lastProfile) {
    this.sequence = sequence;
    this.records = records;
    this.keys = keys;
    this.lastProfile = lastProfile;
  }

  public long sequence() {
    return sequence;
  }

  public Set<String> records() {
    return records;
  }

  public Set<String> keys() {
    return keys;
  }

  public int lastProfile() {
    return lastProfile;
  }

  public void lastProfile(int fingerprint) {
    this.lastProfile = fingerprint;
  }

  public static Serde<PersonState> serde() {
    return Binary.serde(1, PersonState::write, PersonState::read);
  }

  private static void write(PersonState p, DataOutputStream out) throws IOException {
    out.writeLong(p.sequence);
    out.writeInt(p.lastProfile);
    writeSet(out, p.records);
    writeSet(out, p.keys);
  }

  private static PersonState read(DataInputStream in) throws IOException {
    long sequence = in.readLong();
    int last = in.readInt();
    return new PersonState(sequence, readSet(in), readSet(in), last);
  }

  private static void writeSet(DataOutputStream out, Set<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeUTF(v);
    }
  }

  private static Set<String> readSet(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(in.readUTF());
    }
    return new LinkedHashSet<>(list);
  }
}
