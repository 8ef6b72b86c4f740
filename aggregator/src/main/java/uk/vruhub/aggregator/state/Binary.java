package uk.vruhub.aggregator.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary serdes for the aggregator's internal state and repartition topics, which no one
 * outside the aggregator reads. Each value starts with a format byte, so a later format can be told
 * from this one.
 */
public final class Binary {

  private Binary() {}

  /** Writes a value's fields. */
  @FunctionalInterface
  public interface Writer<T> {
    void write(T value, DataOutputStream out) throws IOException;
  }

  /** Reads a value's fields. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  /** A serde writing {@code format} then the fields; null stays null (a tombstone). */
  public static <T> Serde<T> serde(int format, Writer<T> writer, Reader<T> reader) {
    Serializer<T> serializer =
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
          try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(format);
            writer.write(value, out);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return bytes.toByteArray();
        };
    Deserializer<T> deserializer =
        (topic, data) -> {
          if (data == null) {
            return null;
          }
          try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int found = in.readByte();
            if (found != format) {
              throw new IllegalStateException(
                  "State on "
                      + topic
                      + " has format "
                      + found
                      + ", this aggregator reads format "
                      + format
                      + "; reset the aggregator's state to rebuild it");
            }
            return reader.read(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  /**
   * Writes an enum value by name, never by ordinal: a symbol added to an enum, or the symbols
   * reordered, must not relabel what is already stored.
   */
  public static void writeEnum(DataOutputStream out, Enum<?> value) throws IOException {
    out.writeUTF(value.name());
  }

  /**
   * Reads an enum value written by {@link #writeEnum}; a name this aggregator does not know is an
   * error that says so, never a silent relabelling.
   */
  public static <E extends Enum<E>> E readEnum(DataInputStream in, Class<E> type)
      throws IOException {
    String name = in.readUTF();
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Stored state names "
              + type.getSimpleName()
              + " '"
              + name
              + "', which this aggregator does not know; run the version that wrote it, or reset"
              + " the aggregator's state to rebuild it from the input topics",
          e);
    }
  }

  public static void writeNullableString(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  public static String readNullableString(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** An int array: counts of a hotspot cell. */
  public static Serde<int[]> intArray() {
    return serde(
        1,
        (v, out) -> {
          out.writeShort(v.length);
          for (int x : v) {
            out.writeInt(x);
          }
        },
        in -> {
          int[] v = new int[in.readShort()];
          for (int i = 0; i < v.length; i++) {
            v[i] = in.readInt();
          }
          return v;
        });
  }
}
