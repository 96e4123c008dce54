# A second `pifan run` (and `run --once`, and `probe`) on the fan a running pifan drives: the second
# run must say who holds the fan and exit non-zero; none of them may touch the fan, the zone or the
# first one's takeover record.
source "$(dirname "$0")/../lib.sh"
attack_setup second-instance
pifan_start
set_temp 60000
wait_until 10 bash -c "[[ \$(cat '$WORK/run/fan-hwmon2-pwm1' 2>/dev/null) ]]" || fail_case "no takeover record"
records_before=$(records)
mode_before=$(zone_mode)
port2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

pifan_cli 12 run --root "$ROOT" -c "$WORK/pifan.yaml" --listen "127.0.0.1:$port2"
run_rc=$CLI_RC
run_says=$(grep -o 'held by pid [0-9]*' <<<"$CLI_OUT" | head -1 || true)
after_run="$(records)|$(zone_mode)"
pifan_cli 12 run --once --root "$ROOT" -c "$WORK/pifan.yaml" --listen off
once_rc=$CLI_RC
after_once="$(records)|$(zone_mode)"
pifan_cli 20 probe --root "$ROOT"
probe_rc=$CLI_RC
after_probe="$(records)|$(zone_mode)"
applied=$(status_field 's["duty_applied"]')
owner=$(status_field 's["drivers"]["fan_owner"]' | cut -c2-30)
pifan_stop TERM

before="$records_before|$mode_before"
figures="second-run: rc=$run_rc says='${run_says:-nothing}' | once: rc=$once_rc | probe: rc=$probe_rc |"
figures+=" first: applied=$applied owner=$owner zone=$mode_before"
figures+=" | record/zone kept: run=$([[ $after_run == "$before" ]] && echo yes || echo "no($after_run)")"
figures+=" once=$([[ $after_once == "$before" ]] && echo yes || echo "no($after_once)")"
figures+=" probe=$([[ $after_probe == "$before" ]] && echo yes || echo no) pwm1-exit=$(fan_pwm)"
[[ $after_run == "$before" && $after_once == "$before" && $after_probe == "$before" ]] || fail_case "$figures"
((run_rc != 0 && run_rc != 124 && once_rc != 0 && once_rc != 124 && probe_rc == 0)) || fail_case "$figures"
[[ -n $run_says && $applied == true ]] || fail_case "$figures"
row PASS "$figures"
