#!/usr/bin/env bash
# Writes a fictional partnership's data for the compose stack into deploy/docker/sample (git-ignored):
# geography (postcodes, areas, population: mounted into the services) and nightly extracts of the
# three agencies. Synthetic only, from the synth module's generator; never real people.
#
#   deploy/docker/sample-data.sh [--nights 28] [--residents 250000] [--seed n]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/sample"
cd "$root"
# synth needs no other module of the hub, only libraries from Maven Central: nothing to install.
./mvnw -B -q -pl synth compile
classpath="synth/target/classes:$(./mvnw -q -pl synth dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=/dev/stdout)"
# Four weeks unless --nights is given: the generator refuses an option given twice.
nights=(--nights 28)
for arg in "$@"; do
  case "$arg" in --nights | --nights=*) nights=() ;; esac
done
rm -rf "$out"
java -cp "$classpath" uk.vruhub.synth.GenerateCommand --out "$out" ${nights[@]+"${nights[@]}"} "$@"
