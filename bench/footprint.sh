#!/usr/bin/env bash
# What the daemon costs the board: resident memory (RSS) and CPU of `pifan run --sim` after a
# warm-up, over a measured period at the daemon's 1 s control interval, with /metrics scraped
# every 15 s as Prometheus would. Reads /proc only (RSS from /proc/PID/status, CPU from the utime
# and stime of /proc/PID/stat), so it needs nothing but bash and curl (or bash's /dev/tcp).
#
# Usage: bench/footprint.sh [--duration 10m] [--warmup 60s] [--scrape 15s] [--profile P]
#                           [--scenario S] [--port N] [--flags "JVM FLAGS"]
# The JVM flags default to the ones the systemd unit ships (systemd/pifan.service), or
# PIFAN_JAVA_OPTS when set; the unit's other Environment= variables (MALLOC_ARENA_MAX) are set too,
# unless already set. Durations take s, m or h. Prints one summary block at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=10m warmup=60s scrape=15s profile=pi4-heatsink scenario=bursty-ci port=9781
TAG=footprint
# shellcheck source=deploy/lib.sh
source "$root/deploy/lib.sh"
shipped="$(unit_java_opts)"
[[ -n "$shipped" ]] || fail "no PIFAN_JAVA_OPTS in $PIFAN_UNIT"
flags="${PIFAN_JAVA_OPTS:-$shipped}"
# the unit's other variables, NAME=VALUE each, for the JVM's process (unless already set)
unit_env=()
while IFS= read -r assignment; do
  name="${assignment%%=*}"
  [[ -z "$assignment" || -n "${!name+set}" ]] || unit_env+=("$assignment")
done <<<"$(unit_environment)"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --scrape) scrape="$2"; shift 2 ;;
    --profile) profile="$2"; shift 2 ;;
    --scenario) scenario="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --flags) flags="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "footprint: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

seconds() { # 10m -> 600, 90s -> 90, 1h -> 3600, 45 -> 45
  local v="$1"
  case "$v" in
    *h) echo $(( ${v%h} * 3600 )) ;;
    *m) echo $(( ${v%m} * 60 )) ;;
    *s) echo "${v%s}" ;;
    *) echo "$v" ;;
  esac
}
duration_s=$(seconds "$duration"); warmup_s=$(seconds "$warmup"); scrape_s=$(seconds "$scrape")

"$root/pifan" --version >/dev/null # builds daemon/target/pifan.jar when stale
log="$(mktemp "${TMPDIR:-/tmp}/pifan-footprint.XXXXXX.log")"
# shellcheck disable=SC2086 # the flags are words on purpose
env ${unit_env[@]+"${unit_env[@]}"} java $flags -jar "$root/daemon/target/pifan.jar" run --sim --profile "$profile" --scenario "$scenario" \
  --listen "127.0.0.1:$port" 2>"$log" &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
trap stop EXIT

hz=$(getconf CLK_TCK)
cpu_ticks() { # utime + stime of the process, in clock ticks (fields 14 and 15 after the command)
  local stat; stat="$(cat "/proc/$pid/stat")"; stat="${stat##*) }"
  read -r -a f <<<"$stat"
  echo $(( f[11] + f[12] ))
}
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }

scrape_ok=0 scrape_failed=0 metrics=unknown
scrape_once() {
  local body
  if command -v curl >/dev/null; then
    body="$(curl -fsS --max-time 5 "http://127.0.0.1:$port/metrics" 2>/dev/null)" || body=""
  else
    body="$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /metrics HTTP/1.0\r\n\r\n' >&3 && cat <&3) 2>/dev/null)" || body=""
  fi
  if [[ -n "$body" ]]; then scrape_ok=$((scrape_ok + 1)); metrics=yes; else scrape_failed=$((scrape_failed + 1)); fi
}

# wait until the daemon serves /metrics (a build without telemetry never will: then go on without)
for _ in $(seq 1 60); do
  kill -0 "$pid" 2>/dev/null || { echo "footprint: pifan exited early:" >&2; cat "$log" >&2; exit 1; }
  scrape_once
  [[ "$metrics" == yes ]] && break
  sleep 0.5
done
scrape_ok=0 scrape_failed=0 # the startup polls do not count
if [[ "$metrics" != yes ]]; then
  metrics=no
  echo "footprint: no /metrics on 127.0.0.1:$port after 30 s (a build without telemetry?): measuring without scrapes" >&2
fi

next_scrape=$(( $(date +%s) + scrape_s ))
tick() { # sleep one second, scraping when due
  sleep 1
  if [[ "$metrics" == yes ]] && (( $(date +%s) >= next_scrape )); then
    scrape_once; next_scrape=$(( next_scrape + scrape_s ))
  fi
}

echo "footprint: pid $pid, flags: $flags${unit_env[*]+, environment: ${unit_env[*]}}" >&2
echo "footprint: warming up for ${warmup_s}s, then measuring for ${duration_s}s" >&2
for _ in $(seq 1 "$warmup_s"); do tick; done

start_ticks=$(cpu_ticks); start_ns=$(date +%s%N)
rss_sum=0 rss_n=0 rss_max=0 rss_min=999999999
for i in $(seq 1 "$duration_s"); do
  tick
  if (( i % 10 == 0 )); then
    r=$(rss_kib); rss_sum=$((rss_sum + r)); rss_n=$((rss_n + 1))
    (( r > rss_max )) && rss_max=$r
    (( r < rss_min )) && rss_min=$r
  fi
done
end_ticks=$(cpu_ticks); end_ns=$(date +%s%N); rss_end=$(rss_kib)
hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")

stop
trap - EXIT
elapsed_ms=$(( (end_ns - start_ns) / 1000000 ))
cpu_ms=$(( (end_ticks - start_ticks) * 1000 / hz ))
awk -v cpu="$cpu_ms" -v el="$elapsed_ms" -v end="$rss_end" -v max="$rss_max" -v min="$rss_min" \
    -v sum="$rss_sum" -v n="$rss_n" -v hwm="$hwm" -v ok="$scrape_ok" -v bad="$scrape_failed" \
    -v metrics="$metrics" -v scrape="$scrape_s" -v prof="$profile" -v sc="$scenario" 'BEGIN {
  printf "pifan run --sim --profile %s --scenario %s, after warm-up, over %.0f s:\n", prof, sc, el / 1000
  printf "  RSS          %.1f MiB at the end, %.1f-%.1f MiB (mean %.1f), peak since start (VmHWM) %.1f MiB\n",
         end / 1024, min / 1024, max / 1024, (n ? sum / n : 0) / 1024, hwm / 1024
  printf "  CPU          %.3f%% of one core (%d ms of CPU in %.0f s)\n", 100 * cpu / el, cpu, el / 1000
  if (metrics == "yes") printf "  /metrics     scraped every %d s: %d ok, %d failed\n", scrape, ok, bad
  else printf "  /metrics     not served by this build: not scraped\n"
}'
rm -f "$log"
