#!/usr/bin/env bash
# Builds the kernel tier's arm64 guest kernel from Debian's linux-source-6.12 (bookworm-backports,
# reached through a private apt configuration) with kernel.fragment merged onto allnoconfig, and
# caches it outside the tree, keyed by the fragment, this script and the source version. Prints the
# directory that holds Image, config and the i2c-stub module. Cached: instant; not: ~15 min on 2 cores.
set -euo pipefail
TAG=build-kernel
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu make:make bc:bc bison:bison flex:flex \
  xz:xz-utils perl:perl
# headers without a command to look for: the tag before the colon is never on PATH
dpkg -s libssl-dev libelf-dev >/dev/null 2>&1 || require :libssl-dev :libelf-dev

apt_conf=$(private_apt backports amd64 bookworm-backports)
version=$(APT_CONFIG="$apt_conf" apt-cache policy linux-source-6.12 | sed -n 's/^ *Candidate: //p')
[[ -n "$version" && "$version" != "(none)" ]] || fail "linux-source-6.12 is not in bookworm-backports at $DEBIAN_MIRROR"

key=$(cat "$TIER_DIR/kernel.fragment" "${BASH_SOURCE[0]}" <(echo "$version") | sha256sum | cut -c1-16)
out="$TIER_CACHE/kernel-$key"
if [[ -f "$out/Image" && -f "$out/i2c-stub.ko" ]]; then
  say "cached: linux-source-6.12 $version, key $key"
  echo "$out"
  exit 0
fi

work="$TIER_CACHE/build-$key"
rm -rf "$work"
mkdir -p "$work"
say "fetching linux-source-6.12 $version"
(cd "$work" && APT_CONFIG="$apt_conf" apt-get download -qq linux-source-6.12 >/dev/null)
dpkg -x "$work"/linux-source-6.12_*.deb "$work/pkg"
say "unpacking the source"
tar -C "$work" -xaf "$work"/pkg/usr/src/linux-source-6.12.tar.xz
src="$work/linux-source-6.12"
kmake() { make -C "$src" -s ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- "$@"; }

kmake allnoconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$src" "$src/.config" "$TIER_DIR/kernel.fragment" >/dev/null
kmake olddefconfig >/dev/null
# every line of the fragment must have survived olddefconfig (a missing dependency drops it silently)
missing=$(grep -E '^CONFIG_[A-Z0-9_]+=' "$TIER_DIR/kernel.fragment" | while read -r line; do
  grep -qxF "$line" "$src/.config" || echo "$line"
done)
[[ -z "$missing" ]] || fail "kernel.fragment: not in the final .config (a dependency is missing): $(echo "$missing" | tr '\n' ' ')"

say "building Image and modules with $(nproc) jobs (about 15 minutes on 2 cores)"
start=$SECONDS
kmake -j"$(nproc)" Image modules
say "built in $((SECONDS - start)) s"

mkdir -p "$out.tmp"
cp "$src/arch/arm64/boot/Image" "$src/.config" "$out.tmp/"
mv "$out.tmp/.config" "$out.tmp/config"
cp "$(find "$src" -name i2c-stub.ko | head -1)" "$out.tmp/"
echo "$version" >"$out.tmp/source-version"
rm -rf "$out"
mv "$out.tmp" "$out"
rm -rf "$work"
echo "$out"
