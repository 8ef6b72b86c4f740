#!/usr/bin/env bash
# Builds the hub's base JRE image from Debian packages, for machines that cannot pull a public image.
# Elsewhere, pass a public JRE image as BASE_IMAGE to build-images.sh instead and never run this.
# With --jdk it builds the same minimal system with a JDK instead of a JRE (and nothing else: no
# Maven, no unzip, curl or wget): the fresh machine that ../fresh-machine/check.sh builds the hub on.
#
#   deploy/docker/base/build-base-image.sh [--jdk] [image]
#       default image vruhub/jre:17 (openjdk-17-jre-headless), with --jdk vruhub/jdk:17
#       (openjdk-17-jdk-headless); reused when present
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), DEBIAN_SUITE (default bookworm),
# REBUILD_BASE=1 to rebuild an image that exists.
set -euo pipefail

java_package=openjdk-17-jre-headless
default_image=vruhub/jre:17
if [[ "${1:-}" == --jdk ]]; then
  java_package=openjdk-17-jdk-headless
  default_image=vruhub/jdk:17
  shift
fi
image="${1:-$default_image}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite="${DEBIAN_SUITE:-bookworm}"

if docker image inspect "$image" >/dev/null 2>&1 && [[ "${REBUILD_BASE:-0}" != 1 ]]; then
  echo "Base image $image exists; reusing it (REBUILD_BASE=1 rebuilds it)."
  exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing debootstrap from Debian's packages..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
  else
    echo "debootstrap is needed to build $image (apt-get install debootstrap), or set BASE_IMAGE" \
      "to a public JRE image such as eclipse-temurin:17-jre." >&2
    exit 1
  fi
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "debootstrap must run as root (sudo $0)." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
echo "Building $image: debootstrap $suite (minbase + $java_package) from $mirror ..."
start=$SECONDS
debootstrap --variant=minbase --include="$java_package" "$suite" "$root" "$mirror" \
  >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log" >&2; exit 1; }

# Leave out what a container never needs: package caches, lists, docs, man pages.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/tmp/*

java_home="$(cd "$root" && ls -d usr/lib/jvm/java-17-openjdk-* | head -1)"
java_home="/${java_home:?no Java was installed in the image}"
tar -C "$root" -c . | docker import \
  --change "ENV JAVA_HOME=$java_home" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  --message "Debian $suite minbase with $java_package" \
  - "$image" >/dev/null
echo "Built $image in $((SECONDS - start)) s ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}'))."
