# Shared helpers of the attack suite (attack/README.md). Sourced by attack/run.sh and by each case;
# a case runs alone too: `bash attack/cases/<name>.sh`. Every wait here is bounded in time.
set -euo pipefail

ATTACK_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ATTACK_JAR=${ATTACK_JAR:-$ATTACK_REPO/daemon/target/pifan.jar}
ATTACK_OUT=${ATTACK_OUT:-$ATTACK_REPO/attack/out}
# The unit's JVM flags (systemd/pifan.service), so that fds and RSS are the figures a Pi would see.
ATTACK_JAVA_OPTS=${ATTACK_JAVA_OPTS:-$(sed -n 's/^Environment="PIFAN_JAVA_OPTS=\(.*\)"$/\1/p' \
  "$ATTACK_REPO/systemd/pifan.service")}

[[ -f $ATTACK_JAR ]] || { echo "attack: $ATTACK_JAR is missing: mvn -B -DskipTests package" >&2; exit 2; }

# attack_setup NAME [FIXTURE]: a fresh work dir $WORK with a private copy of a hal fixture tree as
# the host root $ROOT (default pi5-active-cooler), a config $WORK/pifan.yaml and a free port $PORT.
attack_setup() {
  CASE=$1
  local fixture=${2:-pi5-active-cooler}
  WORK=$ATTACK_OUT/$CASE
  rm -rf "$WORK"
  mkdir -p "$WORK/run"
  cp -r "$ATTACK_REPO/hal/src/test/resources/fixtures/$fixture" "$WORK/root"
  ROOT=$WORK/root
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  printf 'interval: 1s\n' >"$WORK/pifan.yaml"
  PIFAN_PID=
  trap attack_cleanup EXIT
}

attack_cleanup() {
  if [[ -n ${PIFAN_PID:-} ]] && kill -0 "$PIFAN_PID" 2>/dev/null; then
    kill -KILL "$PIFAN_PID" 2>/dev/null || true
  fi
}

# pifan_start [EXTRA ARGS...]: `pifan run` on $ROOT in the background ($PIFAN_PID, log $WORK/pifan.log),
# with its runtime directory in $WORK/run; returns once /healthz answers 200 (at most 30 s).
pifan_start() {
  # shellcheck disable=SC2086
  RUNTIME_DIRECTORY=$WORK/run java $ATTACK_JAVA_OPTS -jar "$ATTACK_JAR" run --root "$ROOT" \
    -c "$WORK/pifan.yaml" --listen "127.0.0.1:$PORT" "$@" >>"$WORK/pifan.log" 2>&1 &
  PIFAN_PID=$!
  wait_until 30 healthz_ok || { tail -20 "$WORK/pifan.log" >&2; fail_case "pifan did not become healthy in 30 s"; }
}

# pifan_stop [SIGNAL]: signals pifan (TERM by default) and waits for it (at most 25 s); $PIFAN_RC.
pifan_stop() {
  kill "-${1:-TERM}" "$PIFAN_PID" 2>/dev/null || true
  local deadline=$((SECONDS + 25))
  while kill -0 "$PIFAN_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  PIFAN_RC=0
  wait "$PIFAN_PID" 2>/dev/null || PIFAN_RC=$?
  PIFAN_PID=
}

# wait_until SECONDS COMMAND...: runs COMMAND every 100 ms until it succeeds; fails after SECONDS.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

healthz_ok() { [[ $(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$PORT/healthz") == 200 ]]; }
# healthz_ms: the time /healthz takes to answer, in ms ("timeout" when over 1 s or refused).
healthz_ms() {
  local t
  t=$(curl -s -o /dev/null -m 1 -w '%{http_code} %{time_total}' "http://127.0.0.1:$PORT/healthz") || { echo timeout; return; }
  [[ ${t%% *} == 200 || ${t%% *} == 503 ]] || { echo timeout; return; }
  awk '{printf "%d\n", $2 * 1000}' <<<"$t"
}
fd_count() { ls "/proc/${1:-$PIFAN_PID}/fd" 2>/dev/null | wc -l; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/${1:-$PIFAN_PID}/status" 2>/dev/null || echo 0; }
# The Pi 5 fixture's fan and temperature files (the hal fixture README).
fan_pwm() { cat "$ROOT/sys/class/hwmon/hwmon2/pwm1"; }
set_temp() { # set_temp MILLIDEGREES: what the zone and the cpu_thermal hwmon read
  printf '%s\n' "$1" >"$ROOT/sys/class/thermal/thermal_zone0/temp"
  printf '%s\n' "$1" >"$ROOT/sys/class/hwmon/hwmon0/temp1_input"
}

# row VERDICT FIGURES...: this case's line of the suite's table (PASS or FAIL, then key=value figures).
row() {
  local verdict=$1
  shift
  printf '%s\t%s\t%s\n' "$CASE" "$verdict" "$*" | tee -a "$ATTACK_OUT/results.tsv"
  [[ $verdict == PASS ]]
}
fail_case() { row FAIL "$*"; exit 1; }

# --- HTTP attacks (added for the http-* cases; the functions above are unchanged)

# http_clients MODE ARGS...: the misbehaving clients of attack/http_clients.py against $PORT.
http_clients() { local mode=$1; shift; python3 "$ATTACK_REPO/attack/http_clients.py" "$mode" "$PORT" "$@"; }

# healthz_watch_start: asks /healthz every 250 ms in the background (each ask at most 1 s, at most
# 10 minutes in all) into $WORK/healthz.txt, one figure a line (ms, or "timeout").
healthz_watch_start() {
  : >"$WORK/healthz.txt"
  ( for _ in $(seq 1 2400); do healthz_ms >>"$WORK/healthz.txt"; sleep 0.25; done ) &
  HEALTHZ_WATCH_PID=$!
}
# healthz_watch_stop: ends the watch; sets HEALTHZ_MAX_MS, HEALTHZ_MISSES (over 1 s or refused) and
# HEALTHZ_SAMPLES, and HEALTHZ_FIGURES as a figure for a row.
healthz_watch_stop() {
  kill "$HEALTHZ_WATCH_PID" 2>/dev/null || true
  wait "$HEALTHZ_WATCH_PID" 2>/dev/null || true
  HEALTHZ_SAMPLES=$(wc -l <"$WORK/healthz.txt")
  HEALTHZ_MISSES=$(grep -c timeout "$WORK/healthz.txt" || true)
  HEALTHZ_MAX_MS=$(grep -v timeout "$WORK/healthz.txt" | sort -n | tail -1 || true)
  HEALTHZ_MAX_MS=${HEALTHZ_MAX_MS:-none}
  HEALTHZ_FIGURES="healthz: max=${HEALTHZ_MAX_MS}ms misses=$HEALTHZ_MISSES/$HEALTHZ_SAMPLES"
}
healthz_held() { ((HEALTHZ_MISSES == 0 && HEALTHZ_SAMPLES > 0)); }

# fds_within LIMIT: pifan holds at most LIMIT fds (for wait_until).
fds_within() { (($(fd_count) <= $1)); }
# status_field NAME: a top-level number or string of /status ("" when it does not answer).
status_field() {
  curl -s -m 1 "http://127.0.0.1:$PORT/status" | python3 -c "import json,sys; print(json.load(sys.stdin).get('$1',''))" 2>/dev/null || true
}
