# The fan's hwmon device disappears (driver unbound) and comes back as hwmon4 instead of hwmon2,
# with its zone enabled again (the kernel drives it after a re-probe). While it is gone pifan must
# say it is unhealthy; when it is back pifan must find it, take the zone again and drive it.
source "$(dirname "$0")/../lib.sh"
attack_setup hwmon-renumber
hw=$ROOT/sys/class/hwmon
write_case_config
pifan_start
set_temp 60000
wait_until 10 bash -c "(( \$(cat '$hw/hwmon2/pwm1') > 100 ))" || fail_case "pifan did not drive the fan at 60 °C"
mv "$hw/hwmon2" "$WORK/unbound-hwmon2"
wait_until 10 bash -c "[[ \$(curl -s -m 1 http://127.0.0.1:$PORT/metrics | awk '\$1 == \"pifan_control_reason{reason=\\\"fan_failure\\\"}\" {print \$2}') == 1.0 ]]" || true
gone_reason=$(status_field 's["reason"]')
gone_healthy=$(metric pifan_healthy)
gone_code=$(healthz_code)
# back under another number, at the kernel's level, with the kernel driving it again
# (as a re-probe does it: the zone drives the fan at its level before the device shows up again)
echo 75 >"$WORK/unbound-hwmon2/pwm1"
echo enabled >"$ROOT/sys/class/thermal/thermal_zone0/mode"
mv "$WORK/unbound-hwmon2" "$hw/hwmon4"
set_temp 68000
wait_until 15 bash -c "(( \$(cat '$hw/hwmon4/pwm1') > 200 )) && [[ \$(cat '$ROOT/sys/class/thermal/thermal_zone0/mode') == disabled ]] \
  && curl -s -m 1 http://127.0.0.1:$PORT/status | grep -q '\"duty_applied\":true'" || true
back_pwm=$(cat "$hw/hwmon4/pwm1")
back_zone=$(zone_mode)
back_reason=$(status_field 's["reason"]')
back_healthy=$(metric pifan_healthy)
back_records=$(records)
pifan_stop TERM
figures="gone: reason=$gone_reason healthy=$gone_healthy healthz=$gone_code | back as hwmon4: pwm1=$back_pwm zone=$back_zone"
figures+=" reason=$back_reason healthy=$back_healthy records='$back_records' | exit: hwmon4/pwm1=$(cat "$hw/hwmon4/pwm1") zone=$(zone_mode) rc=$PIFAN_RC"
[[ $gone_healthy == 0.0 && $gone_code == 503 ]] || fail_case "$figures"
((back_pwm > 200)) && [[ $back_zone == disabled && $back_healthy == 1.0 && $back_records == *fan-hwmon4-pwm1* ]] || fail_case "$figures"
(($(cat "$hw/hwmon4/pwm1") == 255)) && [[ $(zone_mode) == enabled ]] || fail_case "$figures"
row PASS "$figures"
