#!/usr/bin/env bash
# judge.sh BOARD OUT: judges one board's results (see guest/scenario.sh) and prints its table row.
# Passes when, in at least 99% of the seconds after pifan's start-up, every reading of the fan's
# setting in that second was what pifan commanded (this tick's or the last one's); when after every
# exit path the zone's mode and policy are as the kernel had them at boot and the fan is not,
# with the zone held above its trips, below what the kernel itself would drive
# there (nobody drives it); when probe answered. Reasons go to OUT/why.txt.
set -uo pipefail
board=$1 out=$2
why=()
[[ "$(cat "$out/exit-code" 2>/dev/null)" == 0 ]] || why+=("the guest's scenario did not finish (exit-code $(cat "$out/exit-code" 2>/dev/null || echo none); see guest.log)")
[[ "$(cat "$out/probe.rc" 2>/dev/null)" == 0 ]] || why+=("pifan probe failed (probe.err)")

# the fan is judged per second; a second counts as pifan's when the fan's setting in each of its ten
# readings equals what /status said pifan commanded then or a tick before (the two are not in step)
# (with speed steps, pifan's duty as the driver rounds it: pwm = round(255 d), then
#  gpio-fan (FAN_ROUNDING=up): step = DIV_ROUND_UP(pwm (L - 1), 255), the fan gets step / (L - 1)
#  (drivers/hwmon/gpio-fan.c, set_pwm); emc2305 (closest): state = DIV_ROUND_CLOSEST(pwm (L - 1), 255),
#  register = DIV_ROUND_CLOSEST(state 255, L - 1) (drivers/hwmon/emc2305.c, EMC2305_PWM_DUTY2STATE);
#  nearest: a register of L - 1 steps written as round(d (L - 1)) (EMC2101, hal's Emc2101Fan);
#  threshold:T: on (1) at and above duty T, else off (an on/off fan on a bare GPIO, hal's GpioOnOffFan)
levels=$(sed -n 's/^FAN_LEVELS=//p' "$out/board.env" 2>/dev/null)
rounding=$(sed -n 's/^FAN_ROUNDING=//p' "$out/board.env" 2>/dev/null)
read -r judged mine other trans < <(awk -F, -v tol="${TOLERANCE:-0.003}" -v levels="${levels:-0}" -v rounding="${rounding:-up}" '
  function near(a, b) { return (a - b <= tol && b - a <= tol) }
  function stepped(d,   pwm, s, n) {
    if (d < 0) return d
    # an on/off fan pifan switches itself (hal GpioOnOffFan): on at and above the threshold
    if (rounding ~ /^threshold:/) return d >= substr(rounding, 11) - 1e-9 ? 1 : 0
    if (levels < 2) return d
    n = levels - 1
    pwm = int(d * 255 + 0.5)
    if (rounding == "nearest") return int(d * n + 0.5) / n
    if (rounding == "closest") { s = int((pwm * n + 127) / 255); return int((s * 255 + int(n / 2)) / n) / 255 }
    s = int((pwm * n + 254) / 255)
    return s / n
  }
  NR == 1 { next }
  $9 >= 1 && first == "" { first = $9; trans0 = $11 }
  { cmd = stepped($8) }
  first != "" && $9 >= first + 3 && $8 >= 0 {
    n++
    ok = (near($5, cmd) || near($5, prev)) && (near($6, cmd) || near($6, prev))
    if (ok) m++; else o++
    last_trans = $11
  }
  { prev = cmd }
  END { printf "%d %d %d %d\n", n, m, o, (trans0 == "" || last_trans == "" ? 0 : last_trans - trans0) }
' "$out/loop.csv" 2>/dev/null || echo "0 0 0 0")
((judged > 0)) || why+=("no second of pifan running was recorded (loop.csv, run.log)")
# a run starved of time (a JVM that took most of the loop to start, a slow machine) proves little:
# at least a third of the loop's seconds, and 30 s, must be judged (pifan's start under TCG cost
# 21 to 56 s of 90-120 s loops in a run beside two Maven builds)
loop_seconds=$(sed -n 's/^LOOP_SECONDS=//p' "$out/board.env" 2>/dev/null)
if ((judged > 0)) && [[ -n $loop_seconds ]] && ((judged * 3 < loop_seconds || judged < 30)); then
  why+=("only $judged of the loop's $loop_seconds s were judged: pifan started too late to prove anything (run.log)")
fi
if ((judged > 0)) && ((mine * 100 < judged * 99)); then
  why+=("the fan got pifan's duty in $mine of $judged s (${other} s set by something else, $trans governor transitions)")
fi

# /status says what the fan has (duty_driven: the driver's step where it keeps steps of its own):
# in a judged second, that value must be one of the fan's readings of the second or of the next one
# (pifan may write between the plant's last reading and its ask). Plants before this column: skipped.
read -r told misreported < <(awk -F, -v tol="${TOLERANCE:-0.003}" '
  function near(a, b) { return (a - b <= tol && b - a <= tol) }
  NR == 1 { next }
  $9 >= 1 && first == "" { first = $9 }
  pending != "" { told++; if (!(near(pending, $5) || near(pending, $6))) bad++; pending = "" }
  first != "" && $9 >= first + 3 && NF >= 12 && $12 >= 0 {
    if (!(near($12, $5) || near($12, $6) || near($12, $7))) pending = $12; else told++
  }
  END { printf "%d %d\n", told, bad }
' "$out/loop.csv" 2>/dev/null || echo "0 0")
if ((told > 0)) && ((misreported * 100 > told)); then
  why+=("/status named a duty_driven the fan did not have in $misreported of $told s")
fi

# /status at the end of the run names who drives the fan (board.env FAN_OWNER: the start of drivers.fan_owner)
owner=$(sed -n 's/^FAN_OWNER=//p' "$out/board.env" 2>/dev/null)
awk -v want="\"fan_owner\":\"${owner:-pifan}" 'index($0, want) { found = 1 } END { exit !found }' "$out/status.json" 2>/dev/null ||
  why+=("/status does not name the fan's owner as \"${owner:-pifan}...\" (status.json)")

mode0=$(sed -n 's|^/sys/class/thermal/thermal_zone0/mode=||p' "$out/sysfs.txt" 2>/dev/null)
policy0=$(sed -n 's|^/sys/class/thermal/thermal_zone0/policy=||p' "$out/sysfs.txt" 2>/dev/null)
cells=()
for path in sigterm sigkill restore restart once; do
  # right after SIGKILL nobody could hand back: shown, but judged after `pifan restore` (ExecStopPost)
  judged_path=$([[ $path == sigkill ]] && echo no || echo yes)
  file="$out/exit-$path.txt"
  if [[ ! -f $file ]]; then
    cells+=("-")
    why+=("exit path $path: not reached")
    continue
  fi
  fan=$(sed -n 's/^fan=//p' "$file") mode=$(sed -n 's/^mode=//p' "$file") policy=$(sed -n 's/^policy=//p' "$file")
  cells+=("fan $fan, $mode/$policy")
  [[ $judged_path == yes ]] || continue
  [[ "$mode" == "$mode0" && "$policy" == "$policy0" ]] ||
    why+=("after $path the zone is $mode/$policy, the kernel had $mode0/$policy0")
  least=$(sed -n 's/^fan_min=//p' "$file")
  [[ -n "$fan" && "$fan" -ge "${least:-1}" ]] ||
    why+=("after $path the fan is at ${fan:-?} with the zone above its trips: less than the kernel's own ${least:-1}")
done

# near the critical trip of a disabled zone (boards with CRITICAL_MC): the zone the kernel's again, fan full
crit_cell=-
if [[ -f "$out/exit-critical.txt" ]]; then
  crit_fan=$(sed -n 's/^fan=//p' "$out/exit-critical.txt") crit_mode=$(sed -n 's/^mode=//p' "$out/exit-critical.txt")
  crit_cell="fan $crit_fan, $crit_mode"
  [[ "$crit_mode" == "$mode0" && "${crit_fan:-0}" -ge 250 ]] ||
    why+=("4 C below the critical trip pifan kept the zone $crit_mode with the fan at ${crit_fan:-?}: the kernel's power-off cannot happen")
elif grep -q '^CRITICAL=yes' "$out/board.env" 2>/dev/null; then
  why+=("the critical-trip step was not reached")
fi

# a board's own check (board_extra in its script), when it has one: passed when its first line is
# "ok" (what follows is what it saw)
if [[ -f "$out/extra.txt" ]] && [[ "$(head -n 1 "$out/extra.txt")" != ok ]]; then
  why+=("$(cat "$out/extra.txt")")
fi

if ((${#why[@]})); then printf '%s\n' "${why[@]}"; else echo ok; fi >"$out/why.txt"
IFS='|'
echo "$board|$judged|$mine|$other|$trans|${cells[*]}|$crit_cell"
((${#why[@]} == 0))
