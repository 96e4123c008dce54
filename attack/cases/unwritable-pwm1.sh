# pwm1 replaced by a read-only file (mode 0444; pifan runs without root's DAC override, as
# User=pifan) at 85 °C: pifan cannot drive the fan, the kernel could. It must hand the zone back
# (its recorded mode), answer /healthz 503 with the reason, and take the fan back once pwm1 is
# writable again. Replaced, not chmod-ed: pifan holds pwm1 open (hal HeldFiles) and a mode is checked
# at open, so only a new file at the path (what a re-bound device is) meets the new mode.
source "$(dirname "$0")/../lib.sh"
attack_setup unwritable-pwm1
pwm=$ROOT/sys/class/hwmon/hwmon2/pwm1
write_case_config
pifan_start_obeying_modes
set_temp 60000
wait_until 10 bash -c "(( \$(cat '$pwm') > 100 ))" || fail_case "pifan did not drive the fan at 60 °C"
taken_zone=$(zone_mode)
stuck_at=$(cat "$pwm")
cp -p "$pwm" "$pwm.new" && chmod 0444 "$pwm.new" && mv -f "$pwm.new" "$pwm"
set_temp 85000
wait_until 10 bash -c "[[ \$(cat '$ROOT/sys/class/thermal/thermal_zone0/mode') == enabled ]]" || true
wait_until 5 bash -c "[[ \$(curl -s -o /dev/null -m 1 -w '%{http_code}' http://127.0.0.1:$PORT/healthz) == 503 ]]" || true
ro_zone=$(zone_mode)
ro_code=$(healthz_code)
ro_why=$(curl -s -m 1 "http://127.0.0.1:$PORT/healthz" | head -c 90)
ro_healthy=$(metric pifan_healthy)
ro_handed=$(metric pifan_fan_handed_to_kernel)
ro_pwm=$(cat "$pwm")
chmod 0644 "$pwm"
wait_until 15 bash -c "[[ \$(cat '$ROOT/sys/class/thermal/thermal_zone0/mode') == disabled ]] && (( \$(cat '$pwm') == 255 ))" || true
back_zone=$(zone_mode)
back_pwm=$(cat "$pwm")
wait_until 5 healthz_ok || true
back_code=$(healthz_code)
pifan_stop TERM
figures="taken: zone=$taken_zone pwm1=$stuck_at | pwm1 0444 at 85C: zone=$ro_zone pwm1=$ro_pwm healthz=$ro_code"
figures+=" healthy=$ro_healthy handed-to-kernel=${ro_handed:-absent} why='$ro_why' | 0644 again: zone=$back_zone pwm1=$back_pwm"
figures+=" healthz=$back_code | exit: zone=$(zone_mode) pwm1=$(fan_pwm)"
[[ $ro_zone == enabled && $ro_code == 503 && $ro_healthy == 0.0 ]] || fail_case "$figures"
[[ $back_zone == disabled && $back_pwm == 255 && $back_code == 200 ]] || fail_case "$figures"
row PASS "$figures"
