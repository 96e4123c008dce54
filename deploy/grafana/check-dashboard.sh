#!/usr/bin/env bash
# Type-checks pifan-dashboard.json against Grafana's published types: @grafana/schema (the
# dashboard, its panels, and the options and field config of each panel plugin the dashboard
# uses), with the TypeScript compiler, both at the versions pinned in schema-check/package.json
# and its lock file. Grafana itself is not installed (bookworm has no package); this checks the
# JSON's shape, not how Grafana draws it. schema-check/dashboard-types.ts says what is checked.
# Installs nodejs, curl and jq with apt-get when missing (needs root). The npm packages are fetched
# from the npm registry with curl, each checked against the sha512 of the lock file (no npm needed:
# Debian's npm package pulls in some 300 others), into a cache directory outside the repository
# (PIFAN_SCHEMA_CACHE, default ~/.cache/pifan/grafana-schema-check).
# Usage: deploy/grafana/check-dashboard.sh [DASHBOARD.json]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dashboard="${1:-$here/pifan-dashboard.json}"

TAG=grafana
# shellcheck source=deploy/lib.sh
source "$root/deploy/lib.sh"
require node:nodejs curl:curl jq:jq

[[ -f "$dashboard" ]] || fail "no dashboard at $dashboard"
work="${PIFAN_SCHEMA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pifan/grafana-schema-check}"
mkdir -p "$work"
registry="${NPM_REGISTRY:-https://registry.npmjs.org}"
# fetch NAME VERSION INTEGRITY: the package's tarball, checked, unpacked into node_modules/NAME
fetch() {
  local name=$1 version=$2 integrity=$3 tgz="$work/download.tgz" got
  curl -fsS --retry 2 -o "$tgz" "$registry/$name/-/${name##*/}-$version.tgz" || fail "cannot download $name@$version"
  got="sha512-$(sha512sum "$tgz" | cut -d' ' -f1 | tr a-f A-F | basenc --base16 -d | base64 -w0)"
  [[ "$got" == "$integrity" ]] || fail "$name@$version: checksum $got, the lock file says $integrity"
  rm -rf "$work/node_modules/$name" && mkdir -p "$work/node_modules/$name"
  tar -xzf "$tgz" -C "$work/node_modules/$name" --strip-components=1
  rm -f "$tgz"
}
# fetched again only when the pins changed
if ! cmp -s "$here/schema-check/package-lock.json" "$work/package-lock.json"; then
  say "fetching the pinned @grafana/schema and typescript into $work"
  rm -rf "$work/node_modules"
  while read -r name version integrity; do
    fetch "$name" "$version" "$integrity"
  done < <(jq -r '.packages | to_entries[] | select(.key != "")
                  | "\(.key | sub("^node_modules/"; "")) \(.value.version) \(.value.integrity)"' \
             "$here/schema-check/package-lock.json")
  cp "$here/schema-check/package-lock.json" "$work/"
fi
cp "$here/schema-check/tsconfig.json" "$here/schema-check/dashboard-types.ts" "$work/"
{
  echo "import type { PifanDashboard } from './dashboard-types';"
  printf 'export const dashboard: PifanDashboard = '
  cat "$dashboard"
  echo ';'
} >"$work/dashboard.ts"

versions="@grafana/schema $(jq -r '.version' "$work/node_modules/@grafana/schema/package.json"), typescript $(jq -r '.version' "$work/node_modules/typescript/package.json")"
if ! out="$(cd "$work" && node node_modules/typescript/bin/tsc -p tsconfig.json 2>&1)"; then
  # tsc names lines of dashboard.ts, where the JSON starts on line 2: line N there is line N-1 of the JSON
  printf '%s\n' "$out" | sed -E 's/^dashboard\.ts\(([0-9]+),/\1 &/' \
    | awk -v f="$(basename "$dashboard")" '/^[0-9]+ dashboard\.ts\(/ { n = $1 - 1; sub(/^[0-9]+ dashboard\.ts\([0-9]+,/, f "(" n ","); } { print }' >&2
  fail "$(basename "$dashboard") does not type-check against $versions"
fi
say "$(basename "$dashboard"): $(jq '[.panels[]] | length' "$dashboard") panels type-check against $versions"
