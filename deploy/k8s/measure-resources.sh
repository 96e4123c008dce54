#!/usr/bin/env bash
# What the DaemonSet's container needs, measured (the figures beside resources: in base/daemonset.yaml):
# `pifan run --sim` with the image's JVM flags (the systemd unit's, which deploy/container/smoke-test.sh
# checks are the entrypoint's) in a cgroup of its own, as a container is, optionally under a CPU quota
# and a memory limit; then
#   1. its start: time to /healthz 200 and CPU seconds spent;
#   2. steady state, /metrics scraped every 15 s: CPU in millicores, RSS;
#   3. a 10 s wrk flood of /metrics: CPU, RSS, and whether the control loop kept its 1 s ticks;
#   4. a `pifan probe` JVM in the same cgroup, as `kubectl exec` runs it beside the daemon: its peak RSS.
# Usage (root; cgroup v1 with the cpu, cpuacct and memory controllers, as under /sys/fs/cgroup here):
#   deploy/k8s/measure-resources.sh [--cpu MILLICORES] [--memory MiB] [--steady SECONDS]
# Installs wrk, curl and time with apt-get when missing. Every wait is bounded.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAG=measure
# shellcheck source=deploy/lib.sh
source "$root/deploy/lib.sh"
cpu="" memory="" steady=120
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cpu) cpu="$2"; shift 2 ;;
    --memory) memory="$2"; shift 2 ;;
    --steady) steady="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) fail "unknown argument $1 (see --help)" ;;
  esac
done
[[ $(id -u) == 0 ]] || fail "run as root: the measurement makes a cgroup"
for controller in cpu cpuacct memory; do
  [[ -f /sys/fs/cgroup/$controller/tasks ]] || fail "no cgroup v1 $controller controller at /sys/fs/cgroup/$controller (cgroup v2 is not supported here)"
done
require wrk:wrk curl:curl
[[ -x /usr/bin/time ]] || require /usr/bin/time:time
"$root/pifan" --version >/dev/null # builds daemon/target/pifan.jar when stale
flags="$(unit_java_opts)"
port="$(free_port)" || fail "no free port"
url="http://127.0.0.1:$port"
work="$(mktemp -d "${TMPDIR:-/tmp}/pifan-measure.XXXXXX")"

# the memory cgroup under this shell's own, so that whatever accounts for this shell still does
memcg=/sys/fs/cgroup/memory$(sed -n 's/^[0-9]*:memory://p' /proc/self/cgroup)/pifan-measure-$$
cpucg=/sys/fs/cgroup/cpu$(sed -n 's/^[0-9]*:cpu://p' /proc/self/cgroup)/pifan-measure-$$
acctcg=/sys/fs/cgroup/cpuacct$(sed -n 's/^[0-9]*:cpuacct://p' /proc/self/cgroup)/pifan-measure-$$
pid=""
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rmdir "$memcg" "$cpucg" "$acctcg" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir "$memcg" "$cpucg" "$acctcg"
[[ -z $cpu ]] || echo $((cpu * $(cat "$cpucg/cpu.cfs_period_us") / 1000)) >"$cpucg/cpu.cfs_quota_us"
[[ -z $memory ]] || echo $((memory * 1024 * 1024)) >"$memcg/memory.limit_in_bytes"

# in_cgroup COMMAND...: runs COMMAND in the measurement cgroup (it joins before it execs)
in_cgroup() {
  local g
  for g in "$memcg" "$cpucg" "$acctcg"; do echo "$BASHPID" >"$g/tasks"; done
  exec env MALLOC_ARENA_MAX=2 "$@"
}
cpu_ns() { cat "$acctcg/cpuacct.usage"; }
now_ns() { date +%s%N; }
rss_mib() { awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$pid/status"; }
millicores() { awk -v c="$1" -v t="$2" 'BEGIN {printf "%.1f", c / t * 1000}'; }
metric() { curl -fsS --max-time 30 "$url/metrics" | awk -v name="$1" '$1 == name {print $2}'; }

say "limits: cpu ${cpu:-none}${cpu:+m}, memory ${memory:-none}${memory:+Mi}; JVM flags: $flags"
start=$(now_ns)
# shellcheck disable=SC2086 # the flags are words on purpose
(in_cgroup java $flags -jar "$root/daemon/target/pifan.jar" run --sim --listen "127.0.0.1:$port") >"$work/pifan.log" 2>&1 &
pid=$!
deadline=$((SECONDS + 180))
until curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/pifan.log" >&2; fail "pifan exited before /healthz answered"; }
  ((SECONDS < deadline)) || fail "no /healthz 200 within 180 s"
  sleep 0.1
done
up=$(now_ns)
say "start: /healthz 200 after $(((up - start) / 1000000)) ms, $(awk -v c="$(cpu_ns)" 'BEGIN {printf "%.2f", c / 1e9}') CPU seconds"

c0=$(cpu_ns) t0=$(now_ns) low=999999 high=0
for ((i = 0; i < steady; i++)); do
  ((i % 15)) || curl -fsS --max-time 30 -o /dev/null "$url/metrics"
  r=$(rss_mib); ((r < low)) && low=$r; ((r > high)) && high=$r
  sleep 1
done
say "steady, ${steady} s scraped every 15 s: $(millicores $(($(cpu_ns) - c0)) $(($(now_ns) - t0))) millicores, RSS $low-$high MiB"

c0=$(cpu_ns) t0=$(now_ns)
wrk -t2 -c32 -d10s "$url/metrics" >"$work/wrk.txt" 2>&1
c1=$(cpu_ns) t1=$(now_ns)
# every tick since the first (about when /healthz first answered), from one scrape, at a 1 s interval
ticks=$(metric pifan_control_tick_seconds_count) slowest=$(metric pifan_control_tick_seconds_max)
since=$((($(now_ns) - up) / 1000000000))
say "flood (wrk -t2 -c32 -d10s /metrics, $(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") requests/s): $(millicores $((c1 - c0)) $((t1 - t0))) millicores, RSS $(rss_mib) MiB (peak $(awk '/^VmHWM:/ {print int($2 / 1024)}' "/proc/$pid/status") MiB); ${ticks%.*} ticks in the ${since} s since /healthz first answered, the slowest recent one ${slowest} s; /healthz $(curl -s -o /dev/null -w '%{http_code}' "$url/healthz")"

# time writes "Command exited with non-zero status" first when probe finds no fan, as here
(in_cgroup /usr/bin/time -f '%M' -o "$work/probe-rss" java -Xmx16m -XX:+UseSerialGC -jar "$root/daemon/target/pifan.jar" probe) >/dev/null 2>&1 || true
say "pifan probe beside it: peak RSS $(($(tail -n 1 "$work/probe-rss") / 1024)) MiB; the cgroup's memory peak $(($(cat "$memcg/memory.max_usage_in_bytes") / 1048576)) MiB, limit hit $(cat "$memcg/memory.failcnt") times; daemon $(kill -0 "$pid" 2>/dev/null && echo running || echo GONE)"
