# shellcheck shell=sh
# The kernel tier's scenario, run by the guest's init (busybox sh) on one board: the board's own
# script (/tier/board.sh) sets up the hardware and says where the fan's setting can be read; then
# pifan runs on the real sysfs in a closed loop with the plant, and leaves by each exit path.
# Everything the host judges goes to /out: probe.json, loop.csv (the plant's per-second rows),
# exit-*.txt (the fan and zone after each exit path), sysfs.txt (facts for the fixture trees).
set -u
JAVA=/usr/lib/jvm/java-17-openjdk-arm64/bin/java
ZONE=/sys/class/thermal/thermal_zone0
STATUS=127.0.0.1:9780
export RUNTIME_DIRECTORY=/run/pifan  # as systemd gives the unit
mkdir -p /run/pifan /etc/pifan

pifan() { "$JAVA" -XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1 -jar /tier/pifan.jar "$@"; }
# in the background, as a direct child: $! is the JVM itself, so that signals reach it
pifan_run_bg() { "$JAVA" -XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1 -jar /tier/pifan.jar run "$@" & }
log() { echo "scenario: $*"; }

# defaults a board overrides
CDEV=""
FAN_SPEC=""
PLANT_PROFILE=pi5
HOT_MC=62000      # held while an exit path is judged: above every board's first trip
EXIT_MIN_FAN=1    # the least fan setting the kernel itself would drive at HOT_MC
FAN_LEVELS=0      # a driver with speed steps (gpio-fan: 2): the judge rounds pifan's duty to them
FAN_ROUNDING=up   # how the driver rounds to its steps: up (gpio-fan), closest (emc2305), threshold:T (on/off)
CRITICAL_MC=""    # the zone's critical trip, on boards run with fan.takeover: zone (exit-critical)
FAN_OWNER=pifan   # how /status names who drives the fan (drivers.fan_owner), as far as the judge reads it
board_setup() { :; }
fan_state() { :; }
board_extra() { :; }  # a board's own last check; it writes /out/extra.txt: "ok" or what failed
# shellcheck source=/dev/null
. /tier/board.sh

# what the kernel has at this moment: the fan's setting, and the zone the way pifan may leave it
snapshot() {
  {
    echo "fan=$(fan_state)"
    echo "fan_min=$EXIT_MIN_FAN"
    echo "mode=$(cat $ZONE/mode)"
    echo "policy=$(cat $ZONE/policy)"
    [ -n "$CDEV" ] && echo "cdev_state=$(cat "$CDEV/cur_state")"
  } >"/out/$1.txt"
}

# waits (bounded) until pifan's /status answers with a tick, or its process is gone
wait_ticking() {
  i=0
  while [ $i -lt 120 ]; do
    kill -0 "$1" 2>/dev/null || return 1
    busybox wget -q -O - "http://$STATUS/status" 2>/dev/null | grep -q '"tick":[1-9]' && return 0
    busybox sleep 0.5
    i=$((i + 1))
  done
  return 1
}

# starts `pifan run` in the background (its pid in $pifan_pid, stderr appended to $1) and waits
# until it ticks
start_ticking() {
  pifan_run_bg --config /tier/pifan.yaml --listen "$STATUS" 2>>"$1"
  pifan_pid=$!
  wait_ticking $pifan_pid || log "pifan did not start ticking (see $1)"
}

# an exit path: hold the zone hot, give the kernel three of its polls, then take the snapshot
judge_exit() {
  echo "$HOT_MC" >$ZONE/emul_temp
  busybox sleep 6
  snapshot "$1"
}

board_setup
printf 'FAN_LEVELS=%s\nFAN_ROUNDING=%s\nFAN_OWNER=%s\nCRITICAL=%s\nLOOP_SECONDS=%s\n' "$FAN_LEVELS" "$FAN_ROUNDING" \
  "$FAN_OWNER" "$([ -n "$CRITICAL_MC" ] && echo yes || echo no)" "$LOOP_SECONDS" >/out/board.env
find /sys/class/thermal/ /sys/class/hwmon/ /sys/class/pwm/ -maxdepth 2 2>/dev/null | sort >/out/sysfs-tree.txt
for f in $ZONE/type $ZONE/mode $ZONE/policy $ZONE/available_policies /sys/class/hwmon/hwmon*/name \
  /sys/class/hwmon/hwmon*/pwm1 /sys/class/hwmon/hwmon*/pwm1_enable /sys/class/thermal/cooling_device*/type \
  /sys/class/pwm/pwmchip*/npwm; do
  [ -e "$f" ] && echo "$f=$(cat "$f" 2>&1)"
done >/out/sysfs.txt
# who holds a PWM channel, as the kernel shows it: the chip device's links, and export's answer
for chip in /sys/class/pwm/pwmchip*; do
  [ -e "$chip" ] || continue
  ls -l "$chip/device/" >"/out/$(basename "$chip")-device.txt" 2>&1
  [ -d "$chip/pwm0" ] && continue
  if { echo 0 >"$chip/export"; } 2>"/out/$(basename "$chip")-export.err"; then echo 0 >"$chip/unexport"; fi
done
# who holds an I2C address, as the kernel shows it: i2cdetect's UU, and a raw read's answer
if [ -n "${BUS:-}" ]; then
  i2cdetect -y -r "$BUS" 0x2f 0x2f >/out/i2cdetect.txt 2>&1
  i2cget -y "$BUS" 0x2f 0xfd >/out/i2c-raw-read.txt 2>&1
fi
log "probe"
pifan probe --json --config /tier/pifan.yaml >/out/probe.json 2>/out/probe.err
echo $? >/out/probe.rc

# --- the closed loop: the plant drives the zone's temperature from what the fan really gets
log "run: plant $PLANT_PROFILE for $LOOP_SECONDS s, fan $FAN_SPEC"
plant --profile "$PLANT_PROFILE" --trace /tier/trace.csv --seconds "$LOOP_SECONDS" --zone $ZONE \
  --fan "$FAN_SPEC" ${CDEV:+--cdev "$CDEV"} ${TACH:+--tach "$TACH"} --out /out/loop.csv &
plant_pid=$!
pifan_run_bg --config /tier/pifan.yaml --listen "$STATUS" 2>/out/run.log
pifan_pid=$!
wait $plant_pid
busybox wget -q -O /out/status.json "http://$STATUS/status" || log "no /status at the end of the run"
log "SIGTERM"
kill -TERM $pifan_pid
wait $pifan_pid
echo $? >/out/run.rc
judge_exit exit-sigterm

# --- SIGKILL: nobody hands back; `pifan restore` (the unit's ExecStopPost) must
log "SIGKILL"
start_ticking /out/kill.log
kill -KILL $pifan_pid
wait $pifan_pid
judge_exit exit-sigkill
pifan restore >/out/restore.log 2>&1
echo $? >/out/restore.rc
judge_exit exit-restore

# --- SIGKILL, then the next pifan run: it finds the record, and hands back what the kernel had
log "SIGKILL and restart"
start_ticking /out/restart.log
kill -KILL $pifan_pid
wait $pifan_pid
start_ticking /out/restart.log
kill -TERM $pifan_pid
wait $pifan_pid
judge_exit exit-restart

# --- near the critical trip of a zone pifan disabled (fan.takeover: zone): pifan must give the zone
# back at full speed, so that the kernel's own power-off at the trip works (boards set CRITICAL_MC)
if [ -n "$CRITICAL_MC" ]; then
  log "near the critical trip"
  start_ticking /out/critical.log
  echo $((CRITICAL_MC - 4000)) >$ZONE/emul_temp
  i=0
  while [ $i -lt 60 ] && [ "$(cat $ZONE/mode)" != enabled ]; do busybox sleep 0.5; i=$((i + 1)); done
  snapshot exit-critical
  kill -TERM $pifan_pid
  wait $pifan_pid
  echo "$HOT_MC" >$ZONE/emul_temp
fi

# --- --once
log "--once"
pifan run --config /tier/pifan.yaml --listen off --once >/out/once.log 2>&1
echo $? >/out/once.rc
judge_exit exit-once
board_extra
log "done"
