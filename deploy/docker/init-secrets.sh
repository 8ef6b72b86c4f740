#!/usr/bin/env bash
# Makes the compose stack's secrets once, from the kernel's random source, into deploy/docker/secrets
# (git-ignored), and writes .env beside compose.yaml with the SHA-256 of the intake bearer tokens (services
# hold only the hashes). Existing secrets are kept: re-running changes nothing, except that a
# certificate close to expiry or naming other hosts is issued again, and the topic job's client
# settings are rewritten from the current hub-admin password.
#
#   secrets/linkage.secret          shared by the three ingest services (match keys); 48 random bytes
#   secrets/recipients/vru-analyst  the analyst's re-pseudonymisation secret (level 2 outputs)
#   secrets/tokens/<name>           bearer tokens: police, health, education (the ingest services'
#                                   intake) and one per policy recipient id (vru-analyst, csp-partners,
#                                   strategic-board: the aggregator's tables); a tokens/analyst of an
#                                   older layout is renamed tokens/vru-analyst
#   secrets/token-hashes/<id>       hex SHA-256 of each recipient's token, the aggregator's
#                                   hub.aggregator.http.recipient-tokens-dir (hashes, not tokens)
#   secrets/registry/<user>         HTTP basic password of each schema registry user: the services
#                                   (aggregator and ingest-<agency>, role write: they register their
#                                   schemas) and the recipients (role read)
#   secrets/registry-users          the registry's users file (user:sha256:role), rewritten from
#                                   the password files on every run (so a new password takes effect)
#   secrets/kafka/<user>            SCRAM-SHA-512 password of each Kafka user: broker, hub-admin,
#                                   registry, aggregator, ingest-<agency> and each recipient the
#                                   policy names (vru-analyst, csp-partners, strategic-board); and
#                                   controller, the static SASL/PLAIN user of the KRaft controllers
#   secrets/kafka-clients/hub-admin.properties  the topic job's client settings (SASL_SSL as
#                                   hub-admin, trusting the CA), for policy apply --command-config
#   secrets/tls/ca.crt, ca.key      the local CA (ca.crt is public: what clients trust)
#   secrets/tls/<name>.crt/.key/.pem  server certificates: kafka-1..3 (naming kafka-N, localhost and
#                                   $HUB_PUBLIC_HOST) and one per HTTP service (registry, ingest-police,
#                                   ingest-health, ingest-education, aggregator: naming the service's
#                                   compose host name, localhost and $HUB_PUBLIC_HOST), for HTTPS
#
# The certificates are made by the hub's own code (uk.vruhub.security.IssueCertificates, the local
# CA of the local hub) run from the aggregator's image, so build the images first
# (build-images.sh). Environment: HUB_SECRETS_DIR (default deploy/docker/secrets, as compose.yaml),
# HUB_ENV_FILE (default deploy/docker/.env), HUB_PUBLIC_HOST (a host name clients outside this
# machine use for the brokers, added to their certificates; default none), HUB_IMAGE_TAG (default
# local).
#
# The folder is readable by its owner only; the files inside (but ca.key) are world-readable so that
# the containers' non-root users can read the bind-mounted copies.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${HUB_SECRETS_DIR:-$here/secrets}"
env_file="${HUB_ENV_FILE:-$here/.env}"
mkdir -p "$dir/recipients" "$dir/tokens" "$dir/token-hashes" "$dir/registry" "$dir/kafka" \
  "$dir/kafka-clients" "$dir/tls"
chmod 700 "$dir"

make() {
  local file="$dir/$1"
  if [[ ! -s "$file" ]]; then
    head -c 48 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=' >"$file"
    echo "Made $file"
  fi
  chmod 444 "$file"
}
make linkage.secret
make recipients/vru-analyst

# Bearer tokens: the agencies' (intake) and the policy's recipients' (recipients[].id in
# deploy/policy/vru-hub-isa.yaml; the aggregator serves each only what the policy grants it).
recipients=(vru-analyst csp-partners strategic-board)
if [[ -s "$dir/tokens/analyst" && ! -e "$dir/tokens/vru-analyst" ]]; then
  mv "$dir/tokens/analyst" "$dir/tokens/vru-analyst"
  echo "Renamed $dir/tokens/analyst to tokens/vru-analyst (tokens are named by recipient id)"
fi
for name in police health education "${recipients[@]}"; do
  make "tokens/$name"
done

# Schema registry users (HTTP basic): the services register their schemas (write); the recipients'
# consumers only read them.
registry_writers=(aggregator ingest-police ingest-health ingest-education)
for user in "${registry_writers[@]}" "${recipients[@]}"; do
  make "registry/$user"
done

# Kafka users: the cluster's own (broker, controller), the topic job's (hub-admin), the services'
# and the policy's recipients' (recipients[].principal in deploy/policy/vru-hub-isa.yaml).
kafka_users=(broker controller hub-admin registry aggregator ingest-police ingest-health
  ingest-education vru-analyst csp-partners strategic-board)
for user in "${kafka_users[@]}"; do
  make "kafka/$user"
done

# The topic job's client settings, from hub-admin's current password (so a rotated password reaches
# it on the next run of this script).
admin_properties="$dir/kafka-clients/hub-admin.properties"
(
  umask 077
  cat >"$admin_properties.tmp" <<PROPERTIES
# Written by init-secrets.sh from secrets/kafka/hub-admin: the topic job's Kafka client settings.
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="hub-admin" password="$(cat "$dir/kafka/hub-admin")";
ssl.truststore.type=PEM
ssl.truststore.location=/run/secrets/ca.crt
PROPERTIES
)
mv "$admin_properties.tmp" "$admin_properties"
chmod 444 "$admin_properties"

# Certificates, by the hub's local CA, run as this user so that the files are this user's.
image="vruhub/aggregator:${HUB_IMAGE_TAG:-local}"
if ! docker image inspect "$image" >/dev/null 2>&1; then
  echo "The image $image is missing: run deploy/docker/build-images.sh first, then this again." >&2
  exit 1
fi
extra="${HUB_PUBLIC_HOST:+,$HUB_PUBLIC_HOST}"
certificates=()
for n in 1 2 3; do
  certificates+=("kafka-$n=kafka-$n,localhost$extra")
done
for service in registry ingest-police ingest-health ingest-education aggregator; do
  certificates+=("$service=$service,localhost${HUB_PUBLIC_HOST:+,$HUB_PUBLIC_HOST}")
done
chmod -R u+w "$dir/tls" # a renewed certificate replaces its files
docker run --rm --user "$(id -u):$(id -g)" --network none --env JAVA_TOOL_OPTIONS= -v "$dir/tls:/tls" --entrypoint java \
  "$image" -cp /app/application.jar uk.vruhub.security.IssueCertificates /tls "VRU hub (compose)" \
  "${certificates[@]}"
chmod 700 "$dir/tls"
chmod 600 "$dir/tls/ca.key"
find "$dir/tls" -type f ! -name ca.key -exec chmod 444 {} +

sha() { printf '%s' "$(cat "$1")" | sha256sum | cut -d' ' -f1; }

# The registry's users file, from the current passwords: only hashes, one line per user.
users="$dir/registry-users"
{
  echo "# Written by init-secrets.sh from secrets/registry/<user>: user:sha256:role"
  for user in "${registry_writers[@]}"; do echo "$user:$(sha "$dir/registry/$user"):write"; done
  for user in "${recipients[@]}"; do echo "$user:$(sha "$dir/registry/$user"):read"; done
} >"$users.tmp"
chmod 444 "$users.tmp"
mv -f "$users.tmp" "$users"

# The aggregator's recipient token hashes, one file per recipient id, from the current tokens.
for recipient in "${recipients[@]}"; do
  rm -f "$dir/token-hashes/$recipient"
  sha "$dir/tokens/$recipient" >"$dir/token-hashes/$recipient"
  chmod 444 "$dir/token-hashes/$recipient"
done

cat >"$env_file" <<ENV
# Written by init-secrets.sh: SHA-256 of the intake bearer tokens in secrets/tokens (not the tokens).
POLICE_TOKEN_SHA256=$(sha "$dir/tokens/police")
HEALTH_TOKEN_SHA256=$(sha "$dir/tokens/health")
EDUCATION_TOKEN_SHA256=$(sha "$dir/tokens/education")
ENV
echo "Secrets are in $dir; intake token hashes in $env_file; clients trust $dir/tls/ca.crt"
