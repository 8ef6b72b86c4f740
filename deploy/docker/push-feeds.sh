#!/usr/bin/env bash
# Sends extracts to the compose stack's ingest services over HTTPS (trusting only the stack's CA,
# secrets/tls/ca.crt, with each agency's bearer token from secrets/tokens), oldest first, and prints
# what each service answered. The extract date comes from the file name (police-2026-07-01.csv).
#
#   deploy/docker/push-feeds.sh [folder]      (default deploy/docker/sample/feeds)
# Environment: HUB_SECRETS_DIR (default deploy/docker/secrets, as init-secrets.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
feeds="${1:-$here/sample/feeds}"
secrets="${HUB_SECRETS_DIR:-$here/secrets}"
declare -A port=([police]=8091 [health]=8092 [education]=8093)
[[ -d "$feeds" ]] || { echo "No feeds in $feeds: run deploy/docker/sample-data.sh first" >&2; exit 1; }
sent=0
for file in $(find "$feeds" -name '*.csv' | sort -t- -k2); do
  name="$(basename "$file" .csv)"
  agency="${name%%-*}"
  date="${name#*-}"
  [[ -n "${port[$agency]:-}" ]] || { echo "Skipping $file: not police-, health- or education-<date>.csv" >&2; continue; }
  token="$(cat "$secrets/tokens/$agency")"
  answer="$(curl -sS --fail-with-body --cacert "$secrets/tls/ca.crt" -X POST --data-binary "@$file" \
    -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    "https://localhost:${port[$agency]}/api/v1/feeds?extractDate=$date")" \
    || { echo "$name: refused: $answer" >&2; exit 1; }
  sent=$((sent + 1))
  printf '%-28s %s\n' "$name" "$answer"
done
echo "Sent $sent feeds."
