package uk.vruhub.ingest.core.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a feed on their way to the CSV parser, measured row by row and field by field as
 * they pass: past a {@link CsvLimits} limit the feed is refused at once, so the parser never
 * buffers more than a limit's worth of one row.
 *
 * <p>The structure is read as {@link CsvScanner} reads it.
 */
final class BoundedCsvInput extends FilterInputStream {

  private final CsvScanner scanner;

  BoundedCsvInput(InputStream in, CsvLimits limits) {
    super(in);
    this.scanner = new CsvScanner(limits);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      accept((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      accept(buffer[offset + i]);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes would escape measurement; read them instead.
    long skipped = 0;
    byte[] buffer = new byte[8192];
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void accept(byte b) {
    scanner.accept(b);
  }
}
