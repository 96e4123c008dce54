# shellcheck shell=sh
HWMON_NAME=pwmfan
PLANT_PROFILE=pi5
LOOP_SECONDS=180
. /tier/boards/hwmon-fan.sh
# at 62 C (HOT_MC) the kernel drives cooling state 2 (cpu-warm): level 125 of <0 75 125 175 250>
EXIT_MIN_FAN=125
# bcm2712.dtsi cpu-crit: pifan.yaml pins fan.takeover: zone, so the scenario checks the hand-over at 106 C
CRITICAL_MC=110000
# fan.takeover: none must observe only: with the zone steady at HOT_MC, pwm-fan rewrites pwm1 only
# when step_wise picks another state (drivers/hwmon/pwm-fan.c, pwm_fan_set_cur_state returns early
# for the state it has), so a value written by hand stays; pifan's curve wants another one at
# 62 C. The value must outlast 5 s without pifan (else the check proves nothing), then a pifan run
# with takeover none (12 samples over 6 s of ticking) and its SIGTERM, with the zone untouched.
board_extra() {
  echo "$HOT_MC" >$ZONE/emul_temp
  busybox sleep 4
  echo 77 >"$HWMON/pwm1"
  zone_before="$(cat $ZONE/mode) $(cat $ZONE/policy)"
  busybox sleep 5
  if [ "$(fan_state)" != 77 ]; then
    echo "takeover none: inconclusive, the kernel rewrote pwm1 (77 -> $(fan_state)) with no pifan running" >/out/extra.txt
    return
  fi
  sed 's/takeover: zone/takeover: none/' /tier/pifan.yaml >/tmp/observe.yaml
  pifan_run_bg --config /tmp/observe.yaml --listen "$STATUS" 2>/out/observe.log
  pid=$!
  seen=""
  if wait_ticking $pid; then
    k=0
    while [ $k -lt 12 ]; do seen="$seen $(fan_state)"; busybox sleep 0.5; k=$((k + 1)); done
    busybox wget -q -O /out/observe-status.json "http://$STATUS/status"
  else
    seen=" (pifan did not tick: see observe.log)"
  fi
  kill -TERM $pid
  wait $pid
  zone_after="$(cat $ZONE/mode) $(cat $ZONE/policy)"
  if [ -n "$(echo "$seen $(fan_state)" | tr ' ' '\n' | grep -v -e '^$' -e '^77$')" ] || [ "$zone_after" != "$zone_before" ] \
    || ! grep -q '"fan_owner":"kernel' /out/observe-status.json 2>/dev/null; then
    echo "takeover none: pwm1 while running:$seen, after SIGTERM $(fan_state) (hand-written 77); zone '$zone_before' -> '$zone_after'; owner $(grep -o '"fan_owner":"[^"]*"' /out/observe-status.json 2>/dev/null)" >/out/extra.txt
  else
    echo ok >/out/extra.txt
  fi
}
