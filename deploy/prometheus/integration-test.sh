#!/usr/bin/env bash
# pifan and a real Prometheus, on loopback:
#   1. starts pifan on the simulated board (pi5-active-cooler in a 33 C rack: a tachometer, the fan on) as the
#      tray node of a tray with one member (a second pifan run --sim, so the tray's metrics and
#      dashboard row have data), and a Prometheus from the Debian package scraping it every second
#      with pifan's alert rules;
#   2. waits for a scrape and checks that Prometheus holds the same pifan_soc_temperature_celsius
#      and pifan_fan_duty_ratio as pifan's /status said for the same tick;
#   3. runs promtool check metrics on a /metrics capture (any warning fails), promtool check
#      rules and test rules, checks the PrometheusRule is in sync and that Prometheus loaded the
#      rules, and runs every query of the Grafana dashboard against the live Prometheus;
#   4. stops both (also on failure or Ctrl-C).
# Installs prometheus, curl and jq with apt-get when missing (needs root). Every wait is bounded.
# Usage: deploy/prometheus/integration-test.sh        (KEEP=1 keeps the work directory)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

TAG=integration
# shellcheck source=deploy/lib.sh
source "$root/deploy/lib.sh"
require prometheus:prometheus promtool:prometheus curl:curl jq:jq

work="$(mktemp -d "${TMPDIR:-/tmp}/pifan-integration.XXXXXX")"
pifan_pid=""
member_pid=""
prom_pid=""
cleanup() {
  local status=$?
  [[ -n "$prom_pid" ]] && kill "$prom_pid" 2>/dev/null && wait "$prom_pid" 2>/dev/null || true
  [[ -n "$pifan_pid" ]] && kill "$pifan_pid" 2>/dev/null && wait "$pifan_pid" 2>/dev/null || true
  [[ -n "$member_pid" ]] && kill "$member_pid" 2>/dev/null && wait "$member_pid" 2>/dev/null || true
  if ((status != 0)); then
    say "pifan log:"; tail -n 30 "$work/pifan.log" >&2 2>/dev/null || true
    say "prometheus log:"; tail -n 30 "$work/prometheus.log" >&2 2>/dev/null || true
  fi
  if [[ "${KEEP:-}" == 1 ]]; then say "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for SECONDS DESCRIPTION COMMAND...: runs COMMAND every 0.2 s until it succeeds.
wait_for() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "$what: not within ${seconds}s"
    sleep 0.2
  done
}

pifan_port="$(free_port)" || fail "no free port"
member_port="$(free_port)" || fail "no free port"
prom_port="$(free_port)" || fail "no free port"
pifan_url="http://127.0.0.1:$pifan_port"
prom_url="http://127.0.0.1:$prom_port"

say "building pifan"
"$root/pifan" --version >/dev/null

say "starting a tray member on 127.0.0.1:$member_port"
printf 'hardware:\n  fan: {driver: none}\n' >"$work/member.yaml"
"$root/pifan" run --sim -c "$work/member.yaml" --listen "127.0.0.1:$member_port" >"$work/member.log" 2>&1 &
member_pid=$!
say "starting pifan, the tray node, on $pifan_url"
printf 'tray:\n  members:\n    - {name: b2, address: "127.0.0.1:%s"}\n' "$member_port" >"$work/tray.yaml"
"$root/pifan" run --sim --profile pi5-active-cooler --scenario rack-33 -c "$work/tray.yaml" \
  --listen "127.0.0.1:$pifan_port" >"$work/pifan.log" 2>&1 &
pifan_pid=$!   # ./pifan execs java: this is the daemon itself
wait_for 60 "pifan /healthz answering 200" curl -fsS "$pifan_url/healthz"
wait_for 60 "the tray node hearing its member" \
  bash -c "curl -fsS '$pifan_url/status' | jq -e '.tray.members.b2.lost == false'"

cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $here/pifan-rules.yml
scrape_configs:
  - job_name: pifan
    static_configs:
      - targets: ['127.0.0.1:$pifan_port']
EOF
say "starting prometheus $(prometheus --version 2>&1 | head -n1 | cut -d' ' -f3) on $prom_url"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prom_pid=$!
wait_for 60 "prometheus ready" curl -fsS "$prom_url/-/ready"

# query PROMQL [TIME]: the API's JSON answer; fails unless its status is success.
query() {
  local answer
  answer="$(curl -fsS --get --data-urlencode "query=$1" ${2:+--data-urlencode "time=$2"} "$prom_url/api/v1/query")" \
    || return 1
  [[ "$(jq -r .status <<<"$answer")" == success ]] || return 1
  printf '%s' "$answer"
}
has_result() { [[ "$(query "$1" | jq '.data.result | length')" -gt 0 ]]; }

wait_for 30 "a scrape of pifan_soc_temperature_celsius and pifan_fan_duty_ratio" \
  bash -c "$(declare -f query has_result); prom_url=$prom_url; has_result pifan_soc_temperature_celsius && has_result pifan_fan_duty_ratio"
[[ "$(query 'up{job="pifan"}' | jq -r '.data.result[0].value[1]')" == 1 ]] || fail "up{job=\"pifan\"} is not 1"
say "Prometheus has scraped pifan"

# Same tick, same values. /status names its tick; pifan_control_tick_seconds_count is the number
# of ticks at a scrape, so the scrape with that count saw the same tick as /status did. With 1 s
# ticks and 1 s scrapes one scrape lands in almost every tick; a tick without one is skipped, and
# a scrape that raced a tick (count from one tick, a gauge from the next) is retried.
compared=0
mismatches=0
deadline=$((SECONDS + 60))
while ((compared == 0)); do
  ((SECONDS < deadline)) || fail "no scrape matched a /status tick within 60 s"
  status="$(curl -fsS "$pifan_url/status")"
  tick="$(jq .tick <<<"$status")"
  temperature="$(jq .temperature_celsius <<<"$status")"
  duty="$(jq .duty <<<"$status")"
  at=""
  tick_deadline=$((SECONDS + 5))
  while [[ -z "$at" ]] && ((SECONDS < tick_deadline)); do
    at="$(query 'pifan_control_tick_seconds_count[20s]' | jq -r --argjson n "$tick" \
      '.data.result[0].values[] | select((.[1] | tonumber) == $n) | .[0]' | head -n1)"
    [[ -n "$at" ]] || sleep 0.2
  done
  if [[ -z "$at" ]]; then
    say "no scrape during tick $tick: trying the next"
    continue
  fi
  prom_temperature="$(query pifan_soc_temperature_celsius "$at" | jq -r '.data.result[0].value[1]')"
  prom_duty="$(query pifan_fan_duty_ratio "$at" | jq -r '.data.result[0].value[1]')"
  same() { jq -en --argjson a "$1" --argjson b "$2" '($a - $b) | fabs < 1e-9' >/dev/null; }
  if same "$temperature" "$prom_temperature" && same "$duty" "$prom_duty"; then
    say "tick $tick: /status temperature $temperature C, duty $duty; Prometheus at $at: $prom_temperature C, $prom_duty"
    compared=1
  else
    mismatches=$((mismatches + 1))
    say "tick $tick: /status $temperature C / $duty, Prometheus $prom_temperature C / $prom_duty"
    ((mismatches < 3)) || fail "Prometheus and /status disagree on 3 ticks"
  fi
done

say "promtool check metrics on a /metrics capture"
curl -fsS "$pifan_url/metrics" >"$work/metrics.txt"
if ! lint="$(promtool check metrics <"$work/metrics.txt" 2>&1)" || [[ -n "$lint" ]]; then
  fail "promtool check metrics: $lint"
fi
grep -q '^pifan_fan_speed_rpm ' "$work/metrics.txt" || fail "no pifan_fan_speed_rpm in /metrics"
# the standard process metrics, by the names every exporter's dashboards use, and no others
for name in process_cpu_seconds_total process_start_time_seconds process_open_fds process_max_fds \
    process_virtual_memory_bytes process_resident_memory_bytes; do
  grep -q "^$name " "$work/metrics.txt" || fail "no $name in /metrics"
done
others="$(grep -oE '^(process|system)_[a-z_]+' "$work/metrics.txt" | sort -u | grep -vxE \
  'process_(cpu_seconds_total|start_time_seconds|open_fds|max_fds|virtual_memory_bytes|resident_memory_bytes)' || true)"
[[ -z "$others" ]] || fail "non-standard process metrics in /metrics: $others"

say "promtool check rules, test rules, and the PrometheusRule"
promtool check rules "$here/pifan-rules.yml" >&2
(cd "$here" && promtool test rules pifan-rules.test.yml) >&2
"$here/make-prometheusrule.sh" --check
sed -n '/^spec:/,$p' "$here/pifan-prometheusrule.yaml" | tail -n +2 | sed 's/^  //' >"$work/operator-rules.yml"
promtool check rules "$work/operator-rules.yml" >&2
promtool check config "$here/prometheus.example.yml" >&2

rule_count="$(grep -c '^ *- alert:' "$here/pifan-rules.yml")"
rules_ok() {
  query 'up' >/dev/null || return 1
  local answer
  answer="$(curl -fsS "$prom_url/api/v1/rules")" || return 1
  jq -e --argjson n "$rule_count" \
    '[.data.groups[] | select(.name == "pifan") | .rules[]] | length == $n and all(.health == "ok")' \
    <<<"$answer" >/dev/null
}
wait_for 15 "Prometheus evaluating the $rule_count pifan rules without error" rules_ok
firing="$(curl -fsS "$prom_url/api/v1/alerts" | jq -r '[.data.alerts[] | select(.state == "firing") | .labels.alertname] | join(", ")')"
[[ -z "$firing" ]] || fail "alerts firing on a healthy simulated node: $firing"

say "every Grafana dashboard query against the live Prometheus"
dashboard="$root/deploy/grafana/pifan-dashboard.json"
jq -e '[.. | objects | select(has("datasource")) | .datasource | select(type == "object") | .uid]
       | all(. == "${datasource}")' "$dashboard" >/dev/null || fail "a dashboard panel names a datasource UID"
checked=0
while IFS= read -r expr; do
  promql="${expr//\$job/pifan}"
  promql="${promql//\$instance/.*}"
  promql="${promql//\$__rate_interval/1m}"
  answer="$(query "$promql")" || fail "dashboard query does not run: $expr"
  if [[ "$(jq '.data.result | length' <<<"$answer")" == 0 && ! "$expr" =~ \>\ 0$ ]]; then
    fail "dashboard query returns nothing: $expr"
  fi
  checked=$((checked + 1))
done < <(jq -r '.. | objects | select(has("expr")) | .expr' "$dashboard")
say "$checked dashboard queries run"

say "pifan status against the running daemon"
# 0 healthy, 3 degraded: rack-33 may well run the fan full for a safety rule; 1 (down) fails
status_rc=0
"$root/pifan" status --url "$pifan_url" >"$work/status.txt" || status_rc=$?
[[ $status_rc == 0 || $status_rc == 3 ]] || fail "pifan status exited $status_rc (down): $(cat "$work/status.txt")"
grep -q '^  temperature ' "$work/status.txt" || fail "pifan status printed: $(cat "$work/status.txt")"

say "PASSED"
