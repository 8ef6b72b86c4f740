#!/usr/bin/env bash
# Builds an image with Confluent's Python client from Debian's packages, for the registry and broker
# interop test (testkit's ConfluentClientsInteropIT) on machines whose own librdkafka is too old.
#
# Why: librdkafka before 2.6.1 builds its SCRAM client-final-message with the client nonce appended
# twice; Kafka 4 checks the nonce strictly (RFC 5802) and refuses every such login as "invalid
# credentials" (confluentinc/librdkafka#4895). Debian 12 ships librdkafka 2.0.2, so its
# python3-confluent-kafka cannot log in to the hub's brokers; Debian 13 (trixie) ships 2.8.0.
#
#   deploy/docker/base/build-python-clients-image.sh [image]
#       default image vruhub/confluent-python:trixie (python3-confluent-kafka, python3-avro,
#       python3-requests, ca-certificates); reused when present
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), DEBIAN_SUITE (default trixie),
# REBUILD_BASE=1 to rebuild an image that exists. Needs root (debootstrap) and a Docker engine.
set -euo pipefail

image="${1:-vruhub/confluent-python:trixie}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite="${DEBIAN_SUITE:-trixie}"
packages=python3-confluent-kafka,python3-avro,python3-requests,ca-certificates

if docker image inspect "$image" >/dev/null 2>&1 && [[ "${REBUILD_BASE:-0}" != 1 ]]; then
  echo "Image $image exists; reusing it (REBUILD_BASE=1 rebuilds it)."
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "debootstrap must run as root (sudo $0)." >&2
  exit 1
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "debootstrap is needed to build $image (apt-get install debootstrap)." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
echo "Building $image: debootstrap $suite (minbase + $packages) from $mirror ..."
start=$SECONDS
debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" \
  >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/tmp/*

versions="$(chroot "$root" python3 -c \
  'import confluent_kafka as c; print("confluent-kafka", c.version()[0], "librdkafka", c.libversion()[0])')"
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/usr/bin/python3"]' \
  --message "Debian $suite minbase with $packages ($versions)" \
  - "$image" >/dev/null
echo "Built $image in $((SECONDS - start)) s: $versions."
