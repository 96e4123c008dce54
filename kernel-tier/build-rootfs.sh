#!/usr/bin/env bash
# Builds the kernel tier's guest userland, cached outside the tree: Debian bookworm arm64 packages
# (OpenJDK 17, busybox, i2c-tools), unpacked with their dependencies but never configured (no
# maintainer script runs: nothing here can execute arm64 code), plus the guest's init and the
# plant (guest/plant.c, built statically with the cross compiler). Prints the root directory.
set -euo pipefail
TAG=build-rootfs
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# the cross compiler's own C library headers are only a Recommends of gcc-aarch64-linux-gnu, which
# require installs without: on a fresh machine plant.c then found the host's <features.h> and no
# <bits/wordsize.h>
require mmdebstrap:mmdebstrap aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu \
  /usr/aarch64-linux-gnu/include/stdio.h:libc6-dev-arm64-cross
packages=busybox-static,openjdk-17-jre-headless,i2c-tools
key=$(cat "${BASH_SOURCE[0]}" "$TIER_DIR/guest/plant.c" "$TIER_DIR/guest/tier-init" <(echo "$packages") | sha256sum | cut -c1-16)
out="$TIER_CACHE/rootfs-$key"
if [[ -x "$out/usr/local/bin/plant" ]]; then
  say "cached: $packages, key $key"
  echo "$out"
  exit 0
fi

rm -rf "$out.tmp"
say "unpacking $packages (arm64) and their dependencies"
mmdebstrap --quiet --variant=extract --architectures=arm64 --include="$packages" bookworm "$out.tmp" \
  "$DEBIAN_MIRROR" >&2
# the mount points and the init the guest boots with (the root is mounted read-only over 9p)
mkdir -p "$out.tmp"/{proc,sys,dev,tmp,run,tier,out,sys/kernel/config,usr/local/bin}
install -m 0755 "$TIER_DIR/guest/tier-init" "$out.tmp/sbin/tier-init"
aarch64-linux-gnu-gcc -O2 -static -Wall -Wextra -o "$out.tmp/usr/local/bin/plant" "$TIER_DIR/guest/plant.c" -lm
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out"
