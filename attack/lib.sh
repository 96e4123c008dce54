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
  local rc=0
  t=$(curl -s -o /dev/null -m 1 -w '%{http_code} %{time_total}' "http://127.0.0.1:$PORT/healthz") || rc=$?
  # a miss prints "timeout"; on stderr, what curl saw (exit 28: over 1 s; 7: refused; 56: reset)
  ((rc == 0)) || { echo "healthz miss: curl exit $rc after ${t#* }s" >&2; echo timeout; return; }
  [[ ${t%% *} == 200 || ${t%% *} == 503 ]] || { echo "healthz miss: status ${t%% *}" >&2; echo timeout; return; }
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

# --- added for the lifecycle cases (config reload, single instance, watchdog, fan hand-over) ---

# pifan_start_obeying_modes [EXTRA ARGS...]: pifan_start, but without CAP_DAC_OVERRIDE and
# CAP_DAC_READ_SEARCH, so file modes bind as they do for the unit's User=pifan (root ignores them):
# a pwm1 of mode 0444 cannot be written, a config of mode 000 cannot be read.
pifan_start_obeying_modes() {
  # shellcheck disable=SC2086
  RUNTIME_DIRECTORY=$WORK/run setpriv --bounding-set=-dac_override,-dac_read_search \
    java $ATTACK_JAVA_OPTS -jar "$ATTACK_JAR" run --root "$ROOT" \
    -c "$WORK/pifan.yaml" --listen "127.0.0.1:$PORT" "$@" >>"$WORK/pifan.log" 2>&1 &
  PIFAN_PID=$!
  wait_until 30 healthz_ok || { tail -20 "$WORK/pifan.log" >&2; fail_case "pifan did not become healthy in 30 s"; }
}

# pifan_cli SECONDS ARGS...: one more pifan command on the same runtime directory, in the
# foreground, killed after SECONDS; its output in $CLI_OUT, its exit code in $CLI_RC (124: timed out).
pifan_cli() {
  local limit=$1
  shift
  CLI_RC=0
  # shellcheck disable=SC2086
  CLI_OUT=$(RUNTIME_DIRECTORY=$WORK/run timeout -s TERM -k 5 "$limit" java $ATTACK_JAVA_OPTS -jar "$ATTACK_JAR" "$@" 2>&1) \
    || CLI_RC=$?
}

# notify_listen: a unix datagram socket at $WORK/notify.sock that records every sd_notify message
# as one line of $WORK/notify.log ("SECONDS MESSAGE", newlines as spaces); exports NOTIFY_SOCKET.
# The listener ends by itself after 300 s without a message, and with the case.
notify_listen() {
  NOTIFY_LOG=$WORK/notify.log
  : >"$NOTIFY_LOG"
  python3 - "$WORK/notify.sock" "$NOTIFY_LOG" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(300)
with open(sys.argv[2], "a", buffering=1) as log:
    try:
        while True:
            message = s.recv(65536).decode(errors="replace")
            log.write("%.3f %s\n" % (time.monotonic(), message.replace("\n", " ")))
    except socket.timeout:
        pass
PY
  NOTIFY_PID=$!
  wait_until 5 test -S "$WORK/notify.sock" || fail_case "the notify listener did not start"
  export NOTIFY_SOCKET=$WORK/notify.sock
  trap 'attack_cleanup; kill "$NOTIFY_PID" 2>/dev/null || true' EXIT
}

# notify_count TEXT: how many recorded sd_notify messages contain TEXT.
notify_count() { grep -c -- "$1" "$NOTIFY_LOG" || true; }
# notify_reload_pending: 1 when the last RELOADING=1 has no READY=1 after it, else 0.
notify_reload_pending() { awk '/RELOADING=1/ {p = 1} / READY=1/ {p = 0} END {print p + 0}' "$NOTIFY_LOG"; }
# notify_max_ping_gap_ms: the longest time between two WATCHDOG=1 messages, in ms.
notify_max_ping_gap_ms() {
  awk '/WATCHDOG=1/ { if (last != "") { g = ($1 - last) * 1000; if (g > max) max = g } last = $1 }
       END { printf "%d\n", max }' "$NOTIFY_LOG"
}

# metric NAME_WITH_LABELS: the value of one series on /metrics (empty when absent).
metric() {
  { curl -s -m 2 "http://127.0.0.1:$PORT/metrics" || true; } | awk -v n="$1" '$1 == n && !found {print $2; found = 1}'
}
# status_field PYTHON_EXPRESSION: a field of /status, e.g. status_field 's["curve"]["points"]'.
status_field() {
  curl -s -m 2 "http://127.0.0.1:$PORT/status" \
    | python3 -c 'import json, sys; s = json.load(sys.stdin); print(json.dumps('"$1"'))' 2>/dev/null || echo unreadable
}
healthz_code() { curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" || true; }
zone_mode() { cat "$ROOT/sys/class/thermal/thermal_zone0/mode"; }
# records: the takeover records in the runtime directory, as "key=value" words.
records() {
  local f
  for f in "$WORK"/run/*; do [[ -f $f && $f != *.new && $f != *.lock ]] && printf '%s=%s ' "$(basename "$f")" "$(cat "$f")"; done
  echo
}

# A config with a curve no profile has, so /status tells it from any built-in default.
CASE_CURVE='curve: {points: [[40, 20%], [50, 40%], [70, 100%]], hysteresis: 3}'
CASE_POINTS='[{"celsius": 40, "duty": 0.2}, {"celsius": 50, "duty": 0.4}, {"celsius": 70, "duty": 1}]'
write_case_config() { printf 'interval: 1s\n%s\n' "$CASE_CURVE" >"$WORK/pifan.yaml"; }
# wait_first_tick: /healthz answers before the first tick, the signal handlers are installed by then
# (systemd sends no reload before READY=1 either).
wait_first_tick() {
  wait_until 15 bash -c "curl -s -m 1 http://127.0.0.1:$PORT/status | grep -q '\"tick\":[1-9]'" \
    || fail_case "no first tick within 15 s"
}
curve_kept() { [[ $(status_field 's["curve"]["points"]') == "$CASE_POINTS" ]]; }

# refused_reload_case BREAK_COMMAND [RESTORE_COMMAND]: the shape of the bad-config cases. pifan runs
# the case's config (notify socket attached); BREAK_COMMAND turns $WORK/pifan.yaml into something
# that is no config; then two SIGHUPs. Holds when both reloads are refused and counted within 10 s,
# READY=1 follows every RELOADING=1, the curve on /status is still the case's, and no thread is
# left behind per SIGHUP; then RESTORE_COMMAND and one more SIGHUP must be accepted again.
refused_reload_case() {
  write_case_config
  notify_listen
  pifan_start_obeying_modes
  wait_first_tick
  curve_kept || fail_case "the case's curve is not on /status at start"
  local threads_before threads_after refused pending kept accepted=none
  threads_before=$(ls "/proc/$PIFAN_PID/task" | wc -l)
  eval "$1"
  kill -HUP "$PIFAN_PID"
  sleep 0.5
  kill -HUP "$PIFAN_PID"
  wait_until 10 bash -c "[[ \$(curl -s -m 1 http://127.0.0.1:$PORT/metrics | awk '\$1 == \"pifan_config_reloads_total{result=\\\"refused\\\"}\" {print \$2}') == 2.0 ]]" || true
  wait_until 5 bash -c "[[ \$(awk '/RELOADING=1/ {p = 1} / READY=1/ {p = 0} END {print p + 0}' '$NOTIFY_LOG') == 0 ]]" || true
  refused=$(metric 'pifan_config_reloads_total{result="refused"}')
  pending=$(notify_reload_pending)
  kept=no
  curve_kept && kept=yes
  threads_after=$(ls "/proc/$PIFAN_PID/task" | wc -l)
  if [[ -n ${2:-} ]]; then
    eval "$2"
    kill -HUP "$PIFAN_PID"
    wait_until 10 bash -c "[[ \$(curl -s -m 1 http://127.0.0.1:$PORT/metrics | awk '\$1 == \"pifan_config_reloads_total{result=\\\"accepted\\\"}\" {print \$2}') == 1.0 ]]" || true
    accepted=$(metric 'pifan_config_reloads_total{result="accepted"}')
  fi
  local healthz
  healthz=$(healthz_ms)
  pifan_stop TERM
  local figures="refused=${refused:-none}/2 reloading=$(notify_count RELOADING=1) ready-missing=$pending"
  figures+=" curve-kept=$kept threads=$threads_before->$threads_after accepted-after-fix=$accepted"
  figures+=" healthz=${healthz}ms pwm1-exit=$(fan_pwm) rc=$PIFAN_RC"
  [[ $refused == 2.0 && $pending == 0 && $kept == yes && $healthz != timeout ]] || fail_case "$figures"
  ((threads_after <= threads_before + 1)) || fail_case "a thread left per SIGHUP: $figures"
  [[ -z ${2:-} || $accepted == 1.0 ]] || fail_case "the repaired file was not accepted: $figures"
  row PASS "$figures"
}

# --- HTTP attacks (added for the http-* cases; the functions above are unchanged)

# http_clients MODE ARGS...: the misbehaving clients of attack/http_clients.py against $PORT.
# The attackers run at the lowest CPU priority: they stand for clients on other machines, whose
# CPU a Pi does not share. At equal priority on a 2-core CI machine, wrk's two threads and 500
# Python clients starve the daemon of the CPU itself, and /healthz then measures the scheduler
# (seen: 5 misses in 18 under a parallel build), not pifan's server. The kernel's network work for
# their packets is still done here, as on the Pi.
attacker() { nice -n 19 "$@"; }
http_clients() { local mode=$1; shift; attacker python3 "$ATTACK_REPO/attack/http_clients.py" "$mode" "$PORT" "$@"; }

# healthz_watch_start: asks /healthz every 250 ms in the background (each ask at most 1 s, at most
# 10 minutes in all) into $WORK/healthz.txt, one figure a line (ms, or "timeout").
healthz_watch_start() {
  : >"$WORK/healthz.txt"
  : >"$WORK/healthz-misses.txt"
  ( for _ in $(seq 1 2400); do healthz_ms >>"$WORK/healthz.txt" 2>>"$WORK/healthz-misses.txt"; sleep 0.25; done ) &
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
  if ((HEALTHZ_MISSES > 0)); then
    HEALTHZ_FIGURES+=" ($(sort "$WORK/healthz-misses.txt" | uniq -c | awk '{$1 = $1 "x"; print}' | paste -sd, -))"
  fi
}
healthz_held() { ((HEALTHZ_MISSES == 0 && HEALTHZ_SAMPLES > 0)); }

# fds_within LIMIT: pifan holds at most LIMIT fds (for wait_until).
fds_within() { (($(fd_count) <= $1)); }
