#!/usr/bin/env bash
# Builds every image of the hub: the base JRE (from Debian packages, unless BASE_IMAGE names a public
# one), the Kafka broker, the registry, the three ingest services and the aggregator.
#
#   deploy/docker/build-images.sh            package the jars with Maven, then build the images
#   deploy/docker/build-images.sh --no-maven use the jars already packaged (the Maven build does this)
#
# Options: --if-docker        without a Docker engine, say so and build nothing (exit 0)
#          --required=true    with --if-docker: fail instead (CI)
# Environment: BASE_IMAGE (default vruhub/jre:17, built by base/build-base-image.sh when missing;
#              e.g. eclipse-temurin:17-jre where Docker Hub is reachable), HUB_IMAGE_TAG (default local).
# A second run that changed nothing reuses every layer and takes seconds.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
maven=1 if_docker=0 required=false
for arg in "$@"; do
  case "$arg" in
    --no-maven) maven=0 ;;
    --if-docker) if_docker=1 ;;
    --required=*) required="${arg#--required=}" ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "Unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

# Without an engine: skip (a user without Docker still builds and tests everything else) or fail.
give_up() {
  if [[ $if_docker == 1 && $required != true ]]; then
    echo "[images] $1 - container images not built; the *ContainerIT tests will be skipped."
    exit 0
  fi
  echo "[images] $1" >&2
  exit 1
}
command -v docker >/dev/null 2>&1 || give_up "No docker command on this machine"
docker info >/dev/null 2>&1 || give_up "No Docker engine is reachable (docker info failed)"

tag="${HUB_IMAGE_TAG:-local}"
base="${BASE_IMAGE:-vruhub/jre:17}"
start=$SECONDS
if [[ -z "${BASE_IMAGE:-}" ]]; then
  "$here/base/build-base-image.sh" "$base" || give_up "Cannot build the base image $base"
fi

if [[ $maven == 1 ]]; then
  echo "[images] Packaging the services with Maven (tests skipped) ..."
  (cd "$root" && ./mvnw -B -q -DskipTests -Dhub.docker.images.skip=true package -pl deploy/docker/kafka,deploy/docker -am)
fi

stage="$here/target/images"
mkdir -p "$stage"
exec_jar() {
  local jars=("$root/$1"/target/*-exec.jar)
  [[ -f "${jars[0]}" ]] || { echo "[images] No executable jar in $1/target: run without --no-maven" >&2; exit 1; }
  echo "${jars[0]}"
}

build() { # name context dockerfile build-args...
  local name="$1" context="$2" dockerfile="$3"
  shift 3
  local t0=$SECONDS
  DOCKER_CLI_HINTS=false docker build -q -f "$dockerfile" --build-arg "BASE_IMAGE=$base" "$@" -t "$name" "$context" \
    > >(cat >/dev/null) 2> >(grep -v -e "DEPRECATED: The legacy builder" -e "buildx component" -e "docs.docker.com/go/buildx" -e "^ *$" >&2) \
    || { echo "[images] Building $name failed (rerun: docker build -f $dockerfile $context)" >&2; exit 1; }
  printf '[images] %-32s %3d s\n' "$name" $((SECONDS - t0))
}

# Kafka broker: libs/ was filled by the Maven build of deploy/docker/kafka.
kafka_ctx="$stage/kafka"
compgen -G "$kafka_ctx/libs/kafka_2.13-*.jar" >/dev/null \
  || { echo "[images] $kafka_ctx/libs is empty: run without --no-maven" >&2; exit 1; }
kafka_version="$(basename "$(ls "$kafka_ctx"/libs/kafka_2.13-*.jar | head -1)" .jar)"
kafka_version="${kafka_version#kafka_2.13-}"
cp -p "$here"/kafka/{run,configure-properties,sasl-from-files,healthcheck,log4j2.properties} "$kafka_ctx/"
build "vruhub/kafka:$kafka_version" "$kafka_ctx" "$here/kafka/Dockerfile" --build-arg "KAFKA_VERSION=$kafka_version"

# Services: name, module, port.
while read -r service module port; do
  ctx="$stage/$service"
  mkdir -p "$ctx"
  jar="$(exec_jar "$module")"
  # Copy only when changed, so Docker's layer cache sees the same file.
  cmp -s "$jar" "$ctx/application.jar" || cp -p "$jar" "$ctx/application.jar"
  cp -p "$here/service/healthcheck" "$ctx/healthcheck"
  build "vruhub/$service:$tag" "$ctx" "$here/service/Dockerfile" \
    --build-arg "SERVICE=$service" --build-arg "PORT=$port"
done <<'SERVICES'
registry deploy/registry 8081
ingest-police ingest-police 8091
ingest-health ingest-health 8092
ingest-education ingest-education 8093
aggregator aggregator 8090
SERVICES

echo "[images] All images built in $((SECONDS - start)) s (base $base, tag $tag, Kafka $kafka_version)."
