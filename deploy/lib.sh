# shellcheck shell=bash
# Sourced by the deploy test scripts (container/smoke-test.sh, prometheus/integration-test.sh) and
# bench/footprint.sh: messages tagged with the script's name, the Debian packages a script needs,
# installed when missing, a free loopback port, and what the systemd unit sets for the JVM.
# Set TAG before sourcing.

say() { printf '%s\n' "$TAG: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

# require COMMAND:PACKAGE... installs the package of every missing command with apt-get (as root;
# anyone else is told what to install). A COMMAND that is an absolute path is a file the package
# installs (a header, say): present or not.
require() {
  local pair missing=()
  for pair in "$@"; do
    if [[ ${pair%%:*} == /* ]]; then
      [[ -e ${pair%%:*} ]] || missing+=("${pair#*:}")
    else
      command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
    fi
  done
  ((${#missing[@]})) || return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  [[ $(id -u) == 0 ]] || fail "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
  say "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A loopback port nothing answers on (bash's /dev/tcp: a refused connection means free).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

PIFAN_UNIT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/systemd/pifan.service"

# The JVM flags the unit ships (its PIFAN_JAVA_OPTS).
unit_java_opts() { sed -n 's/^Environment="PIFAN_JAVA_OPTS=\(.*\)"$/\1/p' "$PIFAN_UNIT"; }

# The unit's other Environment= assignments (MALLOC_ARENA_MAX), NAME=VALUE a line.
unit_environment() {
  sed -n 's/^Environment="\([A-Za-z_][A-Za-z0-9_]*=.*\)"$/\1/p' "$PIFAN_UNIT" | grep -v '^PIFAN_JAVA_OPTS=' || true
}
