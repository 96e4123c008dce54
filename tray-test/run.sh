#!/usr/bin/env bash
# The tray's multi-host test (tray-test/README.md): three members and a tray node, each a real
# `pifan run --sim` in a network namespace of its own, joined by veth pairs on 10.213.0.0/24. Kills
# a member, cuts one's link, stops one, restarts one, and prints for each the time from the fault to
# full speed on the tray node and from the repair to below full again. Needs root, iproute2,
# python3, curl and the jar (mvn -B -DskipTests package). Every wait is bounded; namespaces and
# processes are removed on exit, whatever happens.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# the attack suite's jar, JVM flags (the unit's) and bounded wait_until
source "$here/../attack/lib.sh"

OUT=${TRAY_OUT:-$here/out}
INTERVAL_S=1
STALE_S=3 # tray.stale-after's default: 3 x interval
# what this script adds to the bound: it reads /status every 100 ms, a read takes up to ~50 ms,
# and the tick that notices a loss is reported by the next read
MARGIN_MS=500
BOUND_MS=$(((STALE_S + INTERVAL_S) * 1000 + MARGIN_MS))
REPAIR_LIMIT_S=30
PORT=9780
MEMBERS=(m1 m2 m3)

[[ $(id -u) == 0 ]] || { echo "tray-test: needs root (it makes network namespaces)" >&2; exit 2; }
command -v ip >/dev/null || { echo "tray-test: needs ip (iproute2)" >&2; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT"
tag=pt$$ # namespaces and links of this run only: two runs never meet
NS_TRAY=${tag}-tray
declare -A PID NS ADDR

cleanup() {
  local p
  for p in "${PID[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  for p in "${PID[@]}"; do wait "$p" 2>/dev/null || true; done
  for n in "$NS_TRAY" "${NS[@]}"; do ip netns del "$n" 2>/dev/null || true; done
}
trap cleanup EXIT

now_ms() { local t=$EPOCHREALTIME; echo $((${t/[.,]/} / 1000)); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
fail() { echo "tray-test: FAIL: $*" >&2; tail -n 5 "$OUT"/*.log >&2 || true; exit 1; }

# --- the network: the tray node's namespace, and one per member with a veth pair to it (a /30 each)
ip netns add "$NS_TRAY"
ip -n "$NS_TRAY" link set lo up
k=0
for m in "${MEMBERS[@]}"; do
  k=$((k + 1))
  NS[$m]=${tag}-$m
  ADDR[$m]=10.213.0.$((4 * k + 2))
  ip netns add "${NS[$m]}"
  ip -n "${NS[$m]}" link set lo up
  ip link add "tv$k" netns "$NS_TRAY" type veth peer name "mv$k" netns "${NS[$m]}"
  ip -n "$NS_TRAY" addr add "10.213.0.$((4 * k + 1))/30" dev "tv$k"
  ip -n "${NS[$m]}" addr add "${ADDR[$m]}/30" dev "mv$k"
  ip -n "$NS_TRAY" link set "tv$k" up
  ip -n "${NS[$m]}" link set "mv$k" up
done

# --- the configs: a member as a fanless board would run it, the tray node with the static list
# (under --sim the hardware section is not opened: each member's simulated fan stands for the
# airflow the tray's fan gives it, see the README)
printf 'interval: %ss\nhardware:\n  fan: {driver: none}\n' "$INTERVAL_S" >"$OUT/member.yaml"
{
  printf 'interval: %ss\ntray:\n  members:\n' "$INTERVAL_S"
  for m in "${MEMBERS[@]}"; do printf '    - {name: %s, address: "%s:%s"}\n' "$m" "${ADDR[$m]}" "$PORT"; done
} >"$OUT/tray.yaml"

# start NAME: pifan run --sim in the name's namespace, in the background (PID[NAME], log OUT/NAME.log)
start() {
  local name=$1 ns config listen
  if [[ $name == tray ]]; then ns=$NS_TRAY config=$OUT/tray.yaml listen=127.0.0.1:$PORT
  else ns=${NS[$name]} config=$OUT/member.yaml listen=${ADDR[$name]}:$PORT; fi
  # ip netns exec execs the JVM: $! is pifan's own pid, so signals reach it
  # shellcheck disable=SC2086
  ip netns exec "$ns" java $ATTACK_JAVA_OPTS -jar "$ATTACK_JAR" run --sim -c "$config" --listen "$listen" \
    >>"$OUT/$name.log" 2>&1 &
  PID[$name]=$!
}

# status EXPRESSION: a value of the tray node's /status (python, s is the JSON), "unreadable" if none
status() {
  ip netns exec "$NS_TRAY" curl -s -m 1 "http://127.0.0.1:$PORT/status" 2>/dev/null \
    | python3 -c 'import json, sys; s = json.load(sys.stdin); print('"$1"')' 2>/dev/null || echo unreadable
}
is_full() { [[ $(status 's["duty"] == 1') == True ]]; }
# calm: below full, and every member heard (the state each case starts from and must return to)
is_calm() { [[ $(status 's["duty"] < 1 and not any(m["lost"] for m in s["tray"]["members"].values())') == True ]]; }
peer_answers() { ip netns exec "$NS_TRAY" curl -s -o /dev/null -m 1 -w '%{http_code}' "http://${ADDR[$1]}:$PORT/peer" | grep -q 200; }

# wait_ms LIMIT_MS PREDICATE: polls every 100 ms; prints the ms it took, fails after LIMIT_MS
wait_ms() {
  local limit=$1 start t
  shift
  start=$(now_ms)
  until "$@"; do
    t=$(now_ms)
    ((t - start < limit)) || return 1
    sleep 0.1
  done
  echo $(($(now_ms) - start))
}

for m in "${MEMBERS[@]}"; do start "$m"; done
start tray
wait_until 60 is_calm || fail "the tray did not settle below full with every member heard within 60 s"
echo "tray-test: tray node and ${#MEMBERS[@]} members up; bound fault-to-full: stale-after ${STALE_S} s + interval ${INTERVAL_S} s + ${MARGIN_MS} ms polling margin = $(secs "$BOUND_MS")"

results=()
# fault_case NAME MEMBER FAULT REPAIR: FAULT, time to full (at most BOUND_MS), REPAIR, time to calm
fault_case() {
  local name=$1 member=$2 fault=$3 repair=$4 full back
  wait_until 30 is_calm || fail "$name: not calm before the fault"
  eval "$fault"
  full=$(wait_ms $((BOUND_MS + 5000)) is_full) || fail "$name: the fan did not go to full speed within $(secs $((BOUND_MS + 5000)))"
  ((full <= BOUND_MS)) || fail "$name: full speed after $(secs "$full"), above the bound $(secs "$BOUND_MS")"
  [[ $(status 's["reason"]') == peer_lost ]] || fail "$name: full speed, but the reason is $(status 's["reason"]')"
  eval "$repair"
  back=$(wait_ms $((REPAIR_LIMIT_S * 1000)) is_calm) || fail "$name: not back below full within $REPAIR_LIMIT_S s of the repair"
  results+=("$(printf '%-10s %-4s fault-to-full %-8s repair-to-below-full %s' "$name" "$member" "$(secs "$full")" "$(secs "$back")")")
  echo "tray-test: ${results[-1]}"
}

fault_case kill m1 'kill -KILL "${PID[m1]}"; wait "${PID[m1]}" 2>/dev/null || true' 'start m1'
fault_case partition m2 'ip -n "${NS[m2]}" link set mv2 down' 'ip -n "${NS[m2]}" link set mv2 up'
fault_case delay m3 'kill -STOP "${PID[m3]}"' 'kill -CONT "${PID[m3]}"'

# restart: the member stopped (SIGTERM) and started again at once, as systemctl restart does. The
# new run's ticks start again from 1 under a new instance id and must count as news at once. Full
# speed comes only if it is away for stale-after; if it does, the bound holds.
wait_until 30 is_calm || fail "restart: not calm before the fault"
instance_before=$(status 's["tray"]["members"]["m2"]["instance"]')
t0=$(now_ms)
kill -TERM "${PID[m2]}"
wait "${PID[m2]}" 2>/dev/null || true
start m2
first_full=none
deadline=$((t0 + REPAIR_LIMIT_S * 1000))
while :; do
  t=$(now_ms)
  ((t < deadline)) || fail "restart: not back below full with m2's new run within $REPAIR_LIMIT_S s"
  if [[ $first_full == none ]] && is_full; then first_full=$((t - t0)); fi
  if is_calm && [[ $(status 's["tray"]["members"]["m2"]["instance"]') != "$instance_before" ]]; then break; fi
  sleep 0.1
done
back=$(($(now_ms) - t0))
if [[ $first_full != none ]]; then
  ((first_full <= BOUND_MS)) || fail "restart: full speed after $(secs "$first_full"), above the bound"
  full_text=$(secs "$first_full")
else
  full_text="never (back within stale-after)"
fi
results+=("$(printf '%-10s %-4s fault-to-full %-8s start-to-below-full %s (new instance)' restart m2 "$full_text" "$(secs "$back")")")
echo "tray-test: ${results[-1]}"

# peer_lost is logged once per loss and once on return, not every tick (m2 was lost once by its
# partition, and maybe once more by its restart)
for m in m1 m2 m3; do
  lost=$(grep -c "tray member $m lost" "$OUT/tray.log" || true)
  again=$(grep -c "tray member $m heard from again" "$OUT/tray.log" || true)
  most=1
  [[ $m == m2 ]] && most=2
  ((lost >= 1 && lost <= most && again == lost)) \
    || fail "$m: logged lost $lost times and back $again times, expected 1 to $most each, as many back as lost"
done
errors=$(ip netns exec "$NS_TRAY" curl -s -m 2 "http://127.0.0.1:$PORT/metrics" \
  | awk '/^pifan_tray_poll_errors_total/ && $2 > 0 {printf "%s=%s ", $1, $2}')

printf '\ntray-test: PASS in %s s\n' "$SECONDS"
printf '  %s\n' "${results[@]}"
echo "  poll errors counted: $errors"
