#!/usr/bin/env bash
# Benchmarks. `./bench.sh` runs the end-to-end harness (bench/README.md says what it measures);
# `./bench.sh jmh [JMH options]` runs the micro-benchmarks; `./bench.sh <harness options>` passes
# options to the harness (--help lists them). Builds the bench module and the modules it needs
# first, with `package` only: nothing is installed into ~/.m2, and the class path points at the
# reactor modules' own jars (bench/target/classpath.txt).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl bench -am
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
if [ "${1:-}" = "jmh" ]; then
  shift
  mkdir -p bench/target/bench
  exec java ${BENCH_JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main -rf json -rff bench/target/bench/jmh.json "$@"
fi
exec java ${BENCH_JAVA_OPTS:--Xmx4g} -cp "$cp" uk.vruhub.bench.harness.BenchCommand "$@"
