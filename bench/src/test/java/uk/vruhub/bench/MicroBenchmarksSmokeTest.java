package uk.vruhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every micro-benchmark once, briefly and in this JVM, so none can rot. It asserts that each
 * ran and gave a result, never how fast.
 */
class MicroBenchmarksSmokeTest {

  @Test
  void everyBenchmarkRuns() throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include("uk\\.vruhub\\.bench\\.jmh\\..*")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .timeUnit(TimeUnit.NANOSECONDS)
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    assertThat(results)
        .extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.jmh\\.", ""))
        .contains(
            "IngestRowBench.readAndValidate",
            "IngestRowBench.baselineCommonsCsvOnly",
            "MatchKeysBench.normaliseAndAllMatchKeys",
            "MatchKeysBench.baselineOneHmacSha256",
            "SerdeBench.serializeConfluentFormat",
            "SerdeBench.deserializeConfluentFormat",
            "SerdeBench.baselineAvroEncode",
            "SerdeBench.baselineAvroDecode",
            "EnforceBench.enforcePolicy",
            "EnforceBench.baselineCopyRecords");
    assertThat(results).allMatch(r -> r.getPrimaryResult().getScore() > 0);
  }
}
