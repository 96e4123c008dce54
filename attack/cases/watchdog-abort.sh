# The systemd watchdog. (1) An interval the watchdog cannot watch (15 s against WatchdogSec=10s)
# must be refused at start, naming both. (2) With WATCHDOG_USEC=2s and 1 s ticks the pings must
# come well inside the limit; a stalled loop (SIGSTOP) must stop them; after the SIGABRT systemd
# then sends, `pifan restore` must leave the fan at full speed and the zone handed back.
source "$(dirname "$0")/../lib.sh"
attack_setup watchdog-abort
printf 'interval: 15s\n' >"$WORK/unwatchable.yaml"
WATCHDOG_USEC=10000000 pifan_cli 10 run --root "$ROOT" -c "$WORK/unwatchable.yaml" --listen off
unwatchable_rc=$CLI_RC
names_both=no
grep -q '15s' <<<"$CLI_OUT" && grep -q '10s' <<<"$CLI_OUT" && grep -qi watchdog <<<"$CLI_OUT" && names_both=yes
# a refused start must have left the zone and records alone
mode_after_refusal=$(zone_mode)

notify_listen
export WATCHDOG_USEC=2000000
pifan_start
set_temp 60000
sleep 6
gap=$(notify_max_ping_gap_ms)
pings_before=$(notify_count WATCHDOG=1)
kill -STOP "$PIFAN_PID"
sleep 3
pings_stopped=$(($(notify_count WATCHDOG=1) - pings_before))
# what systemd does when no ping came within WatchdogSec: SIGABRT (the process is then resumed to die)
kill -ABRT "$PIFAN_PID"
kill -CONT "$PIFAN_PID"
pifan_stop KILL
unset WATCHDOG_USEC
mode_dead=$(zone_mode)
pwm_dead=$(fan_pwm)
pifan_cli 20 restore --root "$ROOT"
restore_rc=$CLI_RC
figures="interval-15s-vs-10s: rc=$unwatchable_rc names-both=$names_both zone-after=$mode_after_refusal |"
figures+=" max-ping-gap=${gap}ms/2000ms pings-while-stopped=$pings_stopped |"
figures+=" after-abort: zone=$mode_dead pwm1=$pwm_dead | restore: rc=$restore_rc zone=$(zone_mode) pwm1=$(fan_pwm) records='$(records)'"
((unwatchable_rc != 0 && unwatchable_rc != 124)) && [[ $names_both == yes && $mode_after_refusal == enabled ]] || fail_case "$figures"
((gap > 0 && gap <= 1500 && pings_stopped == 0)) || fail_case "$figures"
((restore_rc == 0 && $(fan_pwm) == 255)) && [[ $(zone_mode) == enabled && -z $(records | tr -d ' ') ]] || fail_case "$figures"
row PASS "$figures"
