# SIGKILL mid-run, then a new `pifan run`: the record of the first must be read, the fan never off.
source "$(dirname "$0")/../lib.sh"
attack_setup sigkill-restart
pifan_start
set_temp 70000
wait_until 10 bash -c "(( \$(cat '$ROOT/sys/class/hwmon/hwmon2/pwm1') > 75 ))" || fail_case "pifan did not raise the fan at 70 °C"
before=$(fan_pwm)
pifan_stop KILL
after_kill=$(fan_pwm)
pifan_start
wait_until 10 bash -c "(( \$(cat '$ROOT/sys/class/hwmon/hwmon2/pwm1') > 0 ))" || true
restarted=$(fan_pwm)
pifan_stop TERM
at_exit=$(fan_pwm)
figures="pwm1: running=$before after-kill=$after_kill restarted=$restarted exit=$at_exit rc=$PIFAN_RC"
((after_kill > 0 && restarted > 0 && at_exit > 0)) || fail_case "fan off: $figures"
row PASS "$figures"
