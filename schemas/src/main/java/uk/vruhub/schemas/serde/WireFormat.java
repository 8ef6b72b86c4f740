package uk.vruhub.schemas.serde;

/**
 * The Confluent Schema Registry wire format: magic byte 0, the schema id as a 4-byte big-endian
 * integer, then the Avro binary encoding of the record.
 */
public final class WireFormat {

  /** The only magic byte defined so far. */
  public static final byte MAGIC_BYTE = 0;

  /** Bytes before the Avro payload. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** Writes the header into the first five bytes of a buffer. */
  public static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /** The schema id in a framed record; the caller has checked the length and magic byte. */
  public static int schemaId(byte[] framed) {
    return ((framed[1] & 0xff) << 24)
        | ((framed[2] & 0xff) << 16)
        | ((framed[3] & 0xff) << 8)
        | (framed[4] & 0xff);
  }
}
