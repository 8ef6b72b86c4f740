#!/usr/bin/env bash
# Makes the compose stack's secrets once, from the kernel's random source, into deploy/docker/secrets
# (git-ignored), and writes .env beside compose.yaml with the SHA-256 of each bearer token (services
# hold only the hashes). Existing secrets are kept: re-running changes nothing.
#
#   secrets/linkage.secret          shared by the three ingest services (match keys); 48 random bytes
#   secrets/recipients/vru-analyst  the analyst's re-pseudonymisation secret (level 2 outputs)
#   secrets/tokens/<principal>      bearer tokens of police, health, education and the analyst
#
# The folder is readable by its owner only; the files inside are world-readable so that the
# services' non-root user can read the bind-mounted copies.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$here/secrets"
mkdir -p "$dir/recipients" "$dir/tokens"
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
for principal in police health education analyst; do
  make "tokens/$principal"
done

hash() { printf '%s' "$(cat "$dir/tokens/$1")" | sha256sum | cut -d' ' -f1; }
cat >"$here/.env" <<ENV
# Written by init-secrets.sh: SHA-256 of the bearer tokens in secrets/tokens (not the tokens).
POLICE_TOKEN_SHA256=$(hash police)
HEALTH_TOKEN_SHA256=$(hash health)
EDUCATION_TOKEN_SHA256=$(hash education)
ANALYST_TOKEN_SHA256=$(hash analyst)
ENV
echo "Secrets are in $dir; token hashes in $here/.env"
