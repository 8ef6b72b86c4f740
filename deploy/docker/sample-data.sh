#!/usr/bin/env bash
# Writes a fictional partnership's data for the compose stack into deploy/docker/sample (git-ignored):
# geography (postcodes, areas, population: mounted into the services) and nightly extracts of the
# three agencies. Synthetic only, from the testkit's generator; never real people.
#
#   deploy/docker/sample-data.sh [--nights 28] [--residents 250000] [--seed n]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/sample"
cd "$root"
if ! compgen -G "testkit/target/testkit-*.jar" >/dev/null; then
  ./mvnw -B -q -DskipTests -pl testkit -am install
fi
classpath="testkit/target/classes:$(./mvnw -q -pl testkit dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
rm -rf "$out"
java -cp "$classpath" uk.vruhub.testkit.synth.GenerateCommand --out "$out" --nights 28 "$@"
