# The issue's whole siege at once: 500 clients dribbling their headers and wrk with 2,000
# connections on /healthz, for 20 s, with the board at 85 °C. /healthz answers within 1 s
# throughout, the fan never leaves full speed, the loop keeps ticking, and the fds come back.
source "$(dirname "$0")/../lib.sh"
attack_setup http-siege
command -v wrk >/dev/null || fail_case "wrk is missing (apt-get install wrk)"
pifan_start
set_temp 85000
wait_until 10 bash -c "(( \$(cat '$ROOT/sys/class/hwmon/hwmon2/pwm1') == 255 ))" || fail_case "pifan did not drive the fan full at 85 °C"
base=$(fd_count)
tick_before=$(status_field 's["tick"]')
healthz_watch_start
http_clients slow 500 20 >"$WORK/clients.txt" &
slow_pid=$!
(ulimit -n 8192 && attacker wrk -t2 -c2000 -d20s --timeout 2s "http://127.0.0.1:$PORT/healthz" >"$WORK/wrk.txt" 2>&1) &
wrk_pid=$!
lowest=255 samples=0
for _ in $(seq 1 80); do # the fan, sampled while the siege lasts (at most 80 x 0.5 s)
  kill -0 "$wrk_pid" 2>/dev/null || kill -0 "$slow_pid" 2>/dev/null || break
  p=$(fan_pwm)
  ((p < lowest)) && lowest=$p
  samples=$((samples + 1))
  sleep 0.5
done
wait "$wrk_pid" || true
wait "$slow_pid" || true
healthz_watch_stop
tick_after=$(status_field 's["tick"]')
wait_until 15 fds_within $((base + 2)) || true
after=$(fd_count)
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
figures="$HEALTHZ_FIGURES; pwm1 lowest=$lowest over $samples samples; ticks $tick_before->$tick_after;"
figures+=" $(cat "$WORK/clients.txt"); wrk: ${requests:-0} requests; fds: before=$base after=$after"
pifan_stop TERM
figures+="; exit: pwm1=$(fan_pwm)"
healthz_held || fail_case "healthz unreachable: $figures"
((lowest == 255 && samples > 0)) || fail_case "the fan left full speed: $figures"
((tick_after >= tick_before + 15)) || fail_case "the loop did not keep ticking: $figures"
((after <= base + 2)) || fail_case "fds leaked: $figures"
row PASS "$figures"
