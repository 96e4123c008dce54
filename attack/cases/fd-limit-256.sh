# At an fd limit of 256, with HTTP clients trying to take every fd, 85 °C must still bring the fan
# to full, and SIGTERM must still write the exit state (the fan handed back to the kernel).
source "$(dirname "$0")/../lib.sh"
attack_setup fd-limit-256
pifan_start
prlimit --pid "$PIFAN_PID" --nofile=256:256
base=$(fd_count)
http_clients hold 600 25 >"$WORK/clients.txt" &
clients_pid=$!
sleep 3 # the clients connect within a second; the rest is the siege
peak=$(fd_count)
set_temp 85000
wait_until 10 bash -c "(( \$(cat '$ROOT/sys/class/hwmon/hwmon2/pwm1') == 255 ))" || true
hot=$(fan_pwm)
ms=$(healthz_ms)
besieged=$(fd_count)
pifan_stop TERM # while the clients still hold their connections
exit_pwm=$(fan_pwm)
zone=$(cat "$ROOT/sys/class/thermal/thermal_zone0/mode")
wait "$clients_pid" || true
handed=$(grep -c 'handed back to the kernel' "$WORK/pifan.log" || true)
figures="fds: before=$base besieged=$peak/$besieged (limit 256); pwm1 at 85 C=$hot; healthz=${ms}ms; exit: pwm1=$exit_pwm zone=$zone handed_back=$handed rc=$PIFAN_RC; $(cat "$WORK/clients.txt")"
((hot == 255)) || fail_case "fan not at full at 85 C: $figures"
[[ $ms != timeout ]] || fail_case "healthz unreachable: $figures"
((exit_pwm > 0 && handed == 1)) && [[ $zone == enabled ]] || fail_case "exit state not written: $figures"
row PASS "$figures"
