package uk.vruhub.ingest.core.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * Cuts a CSV extract into chunks of rows without parsing them, so that the one thread reading the
 * feed does only that, and workers parse ({@link RecordParser}). Row ends are found by {@link
 * CsvScanner}: a line break outside quotes, so quoted line breaks stay in their row; empty lines
 * are no rows; the {@link CsvLimits} are checked byte by byte as before. What it holds is one chunk
 * and one row being cut, whatever the feed's size.
 *
 * <p>It gives what {@link FeedReader} gives, row for row: the same header checks (a BOM skipped, an
 * empty file, a header only, columns named twice or missing), the same row numbers, and the same
 * refusals; broken quoting and bytes that are not UTF-8 are found by the parser on a worker, and
 * name the row they are in.
 */
public final class FeedSplitter implements Closeable {

  private static final int READ_BYTES = 64 * 1024;

  private final InputStream in;
  private final CsvScanner scanner;
  private final int chunkRows;
  private final int chunkBytes;
  private final byte[] buffer = new byte[READ_BYTES];
  private int bufferPosition;
  private int bufferLimit;
  private boolean eof;

  /** The row being cut (or the chunk being filled): its bytes so far. */
  private byte[] data;

  private int size;
  private int[] ends;
  private int count;
  private long rowsCut;
  private HeaderMapping header;
  private FeedRefusedException refused;
  private final FeedContract contract;

  private FeedSplitter(
      InputStream in, FeedContract contract, CsvLimits limits, int chunkRows, int chunkBytes) {
    this.in = in;
    this.contract = contract;
    this.scanner = new CsvScanner(limits);
    this.chunkRows = chunkRows;
    this.chunkBytes = chunkBytes;
    freshChunk();
  }

  /**
   * Opens a feed and reads its header; refuses it at once when the file is empty or the header is
   * too wide, too long, unreadable or lacks required columns.
   *
   * @param chunkRows most rows in a chunk
   * @param chunkBytes bytes after which a chunk is closed
   */
  public static FeedSplitter open(
      InputStream bytes, FeedContract contract, CsvLimits limits, int chunkRows, int chunkBytes)
      throws IOException {
    FeedSplitter splitter = new FeedSplitter(bytes, contract, limits, chunkRows, chunkBytes);
    try {
      splitter.skipBom();
      if (!splitter.cutRow()) {
        throw new FeedRefusedException("EMPTY_FILE", "The feed is empty: it has no header row.");
      }
      List<String> names = RecordParser.headerNames(splitter.data, 0, splitter.ends[0]);
      splitter.header = HeaderMapping.of(names, contract);
      splitter.freshChunk();
      return splitter;
    } catch (IOException | RuntimeException e) {
      splitter.close();
      throw e;
    }
  }

  /** Positions (first = 1) of header columns not in the contract, never read or named. */
  public List<Integer> ignoredColumns() {
    return header.ignoredColumns();
  }

  /** Fields the header declares. */
  public int headerSize() {
    return header.headerSize();
  }

  /** A parser for this feed's rows, for one thread. */
  public RecordParser parser() {
    return new RecordParser(contract, header);
  }

  /** Whether a parser is one of this feed's (made by {@link #parser}). */
  public boolean owns(RecordParser parser) {
    return parser.header() == header;
  }

  /**
   * The next chunk of rows, or null at the end of the feed; refuses a feed with a header and no
   * rows, or past a limit (the rows before the one past it are in the chunks already given).
   */
  public RawChunk next() throws IOException {
    if (refused != null) {
      throw refused;
    }
    try {
      while (count < chunkRows && size < chunkBytes) {
        if (!cutRow()) {
          break;
        }
      }
    } catch (FeedRefusedException e) {
      // The rows cut before the fault are handed over first, as the reader hands them over.
      refused = e;
      size = count == 0 ? 0 : ends[count - 1];
      if (count == 0) {
        throw e;
      }
    }
    if (count == 0) {
      if (rowsCut == 1) {
        throw new FeedRefusedException("HEADER_ONLY", "The feed has a header but no data rows.");
      }
      return null;
    }
    RawChunk chunk = new RawChunk(data, ends, count, rowsCut - count + 1);
    freshChunk();
    return chunk;
  }

  private void freshChunk() {
    data = new byte[Math.max(1024, Math.min(chunkBytes, 256 * 1024))];
    ends = new int[Math.min(chunkRows, 1024)];
    size = 0;
    count = 0;
  }

  private void skipBom() throws IOException {
    fill();
    if (bufferLimit - bufferPosition < 3 && !eof) {
      // A read that gave fewer than three bytes: read on until there are three, or the end.
      byte[] first = in.readNBytes(3 - (bufferLimit - bufferPosition));
      System.arraycopy(first, 0, buffer, bufferLimit, first.length);
      bufferLimit += first.length;
    }
    if (bufferLimit - bufferPosition >= 3
        && (buffer[bufferPosition] & 0xff) == 0xEF
        && (buffer[bufferPosition + 1] & 0xff) == 0xBB
        && (buffer[bufferPosition + 2] & 0xff) == 0xBF) {
      bufferPosition += 3;
    }
  }

  private void fill() throws IOException {
    if (bufferPosition < bufferLimit || eof) {
      return;
    }
    int n = in.read(buffer, 0, buffer.length);
    bufferPosition = 0;
    bufferLimit = Math.max(n, 0);
    eof = n < 0;
  }

  /** Cuts the next row into the chunk; false at the end of the feed. */
  private boolean cutRow() throws IOException {
    boolean started = false;
    while (true) {
      fill();
      if (bufferPosition >= bufferLimit) {
        if (started) {
          endRow(); // the last row, without a line break (or with a quote left open)
        }
        return started;
      }
      int from = bufferPosition;
      int i = from;
      int limit = bufferLimit;
      byte[] b = buffer;
      int end = -1;
      for (; i < limit; i++) {
        int kind = scanner.accept(b[i]);
        if (kind == CsvScanner.CONTENT) {
          if (!started) {
            started = true;
            from = i;
          }
        } else if (kind == CsvScanner.ROW_END) {
          end = i;
          break;
        } else if (!started) {
          from = i + 1;
        }
      }
      if (started) {
        append(b, from, (end >= 0 ? end : i) - from);
      }
      bufferPosition = end >= 0 ? end + 1 : i;
      if (end >= 0) {
        endRow();
        return true;
      }
    }
  }

  private void append(byte[] b, int from, int length) {
    if (size + length > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + length));
    }
    System.arraycopy(b, from, data, size, length);
    size += length;
  }

  private void endRow() {
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, ends.length * 2);
    }
    ends[count++] = size;
    rowsCut++;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
