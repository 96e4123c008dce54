#!/bin/sh
# Checks the systemd files with the real systemd tools: the unit verifies clean (no warning at
# all: systemd-analyze exits 0 on an unknown key and only prints it; its Documentation= man pages
# there) against an install.sh --destdir into a staging root, and its sandbox exposure is 2.0 or
# lower. Run by .ci/run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
max_exposure=${MAX_EXPOSURE:-2.0}

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
"$here/install.sh" --destdir "$root" >/dev/null
# what the unit refers to, beside it: systemd's own units and /bin/kill (ExecReload)
mkdir -p "$root/usr/lib/systemd" "$root/bin"
cp -r /usr/lib/systemd/system "$root/usr/lib/systemd/"
cp /bin/kill "$root/bin/"

unit="$root/usr/lib/systemd/system/pifan.service"
# verify runs man for each Documentation= page: the ones installed beside the unit
out=$(MANPATH="$root/usr/share/man" systemd-analyze verify --root="$root" "$unit" 2>&1) || { echo "$out"; echo "check: systemd-analyze verify failed" >&2; exit 1; }
if [ -n "$out" ]; then
  echo "$out"
  echo "check: systemd-analyze verify is not clean" >&2
  exit 1
fi
echo "systemd-analyze verify: clean"

exposure=$(systemd-analyze security --offline=yes "$unit" 2>&1 | sed -n 's/.*Overall exposure level for pifan.service: \([0-9.]*\).*/\1/p')
if [ -z "$exposure" ]; then
  echo "check: no exposure figure from systemd-analyze security" >&2
  exit 1
fi
echo "systemd-analyze security --offline=yes: exposure $exposure (at most $max_exposure)"
awk -v e="$exposure" -v m="$max_exposure" 'BEGIN { exit !(e <= m) }' || { echo "check: exposure $exposure above $max_exposure" >&2; exit 1; }
