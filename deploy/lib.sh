# shellcheck shell=bash
# Sourced by the deploy test scripts (container/smoke-test.sh, prometheus/integration-test.sh):
# messages tagged with the script's name, and the Debian packages a script needs, installed when
# missing. Set TAG before sourcing.

say() { printf '%s\n' "$TAG: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

# require COMMAND:PACKAGE... installs the package of every missing command with apt-get (as root;
# anyone else is told what to install).
require() {
  local pair missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  ((${#missing[@]})) || return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  [[ $(id -u) == 0 ]] || fail "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
  say "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
