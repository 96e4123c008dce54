# SIGSTOP for 6 s, then SIGCONT: the fan file never drops below the commanded duty meanwhile, and
# pifan recovers (healthy, ticking) within a few seconds.
source "$(dirname "$0")/../lib.sh"
attack_setup sigstop-sigcont
pifan_start
set_temp 63000 # on the fixture curve: between 62 and 64 °C, a duty below full
wait_until 10 bash -c "(( \$(cat '$ROOT/sys/class/hwmon/hwmon2/pwm1') > 60 ))" || fail_case "pifan did not raise the fan at 63 °C"
commanded=$(awk -v d="$(status_field 's["duty"]')" 'BEGIN { printf "%d", d * 255 }')
tick_before=$(status_field 's["tick"]')
lowest=255
kill -STOP "$PIFAN_PID"
for _ in $(seq 1 30); do # 6 s stopped
  p=$(fan_pwm); ((p < lowest)) && lowest=$p
  sleep 0.2
done
kill -CONT "$PIFAN_PID"
start=$SECONDS
wait_until 10 healthz_ok || true
recovered=$((SECONDS - start))
for _ in $(seq 1 15); do # 3 s running again
  p=$(fan_pwm); ((p < lowest)) && lowest=$p
  sleep 0.2
done
tick_after=$(status_field 's["tick"]')
ms=$(healthz_ms)
figures="pwm1: commanded=$commanded lowest=$lowest; ticks: before=$tick_before after=$tick_after; healthy again after ${recovered}s; healthz=${ms}ms"
((lowest >= commanded)) || fail_case "fan below the commanded duty: $figures"
[[ $ms != timeout ]] && ((tick_after > tick_before)) || fail_case "pifan did not recover: $figures"
row PASS "$figures"
