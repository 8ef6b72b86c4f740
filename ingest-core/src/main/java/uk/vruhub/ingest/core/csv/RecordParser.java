package uk.vruhub.ingest.core.csv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * Parses the rows of a {@link RawChunk} into their fields, as Commons CSV's RFC 4180 format does
 * ({@link FeedReader}, whose results it gives exactly): a quote opens a quoted field only as the
 * field's first character, a doubled quote inside one is a quote, after the closing quote only
 * whitespace may come before the separator, and a quote left open is an error. Only the contract's
 * columns become strings. One parser per thread: it keeps its decoder and character buffer.
 *
 * <p>Broken quoting and bytes that are not UTF-8 refuse the feed with the row they are in; the
 * refusal never says what the bytes were.
 */
public final class RecordParser {

  private final FeedContract contract;
  private final HeaderMapping header;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private char[] chars = new char[1024];
  private final StringBuilder quoted = new StringBuilder();

  RecordParser(FeedContract contract, HeaderMapping header) {
    this.contract = contract;
    this.header = header;
  }

  HeaderMapping header() {
    return header;
  }

  /** The chunk's row {@code i}, its values by the contract's column positions. */
  public FeedReader.RawRow row(RawChunk chunk, int i) {
    long row = chunk.row(i);
    String[] fields = new String[header.headerPositions().length];
    int count = parse(chunk.data(), chunk.start(i), chunk.end(i), row, fields);
    return new FeedReader.RawRow(row, fields, count, contract);
  }

  /** The header's names (row 1), every one of them. */
  static List<String> headerNames(byte[] data, int start, int end) {
    List<String> names = new ArrayList<>();
    RecordParser parser = new RecordParser(null, null);
    parser.fields(data, start, end, 1, names::add);
    return names;
  }

  private interface FieldSink {
    void field(String value);
  }

  private int parse(byte[] data, int start, int end, long row, String[] out) {
    int[] contractIndexes = header.contractIndexes();
    int[] position = {0};
    fields(
        data,
        start,
        end,
        row,
        value -> {
          int p = position[0]++;
          if (p < contractIndexes.length && contractIndexes[p] >= 0) {
            out[contractIndexes[p]] = value;
          }
        });
    return position[0];
  }

  private void fields(byte[] data, int start, int end, long row, FieldSink sink) {
    int n = decode(data, start, end, row);
    char[] cs = chars;
    int p = 0;
    while (true) {
      if (p < n && cs[p] == '"') {
        quoted.setLength(0);
        p++;
        while (true) {
          if (p >= n) {
            throw malformed(row);
          }
          char c = cs[p++];
          if (c == '"') {
            if (p < n && cs[p] == '"') {
              quoted.append('"');
              p++;
            } else {
              // As Commons CSV: whitespace may follow the closing quote, nothing else but a comma.
              while (p < n && cs[p] != ',' && Character.isWhitespace(cs[p])) {
                p++;
              }
              if (p < n && cs[p] != ',') {
                throw malformed(row);
              }
              break;
            }
          } else {
            quoted.append(c);
          }
        }
        sink.field(quoted.toString());
      } else {
        int from = p;
        while (p < n && cs[p] != ',') {
          p++;
        }
        sink.field(new String(cs, from, p - from));
      }
      if (p >= n) {
        return;
      }
      p++; // the comma; a row that ends with one has an empty last field
    }
  }

  /** Decodes a row's bytes into {@link #chars}; returns how many characters it has. */
  private int decode(byte[] data, int start, int end, long row) {
    int length = end - start;
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    boolean ascii = true;
    for (int i = start; i < end; i++) {
      if (data[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      for (int i = 0; i < length; i++) {
        chars[i] = (char) data[start + i];
      }
      return length;
    }
    decoder.reset();
    CharBuffer out = CharBuffer.wrap(chars);
    CoderResult result = decoder.decode(ByteBuffer.wrap(data, start, length), out, true);
    if (!result.isUnderflow()) {
      throw unreadable(row);
    }
    if (!decoder.flush(out).isUnderflow()) {
      throw unreadable(row);
    }
    return out.position();
  }

  private static FeedRefusedException malformed(long row) {
    return new FeedRefusedException(
        "MALFORMED_CSV",
        "The feed is not well-formed CSV near row "
            + row
            + " (an unterminated quoted field or stray quote?).");
  }

  private static FeedRefusedException unreadable(long row) {
    return new FeedRefusedException(
        "UNREADABLE_ENCODING",
        "The feed is not UTF-8 text: an invalid byte sequence near row "
            + row
            + ". Export it as UTF-8 (CSV UTF-8).");
  }
}
