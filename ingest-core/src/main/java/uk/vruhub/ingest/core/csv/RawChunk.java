package uk.vruhub.ingest.core.csv;

/**
 * Consecutive rows of a feed as the feed's thread cut them, still bytes: each row's UTF-8 without
 * its line break (quoted line breaks kept), to be parsed on a worker ({@link RecordParser}).
 */
public final class RawChunk {

  private final byte[] data;
  private final int[] ends;
  private final int count;
  private final long firstRow;

  RawChunk(byte[] data, int[] ends, int count, long firstRow) {
    this.data = data;
    this.ends = ends;
    this.count = count;
    this.firstRow = firstRow;
  }

  /** Rows in the chunk. */
  public int size() {
    return count;
  }

  /** The number of the chunk's row {@code i}, as a spreadsheet shows it (header = 1). */
  public long row(int i) {
    return firstRow + i;
  }

  byte[] data() {
    return data;
  }

  int start(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  int end(int i) {
    return ends[i];
  }

  /** Bytes the chunk's rows hold. */
  public int bytes() {
    return count == 0 ? 0 : ends[count - 1];
  }
}
