# shellcheck shell=bash
# Sourced by the kernel tier's scripts: where the tier caches what it builds (never in the tree),
# and the private apt configuration that reaches Debian packages the machine's own sources lack
# (bookworm-backports for linux-source-6.12, arm64 for the guest's userland) without changing
# the machine's apt sources. Set TAG before sourcing.

# shellcheck source=../deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/lib.sh"

TIER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TIER_CACHE="${PIFAN_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pifan/kernel-tier}"
DEBIAN_MIRROR="${PIFAN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# private_apt NAME ARCH SUITE...: prints the path of an apt configuration of its own (lists, cache
# and sources under $TIER_CACHE/apt/NAME) after an update; use it as APT_CONFIG=... apt-get ...
private_apt() {
  local name=$1 arch=$2 dir="$TIER_CACHE/apt/$1" suite
  shift 2
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/etc"
  : >"$dir/etc/sources.list"
  for suite in "$@"; do
    echo "deb [arch=$arch] $DEBIAN_MIRROR $suite main" >>"$dir/etc/sources.list"
  done
  cat >"$dir/apt.conf" <<EOF
Dir::Etc::SourceList "$dir/etc/sources.list";
Dir::Etc::SourceParts "/nonexistent";
Dir::State::Lists "$dir/lists";
Dir::Cache "$dir/cache";
Dir::State::status "$dir/status";
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
APT::Sandbox::User "root";
EOF
  touch "$dir/status"
  APT_CONFIG="$dir/apt.conf" apt-get update -qq >/dev/null || fail "apt-get update for $name ($* on $DEBIAN_MIRROR) failed"
  echo "$dir/apt.conf"
}
