# A bounded SIGHUP storm while the config is rewritten in place, not atomically (truncate, then the
# interval line, then the curve: the torn states are an empty file and a valid file without the
# curve, both "the defaults"). No reload may swap them in: the case's curve must survive on /status.
source "$(dirname "$0")/../lib.sh"
attack_setup sighup-storm-torn
write_case_config
notify_listen
pifan_start
wait_first_tick
curve_kept || fail_case "the case's curve is not on /status at start"

# the writer: at most 150 rewrites or 20 s; each torn state lasts 20 ms
( end=$((SECONDS + 20))
  for ((i = 0; i < 150 && SECONDS < end; i++)); do
    : >"$WORK/pifan.yaml"; sleep 0.02
    printf 'interval: 1s\n' >>"$WORK/pifan.yaml"; sleep 0.02
    printf '%s\n' "$CASE_CURVE" >>"$WORK/pifan.yaml"; sleep 0.02
  done ) &
writer=$!
signals=0 lost=0 samples=0
end=$((SECONDS + 20))
for ((i = 0; i < 400 && SECONDS < end; i++)); do
  kill -0 "$writer" 2>/dev/null || break
  kill -HUP "$PIFAN_PID" && signals=$((signals + 1))
  sleep 0.03
  if ((i % 10 == 0)); then
    samples=$((samples + 1))
    curve_kept || lost=$((lost + 1))
  fi
done
wait "$writer" || true
write_case_config
# let the last reloads finish (bounded), then look
wait_until 15 bash -c "[[ \$(awk '/RELOADING=1/ {p = 1} / READY=1/ {p = 0} END {print p + 0}' '$NOTIFY_LOG') == 0 ]]" || true
sleep 1
kept=no
curve_kept && kept=yes
accepted=$(metric 'pifan_config_reloads_total{result="accepted"}')
refused=$(metric 'pifan_config_reloads_total{result="refused"}')
torn=$(grep 'configuration reloaded' "$WORK/pifan.log" | grep -vc '3 curve points 40-70C' || true)
pending=$(notify_reload_pending)
healthz=$(healthz_ms)
pifan_stop TERM
figures="sighup=$signals accepted=$accepted refused=$refused torn-accepted=$torn curve-lost=$lost/$samples"
figures+=" curve-kept-at-end=$kept ready-missing=$pending healthz=${healthz}ms pwm1-exit=$(fan_pwm) rc=$PIFAN_RC"
((torn == 0 && lost == 0)) && [[ $kept == yes && $pending == 0 && $healthz != timeout ]] || fail_case "$figures"
row PASS "$figures"
