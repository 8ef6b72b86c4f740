#!/usr/bin/env bash
# First contact on a fresh machine: the README's set-up path, run on a committed tree in a throwaway
# container that has a JDK and nothing else (no Maven, no Maven cache, no unzip, curl or wget), as a
# non-root user. It catches what a developer's machine hides: a wrapper that needs a tool the
# machine lacks, a build that leans on jars already in ~/.m2, a file the build needs that was never
# committed.
#
#   deploy/docker/fresh-machine/check.sh [commit]        (default HEAD; uncommitted changes are not
#                                                          part of the check)
#
# Steps, each timed: the machine is as bare as claimed; ./mvnw -v (the wrapper fetches its jar with
# the committed downloader and javac, then Maven, both checked against their SHA-256); a wrong
# checksum of either stops a copy of the wrapper; ./hub --help
# (the first use builds the hub); ./hub --help again (no rebuild); the unit tests of one module. A
# failing step prints the end of its output and the check exits non-zero.
#
# The container reaches Maven Central through this machine's network, trusting what this machine
# trusts: the certificates its administrator added (on Debian and Ubuntu, the *.crt files in
# /usr/local/share/ca-certificates, as a corporate network with a TLS-inspecting proxy needs) are
# copied into the container and installed there with update-ca-certificates. With none, the container
# keeps Debian's own CA list.
#
# Environment: FRESH_MACHINE_IMAGE (default vruhub/jdk:17, built by ../base/build-base-image.sh --jdk
# when missing), FRESH_MACHINE_CA_DIR (default /usr/local/share/ca-certificates),
# FRESH_MACHINE_STEP_TIMEOUT (seconds per step, default 1800), FRESH_MACHINE_TEST_MODULE (default
# policy), FRESH_MACHINE_KEEP_LOGS=1 to keep the step logs after a pass.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
commit="$(git -C "$repo" rev-parse --verify "${1:-HEAD}^{commit}")"
image="${FRESH_MACHINE_IMAGE:-vruhub/jdk:17}"
ca_dir="${FRESH_MACHINE_CA_DIR:-/usr/local/share/ca-certificates}"
step_timeout="${FRESH_MACHINE_STEP_TIMEOUT:-1800}"
test_module="${FRESH_MACHINE_TEST_MODULE:-policy}"
user=developer
home="/home/$user"
tree="$home/vru-hub"

say() { echo "[fresh-machine] $*"; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }

check_start=$(now_ms)
timings=()
record() { timings+=("$(printf '  %-34s %10s' "$1" "$(secs "$2")")"); }
report() {
  say "times:"
  printf '%s\n' "${timings[@]}"
  printf '  %-34s %10s\n' "total" "$(secs $(($(now_ms) - check_start)))"
}

logs="$(mktemp -d)"
name="vruhub-fresh-machine-$$-$RANDOM"
cleanup() {
  local status=$?
  docker rm -f "$name" >/dev/null 2>&1 || true
  if [[ $status -eq 0 && "${FRESH_MACHINE_KEEP_LOGS:-0}" != 1 ]]; then
    rm -rf "$logs"
  else
    say "step logs kept in $logs"
  fi
}
trap cleanup EXIT

fail() { # title log message
  say "FAILED: $1: $3"
  if [[ -s "$2" ]]; then
    echo "---- last 60 lines of its output ($2):"
    tail -n 60 "$2" | cut -c1-400
    echo "----"
  fi
  report
  exit 1
}

# The machine: a JDK image from Debian packages, reused when present.
t0=$(now_ms)
if docker image inspect "$image" >/dev/null 2>&1; then
  say "image $image exists; reusing it (REBUILD_BASE=1 $here/../base/build-base-image.sh --jdk rebuilds it)"
else
  "$here/../base/build-base-image.sh" --jdk "$image" || fail "image" /dev/null "cannot build $image"
fi
record "image $image" $(($(now_ms) - t0))

t0=$(now_ms)
say "commit $(git -C "$repo" log -1 --format='%h %s' "$commit")"
docker run -d --init --name "$name" "$image" sleep infinity >/dev/null \
  || fail "container" /dev/null "cannot start a container from $image"
as_root() { docker exec "$name" bash -c "$1"; }
as_root "useradd --create-home --uid 1000 --shell /bin/bash $user" >"$logs/0-setup.log" 2>&1 \
  || fail "setup" "$logs/0-setup.log" "cannot create the user $user"
# The committed tree only: nothing from target/, the local ~/.m2 or untracked files.
if ! { git -C "$repo" archive --prefix=vru-hub/ "$commit" | docker cp - "$name:$home" \
  && as_root "chown -R $user:$user $tree"; } >>"$logs/0-setup.log" 2>&1; then
  fail "setup" "$logs/0-setup.log" "cannot copy the tree of $commit into the container"
fi
# This machine's own trusted CAs (a corporate network's TLS-inspecting proxy needs them); none: skip.
cas=0
shopt -s nullglob
for ca in "$ca_dir"/*.crt; do
  [[ -r "$ca" ]] || continue
  docker cp -L "$ca" "$name:/usr/local/share/ca-certificates/" || fail "setup" /dev/null "cannot copy $ca"
  cas=$((cas + 1))
done
shopt -u nullglob
if [[ $cas -gt 0 ]]; then
  as_root "update-ca-certificates" >>"$logs/0-setup.log" 2>&1 \
    || fail "setup" "$logs/0-setup.log" "update-ca-certificates failed"
  say "installed $cas CA certificate(s) from $ca_dir (this machine's own trusted CAs)"
else
  say "no CA certificates in $ca_dir; the container trusts Debian's CA list only"
fi
record "container and tree" $(($(now_ms) - t0))

n=0
last_log=""
step() { # title command...: runs the command in the tree as the non-root user
  local title="$1" log
  shift
  n=$((n + 1))
  log="$logs/$n-$(echo "$title" | tr -c 'a-zA-Z0-9\n' '-').log"
  last_log="$log"
  if [[ "$*" == *$'\n'* ]]; then say "step $n: $title"; else say "step $n: $title: $*"; fi
  local t0
  t0=$(now_ms)
  if ! timeout "$step_timeout" docker exec -u "$user" -w "$tree" -e "HOME=$home" "$name" \
    bash -c "$*" >"$log" 2>&1; then
    record "$title" $(($(now_ms) - t0))
    fail "$title" "$log" "exited non-zero (or ran past ${step_timeout} s)"
  fi
  record "$title" $(($(now_ms) - t0))
  say "step $n: $title: done in $(secs $(($(now_ms) - t0)))"
}
expect() { # title pattern: the last step's output must contain the pattern
  grep -q -E -- "$2" "$last_log" || fail "$1" "$last_log" "its output lacks /$2/"
}
refuse() { # title pattern: the last step's output must not contain the pattern
  ! grep -q -E -- "$2" "$last_log" || fail "$1" "$last_log" "its output has /$2/"
}

step "bare machine" 'set -e
  for tool in mvn unzip curl wget; do
    if command -v "$tool"; then echo "unexpected on a fresh machine: $tool"; exit 1; fi
  done
  if [ -e ~/.m2 ]; then echo "unexpected on a fresh machine: ~/.m2"; exit 1; fi
  if [ -e .mvn/wrapper/maven-wrapper.jar ]; then echo "the wrapper jar is committed"; exit 1; fi
  if [ "$(id -u)" = 0 ]; then echo "running as root"; exit 1; fi
  java -version 2>&1'

step "wrapper bootstrap" 'MVNW_VERBOSE=true ./mvnw -B -v'
expect "wrapper bootstrap" 'Compiling MavenWrapperDownloader'
expect "wrapper bootstrap" 'Validated SHA-256 hash'
expect "wrapper bootstrap" '^Apache Maven 3'

# A wrong checksum must stop the wrapper: tried on a copy of the wrapper with a Maven home of its own.
step "checksums enforced" 'set -e
  zeros=0000000000000000000000000000000000000000000000000000000000000000
  copy="$(mktemp -d)"
  cp -r mvnw .mvn "$copy"
  cd "$copy"
  cp .mvn/wrapper/maven-wrapper.properties good.properties
  rm -f .mvn/wrapper/maven-wrapper.jar
  sed "s/^wrapperSha256Sum=.*/wrapperSha256Sum=$zeros/" good.properties >.mvn/wrapper/maven-wrapper.properties
  if MAVEN_USER_HOME="$copy/m2" ./mvnw -B -v; then echo "accepted a wrong wrapperSha256Sum"; exit 1; fi
  cp "$OLDPWD/.mvn/wrapper/maven-wrapper.jar" .mvn/wrapper/
  sed "s/^distributionSha256Sum=.*/distributionSha256Sum=$zeros/" good.properties >.mvn/wrapper/maven-wrapper.properties
  if MAVEN_USER_HOME="$copy/m2" ./mvnw -B -v; then echo "accepted a wrong distributionSha256Sum"; exit 1; fi
  rm -rf "$copy"'
expect "checksums enforced" 'Failed to validate Maven wrapper SHA-256'
expect "checksums enforced" 'Failed to validate Maven distribution SHA-256'

step "hub build and ./hub --help" './hub --help'
expect "hub build and ./hub --help" '^\[hub\] Building'
expect "hub build and ./hub --help" '^Usage: hub'

step "./hub --help (built)" './hub --help'
refuse "./hub --help (built)" '^\[hub\] Building'
expect "./hub --help (built)" '^Usage: hub'

step "unit tests of $test_module" "./mvnw -B test -pl $test_module -am"
expect "unit tests of $test_module" 'BUILD SUCCESS'
# Surefire's summary line of each module (the per-class lines also carry "Time elapsed").
tests_run="$(grep -E '^\[[A-Z]+\] Tests run: [0-9]+, .*Skipped: [0-9]+$' "$last_log" \
  | sed -E 's/.*Tests run: ([0-9]+),.*/\1/' | awk '{ run += $1 } END { print run + 0 }')"
[[ "$tests_run" -gt 0 ]] || fail "unit tests of $test_module" "$last_log" "no test ran"
say "unit tests of $test_module: $tests_run run, none failed"

say "PASSED: the README's set-up path works on a fresh machine (commit ${commit:0:12})"
report
