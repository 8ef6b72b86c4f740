package uk.vruhub.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
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
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.topology.OutputRecords;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.bench.AggregatorBenchSettings;
import uk.vruhub.policy.enforce.Enforced;
import uk.vruhub.schemas.registry.InMemorySchemaRegistry;
import uk.vruhub.synth.SyntheticArea;

/**
 * Policy enforcement per hotspot output record (one cell gives a record per definition and source),
 * beside copying the same records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnforceBench {

  /** Four definitions, three sources (police, health, combined). */
  static final int RECORDS_PER_CELL = 12;

  private AggregatorSettings settings;
  private String cell;
  private int[] counts;
  private List<SpecificRecord> built;

  @Setup
  public void setUp() throws IOException {
    Path geography = Files.createTempDirectory("bench-geo");
    SyntheticArea.build(250_000, 1).write(geography);
    settings =
        AggregatorBenchSettings.of(
            geography,
            new InMemorySchemaRegistry(1),
            true,
            AggregatorSettings.StateStores.IN_MEMORY);
    // A cell key is <area>|<period type>|<period start>; counts have one slot per definition,
    // source (police, health) and location (known, unknown).
    cell = "E01900001|MONTH|2025-02-01";
    counts = new int[] {12, 0, 3, 1, 9, 0, 2, 0, 17, 1, 4, 0, 7, 0, 1, 0};
    List<Enforced> records = OutputRecords.hotspots(settings, cell, counts);
    if (records.size() != RECORDS_PER_CELL) {
      throw new IllegalStateException(
          "A cell now gives " + records.size() + " records; update RECORDS_PER_CELL");
    }
    built = records.stream().map(Enforced::value).toList();
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS_PER_CELL)
  public List<Enforced> enforcePolicy() {
    return OutputRecords.hotspots(settings, cell, counts);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS_PER_CELL)
  public void baselineCopyRecords(Blackhole bh) {
    for (SpecificRecord r : built) {
      bh.consume(HotspotCell.newBuilder((HotspotCell) r).build());
    }
  }
}
