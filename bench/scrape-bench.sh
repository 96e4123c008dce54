#!/usr/bin/env bash
# /metrics scrape latency (median and p99 of 1000 scrapes) and the control loop's tick cost with
# and without 10 scrapes a second, on the JVM flags ./pifan runs the daemon with.
# Usage: bench/scrape-bench.sh [SCRAPES [SECONDS_PER_PHASE]]     (defaults: 1000 60)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/pifan" --version >/dev/null # builds daemon/target/pifan.jar and its lib/ when stale
classes="$(mktemp -d "${TMPDIR:-/tmp}/pifan-bench.XXXXXX")"
trap 'rm -rf "$classes"' EXIT
cp="$root/daemon/target/pifan.jar:$root/daemon/target/lib/*"
javac -nowarn -d "$classes" -cp "$cp" "$root/daemon/src/test/java/dev/pifan/cli/ScrapeBench.java"
# the same flags as ./pifan (PIFAN_JAVA_OPTS overrides both)
exec java ${PIFAN_JAVA_OPTS:--XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1} -cp "$classes:$cp" \
  dev.pifan.cli.ScrapeBench "$@"
