package uk.vruhub.ingest.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * The pipeline's reading (the feed's thread cuts rows, workers parse them) gives what the Commons
 * CSV reader gives, row for row and refusal for refusal, over random feeds with every hostile
 * shape: quotes, commas and line breaks inside fields, stray and unclosed quotes, whitespace after
 * a closing quote, BOM, CRLF, lone CR, empty lines, a field past the limit, bytes that are not
 * UTF-8, an empty file, a header only, and reads that return one byte at a time.
 */
class FeedSplitterEquivalenceTest {

  private static final FeedContract CONTRACT = FeedContract.load("/test-contract.yaml");
  private static final CsvLimits LIMITS = new CsvLimits(4_000, 600, 40);

  /** What a reading of a feed gave: its rows (number, fields, values) and the refusal, if any. */
  private record Reading(
      List<Integer> ignored, int headerSize, List<String> rows, String reason, String message) {}

  private static Reading old(byte[] bytes, boolean trickle) {
    List<String> rows = new ArrayList<>();
    List<Integer> ignored = null;
    int headerSize = -1;
    try (FeedReader reader = FeedReader.open(input(bytes, trickle), CONTRACT, LIMITS)) {
      ignored = reader.ignoredColumns();
      headerSize = reader.headerSize();
      for (FeedReader.RawRow row : reader) {
        rows.add(describe(row));
      }
      return new Reading(ignored, headerSize, rows, null, null);
    } catch (FeedRefusedException e) {
      return new Reading(ignored, headerSize, rows, e.reason(), e.getMessage());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Reading split(byte[] bytes, boolean trickle, int chunkRows, int chunkBytes) {
    List<String> rows = new ArrayList<>();
    List<Integer> ignored = null;
    int headerSize = -1;
    try (FeedSplitter splitter =
        FeedSplitter.open(input(bytes, trickle), CONTRACT, LIMITS, chunkRows, chunkBytes)) {
      ignored = splitter.ignoredColumns();
      headerSize = splitter.headerSize();
      RecordParser parser = splitter.parser();
      RawChunk chunk;
      while ((chunk = splitter.next()) != null) {
        assertThat(chunk.size()).isBetween(1, chunkRows);
        for (int i = 0; i < chunk.size(); i++) {
          rows.add(describe(parser.row(chunk, i)));
        }
      }
      return new Reading(ignored, headerSize, rows, null, null);
    } catch (FeedRefusedException e) {
      return new Reading(ignored, headerSize, rows, e.reason(), e.getMessage());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static InputStream input(byte[] bytes, boolean trickle) {
    return trickle
        ? new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        }
        : new ByteArrayInputStream(bytes);
  }

  private static String describe(FeedReader.RawRow row) {
    Map<String, String> values = new java.util.TreeMap<>(row.values());
    return row.row() + "/" + row.fieldCount() + "/" + values;
  }

  private static final String[] NAMES = {
    "reference", "Surname", "SEX", "colour", "markers", "count", "unknown", "", "date_of_birth"
  };

  private static final String[] PIECES = {
    "R1",
    "Smith",
    "M",
    "f",
    "RED",
    "A;B",
    "3",
    "x",
    "",
    " ",
    "é",
    "名",
    "\u2003",
    "\"",
    ",",
    "\n",
    "\r\n",
    "\r",
    "\"\"",
    "a\"b",
    "O'Neil",
    "\t",
    "12/03/2001"
  };

  private static final String[] SAFE = {"R1", "Smith", "M", "f", "RED", "A;B", "3", "", " ", "é"};

  private static byte[] randomFeed(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int shape = random.nextInt(20);
    boolean hostile = random.nextBoolean();
    if (shape == 0) {
      return new byte[0];
    }
    if (random.nextInt(4) == 0) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    String eol = random.nextBoolean() ? "\r\n" : random.nextInt(5) == 0 ? "\r" : "\n";
    if (random.nextInt(8) == 0) {
      out.writeBytes(eol.repeat(random.nextInt(3)).getBytes(StandardCharsets.UTF_8));
    }
    List<String> header = new ArrayList<>();
    int columns = 2 + random.nextInt(6);
    header.add("reference");
    header.add("sex");
    for (int i = 2; i < columns; i++) {
      header.add(NAMES[random.nextInt(NAMES.length)]);
    }
    java.util.Collections.shuffle(header, random);
    StringBuilder text = new StringBuilder(String.join(",", header));
    int rows = shape == 1 ? 0 : random.nextInt(60);
    for (int r = 0; r < rows; r++) {
      text.append(random.nextInt(15) == 0 ? eol + eol : eol);
      int fields = random.nextInt(12) == 0 ? columns + 1 : columns - random.nextInt(2);
      for (int f = 0; f < fields; f++) {
        if (f > 0) {
          text.append(',');
        }
        text.append(field(random, hostile));
      }
    }
    if (random.nextBoolean()) {
      text.append(eol);
    }
    out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    byte[] bytes = out.toByteArray();
    if (shape == 2 && bytes.length > 4) {
      bytes[4 + random.nextInt(bytes.length - 4)] = (byte) 0xC3; // a lead byte alone: not UTF-8
    }
    return bytes;
  }

  private static String field(Random random, boolean hostile) {
    if (!hostile && random.nextBoolean()) {
      // Plain text with nothing structural in it.
      return SAFE[random.nextInt(SAFE.length)];
    }
    int kind = hostile ? random.nextInt(30) : 2 + random.nextInt(10);
    StringBuilder value = new StringBuilder();
    int pieces = random.nextInt(4);
    for (int i = 0; i < pieces; i++) {
      value.append(PIECES[random.nextInt(PIECES.length)]);
    }
    if (kind == 0) {
      return "x".repeat(590 + random.nextInt(20)); // about the field limit
    }
    if (kind < 12) {
      // Quoted properly: commas, quotes and line breaks inside.
      String quoted = "\"" + value.toString().replace("\"", "\"\"") + "\"";
      return kind == 1 ? quoted + (random.nextBoolean() ? " " : "\t") : quoted;
    }
    if (kind == 12) {
      return "\"" + value; // perhaps never closed
    }
    if (kind == 13) {
      return "\"" + value.toString().replace("\"", "\"\"") + "\"x"; // text after the close
    }
    // Unquoted: whatever was drawn, line breaks and commas included (they split the row).
    return value.toString();
  }

  @Test
  void randomAndHostileFeedsReadTheSameEitherWay() {
    Random random = new Random(1604);
    int refused = 0;
    int read = 0;
    for (int feed = 0; feed < 3_000; feed++) {
      byte[] bytes = randomFeed(random);
      boolean trickle = feed % 7 == 0;
      Reading expected = old(bytes, trickle);
      int chunkRows = 1 + random.nextInt(9);
      int chunkBytes = 1 + random.nextInt(500);
      Reading actual = split(bytes, trickle, chunkRows, chunkBytes);
      String what = "feed " + feed + ": " + new String(bytes, StandardCharsets.UTF_8);
      assertSameReading(actual, expected, what);
      if (expected.reason() == null) {
        read++;
      } else {
        refused++;
      }
    }
    assertThat(read).isGreaterThan(500);
    assertThat(refused).isGreaterThan(500);
  }

  @Test
  void theNamedHostileFeedsReadTheSameEitherWay() {
    String[] feeds = {
      "",
      "\r\n\r\n",
      "reference,sex",
      "reference,sex\r\n",
      "\uFEFFreference,sex\r\nR1,M\r\n",
      "reference,sex\r\n\"R\r\n1\",M\r\n\"R\"\"2\",F",
      "reference,sex\nR1,\"M\"  \nR2,\"F\"x\n",
      "reference,sex\nR1,\"M\nR2,F\n",
      "reference,sex\rR1,M\rR2,F\r",
      "reference,sex\nR1,M,extra\n,\n",
      "reference,sex\n" + "R1,\"" + "y".repeat(700) + "\"\n",
      "reference,sex\n" + "R1,M\n".repeat(2_000),
    };
    for (String text : feeds) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      for (boolean trickle : new boolean[] {false, true}) {
        assertSameReading(split(bytes, trickle, 3, 20), old(bytes, trickle), text);
        assertSameReading(split(bytes, trickle, 512, 1 << 20), old(bytes, trickle), text);
      }
    }
  }

  private static final java.util.Set<String> LIMITS_AND_ENCODING =
      java.util.Set.of("FIELD_TOO_LONG", "ROW_TOO_LONG", "TOO_MANY_COLUMNS", "UNREADABLE_ENCODING");

  /**
   * A feed read in full gives the same header and rows either way. A refused feed is refused either
   * way, with the same rows before the fault, with one difference: Commons CSV reads through a
   * decoder that runs some kilobytes ahead of its rows, so a limit or a byte that is not UTF-8 in
   * that stretch refuses the feed before the rows ahead of it are read (and before a fault among
   * them is seen); the cut rows are measured and decoded in row order, so the first fault in row
   * order is the one named, and a bad byte is named by the row that holds it.
   */
  private static void assertSameReading(Reading actual, Reading expected, String what) {
    if (expected.reason() == null) {
      assertThat(actual).as(what).isEqualTo(expected);
      return;
    }
    assertThat(actual.reason()).as(what).isNotNull();
    if (expected.headerSize() >= 0) {
      assertThat(actual.headerSize()).as(what).isEqualTo(expected.headerSize());
      assertThat(actual.ignored()).as(what).isEqualTo(expected.ignored());
    }
    List<String> shorter =
        actual.rows().size() <= expected.rows().size() ? actual.rows() : expected.rows();
    List<String> longer = shorter == actual.rows() ? expected.rows() : actual.rows();
    assertThat(longer.subList(0, shorter.size())).as(what).isEqualTo(shorter);
    if (!LIMITS_AND_ENCODING.contains(expected.reason())) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else if (actual.reason().equals(expected.reason())) {
      if (!expected.reason().equals("UNREADABLE_ENCODING")) {
        assertThat(actual.message()).as(what).isEqualTo(expected.message());
      }
      assertStartsWith(actual.rows(), expected.rows(), what);
    } else {
      // Found first in row order: a fault in a row (or, when the old reader was refused while
      // opening, in the header) that the old reader never reached.
      if (expected.headerSize() < 0 && actual.rows().isEmpty()) {
        assertThat(actual.reason())
            .as(what)
            .isIn("MALFORMED_CSV", "UNREADABLE_ENCODING", "DUPLICATE_COLUMN", "MISSING_COLUMNS");
      } else {
        assertThat(actual.reason()).as(what).isIn("MALFORMED_CSV", "UNREADABLE_ENCODING");
      }
      assertStartsWith(actual.rows(), expected.rows(), what);
    }
  }

  private static void assertStartsWith(List<String> rows, List<String> prefix, String what) {
    assertThat(rows.size()).as(what).isGreaterThanOrEqualTo(prefix.size());
    assertThat(rows.subList(0, prefix.size())).as(what).isEqualTo(prefix);
  }
}
