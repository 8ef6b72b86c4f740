package uk.vruhub.bench.jmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import uk.vruhub.bench.BenchData;
import uk.vruhub.ingest.core.csv.FeedReader;
import uk.vruhub.ingest.core.validate.RowValidator;
import uk.vruhub.ingest.police.PoliceFeed;

/**
 * CSV read + validation of a police feed, per row, beside Commons CSV reading the same bytes with
 * no checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestRowBench {

  static final int ROWS = 10_000;

  private byte[] feed;
  private PoliceFeed police;
  private RowValidator validator;

  @Setup
  public void setUp() throws IOException {
    Path dir = Files.createTempDirectory("bench-rows");
    BenchData.generate(dir, 250_000, 91, 1);
    feed = BenchData.policeFeed(dir, ROWS);
    police = new PoliceFeed();
    validator = new RowValidator(police.contract(), Clock.systemUTC(), police.rules());
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void readAndValidate(Blackhole bh) throws IOException {
    try (FeedReader reader = FeedReader.open(new ByteArrayInputStream(feed), police.contract())) {
      for (FeedReader.RawRow row : reader) {
        bh.consume(validator.validate(row.row(), row.values()));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void baselineCommonsCsvOnly(Blackhole bh) throws IOException {
    try (CSVParser parser =
        CSVParser.parse(
            new InputStreamReader(new ByteArrayInputStream(feed), StandardCharsets.UTF_8),
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord r : parser) {
        for (String v : r) {
          bh.consume(v);
        }
      }
    }
  }
}
