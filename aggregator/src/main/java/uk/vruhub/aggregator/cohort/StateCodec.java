package uk.vruhub.aggregator.cohort;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import uk.vruhub.aggregator.state.Binary;

/**
 * Field codecs of the cohort's stored state beyond {@link Binary}'s: dates and counts per enum
 * symbol. Enum values are written by name ({@link Binary#writeEnum}), never by ordinal: a symbol
 * added to an enum, or the symbols reordered, must not relabel what is already stored.
 */
final class StateCodec {

  private StateCodec() {}

  /**
   * Each enum's symbols' names as {@link Binary#writeEnum} writes them (modified UTF-8 with its
   * length), encoded once per enum type; indexed by ordinal in this running aggregator only, never
   * stored so.
   */
  private static final ClassValue<byte[][]> NAMES =
      new ClassValue<>() {
        @Override
        protected byte[][] computeValue(Class<?> type) {
          Object[] symbols = type.getEnumConstants();
          byte[][] names = new byte[symbols.length][];
          for (int i = 0; i < symbols.length; i++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try {
              Binary.writeEnum(new DataOutputStream(bytes), (Enum<?>) symbols[i]);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            names[i] = bytes.toByteArray();
          }
          return names;
        }
      };

  /** As {@link Binary#writeEnum}, the same bytes, without encoding the name on every write. */
  static void writeEnum(DataOutputStream out, Enum<?> value) throws IOException {
    out.write(NAMES.get(value.getDeclaringClass())[value.ordinal()]);
  }

  static void writeDate(DataOutputStream out, LocalDate day) throws IOException {
    out.writeInt((int) day.toEpochDay());
  }

  static LocalDate readDate(DataInputStream in) throws IOException {
    return LocalDate.ofEpochDay(in.readInt());
  }

  static void writeNullableDate(DataOutputStream out, LocalDate day) throws IOException {
    out.writeBoolean(day != null);
    if (day != null) {
      writeDate(out, day);
    }
  }

  static LocalDate readNullableDate(DataInputStream in) throws IOException {
    return in.readBoolean() ? readDate(in) : null;
  }

  /** Counts per enum symbol, as (name, count) pairs of the non-zero ones. */
  static void writeCounts(DataOutputStream out, Enum<?>[] symbols, int[] counts)
      throws IOException {
    int n = 0;
    for (int c : counts) {
      n += c == 0 ? 0 : 1;
    }
    out.writeByte(n);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        writeEnum(out, symbols[i]);
        out.writeInt(counts[i]);
      }
    }
  }

  static <E extends Enum<E>> int[] readCounts(DataInputStream in, Class<E> type)
      throws IOException {
    int[] counts = new int[type.getEnumConstants().length];
    int n = in.readByte();
    for (int i = 0; i < n; i++) {
      E symbol = Binary.readEnum(in, type);
      counts[symbol.ordinal()] = in.readInt();
    }
    return counts;
  }
}
