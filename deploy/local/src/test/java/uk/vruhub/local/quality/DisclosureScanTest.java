package uk.vruhub.local.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisclosureScanTest {

  private final DisclosureScan scan =
      new DisclosureScan(
          Map.of(
              "Kai", "name",
              "Ziółkowski", "name",
              "9990001237", "NHS number",
              "XA1 2BC", "postcode"));

  @Test
  void findsAnIdentifierAsAnAvroStringWouldCarryIt() {
    scan.scan(avroStrings("E01900001", "Ziółkowski", "MONTH"));
    scan.scan(avroStrings("XA1 2BC"));
    assertThat(scan.hits()).containsEntry("name", 1L).containsEntry("postcode", 1L);
  }

  @Test
  void findsNumbersInsideText() {
    scan.scan("{\"nhs\":\"9990001237\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(scan.hits()).containsEntry("NHS number", 1L);
  }

  @Test
  void ignoresNamesByChanceInsideKeyedHashesAndLongerWords() {
    scan.scan(avroStrings("q3Kai9fJ2kLmN0pQrStUvWxYz012345678_-abcdefg", "Kaiser", "KAI"));
    assertThat(scan.total()).isZero();
    assertThat(scan.bytesScanned()).isPositive();
  }

  @Test
  void ignoresANameByChanceAtTheEdgeOfABlockingKey() {
    // A 22-character blocking key that happens to start with a name and an underscore, as one
    // did in a quality run: random, not a name standing on its own.
    scan.scan(avroStrings("Kai_Ho8UG8E3YqBc4d5e6f"));
    scan.scan(avroStrings("x9-Kai-Ho8UG8E3YqBc4d5e"));
    assertThat(scan.total()).isZero();
    // A shorter run is a value like any other.
    scan.scan(avroStrings("Kai_2010"));
    assertThat(scan.hits()).containsEntry("name", 1L);
  }

  @Test
  void ignoresANameByChanceInRandomBinaryBytes() {
    // A Bloom filter's bytes in one quality run: "[Cox" between two bytes that are no letters.
    byte[] filter = {(byte) 0xF5, (byte) 0xAF, '[', 'K', 'a', 'i', (byte) 0xA6, 0x00, 0x02};
    scan.scan(filter);
    assertThat(scan.total()).isZero();
    // The same name as text, or as the whole of a key, is found.
    scan.scan("Tyler Kai".getBytes(StandardCharsets.UTF_8));
    scan.scan("Kai".getBytes(StandardCharsets.UTF_8));
    scan.scan(new byte[] {(byte) 0xF5, 0x06, 'K', 'a', 'i', (byte) 0xA6});
    assertThat(scan.hits()).containsEntry("name", 3L);
  }

  /** Avro's binary encoding of strings: zig-zag varint length, then UTF-8 bytes. */
  private static byte[] avroStrings(String... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String v : values) {
      byte[] b = v.getBytes(StandardCharsets.UTF_8);
      long n = (long) b.length << 1;
      while ((n & ~0x7FL) != 0) {
        out.write((int) ((n & 0x7F) | 0x80));
        n >>>= 7;
      }
      out.write((int) n);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }
}
