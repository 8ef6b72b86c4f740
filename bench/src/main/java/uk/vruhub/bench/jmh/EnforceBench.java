package uk.vruhub.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import uk.vruhub.aggregator.hotspot.Cell;
import uk.vruhub.aggregator.hotspot.Counts;
import uk.vruhub.aggregator.hotspot.HotspotRecords;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.avro.hub.HotspotCell;
import uk.vruhub.avro.hub.PeriodType;
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

  private HotspotRecords hotspots;
  private List<uk.vruhub.aggregator.hotspot.CellDefinition> keys;
  private List<Counts> counts;
  private Instant revisedAt;
  private List<SpecificRecord> built;

  @Setup
  public void setUp() throws IOException {
    Path geography = Files.createTempDirectory("bench-geo");
    SyntheticArea.build(250_000, 1).write(geography);
    AggregatorSettings settings =
        AggregatorBenchSettings.of(
            geography,
            new InMemorySchemaRegistry(1),
            true,
            AggregatorSettings.StateStores.IN_MEMORY);
    // One cell (an LSOA's month) under each definition, with police and health events, some of
    // them unlocated.
    hotspots = new HotspotRecords(settings);
    revisedAt = settings.clock().instant();
    Cell cell = new Cell("E01900001", PeriodType.MONTH, LocalDate.parse("2025-02-01"));
    keys = settings.definitions().all().stream().map(d -> cell.under(d.key())).toList();
    counts =
        List.of(
            new Counts(12, 0, 3, 1),
            new Counts(9, 0, 2, 0),
            new Counts(17, 1, 4, 0),
            new Counts(7, 0, 1, 0));
    List<Enforced> records = enforce();
    if (records.size() != RECORDS_PER_CELL) {
      throw new IllegalStateException(
          "A cell now gives " + records.size() + " records; update RECORDS_PER_CELL");
    }
    built = records.stream().map(Enforced::value).toList();
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS_PER_CELL)
  public List<Enforced> enforcePolicy() {
    return enforce();
  }

  /** The records of the cell: one per definition and source. */
  private List<Enforced> enforce() {
    List<Enforced> out = new ArrayList<>(RECORDS_PER_CELL);
    for (int d = 0; d < keys.size(); d++) {
      out.addAll(hotspots.all(keys.get(d), counts.get(d), revisedAt));
    }
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS_PER_CELL)
  public void baselineCopyRecords(Blackhole bh) {
    for (SpecificRecord r : built) {
      bh.consume(HotspotCell.newBuilder((HotspotCell) r).build());
    }
  }
}
