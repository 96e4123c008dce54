# shellcheck shell=sh
# A Pi 4 with a transistor fan on a header pin and no overlay: nobody but pifan drives the line
# (gpio-sim line 18), and the zone (mainline, no cooling map) drives no fan.
PLANT_PROFILE=pi4
LOOP_SECONDS=150
# on/off: what the fan gets is the line itself, 0 or 255; the judge compares it with pifan's duty
# switched at the config's threshold (GpioOnOffFan: on at and above 20%, just under the least duty
# the pi4-heatsink curve runs the fan at, 21% from 56.5 C: on whenever pifan wants it running).
# The trace's ambient is 30 C, so that the loop crosses the curve's start and the fan switches
FAN_LEVELS=2
FAN_ROUNDING=threshold:0.2
SIM_CHIP=1
SIM_LINE=18
board_setup() {
  LINE=$(ls -d /sys/devices/platform/gpio-sim/gpiochip"$SIM_CHIP"/sim_gpio"$SIM_LINE" 2>/dev/null)
  [ -n "$LINE" ] || { echo "no gpio-sim line gpiochip$SIM_CHIP/sim_gpio$SIM_LINE (gpio-onoff.yaml names chip $SIM_CHIP):" \
    "$(ls -d /sys/devices/platform/gpio-sim/gpiochip* 2>&1)" >&2; exit 1; }
  # the fan switch's input pulled up, as the safe hardware has it: undriven = fan on. gpio-sim
  # gives a line its pull's value whenever nobody drives it (drivers/gpio/gpio-sim.c,
  # gpio_sim_apply_pull; on release gpio_sim_free), as a Pi 4's pin goes back to an input on
  # release (pinctrl-bcm2835.c, bcm2835_pmx_free) and its pull decides
  echo pull-up >"$LINE/pull" || exit 1
  FAN_SPEC="gpio:$LINE/value"
}
fan_state() { echo $(($(cat "$LINE/value") * 255)); }
# no zone drives the fan: it must be on after every exit path (here: the pull-up, once pifan lets go)
EXIT_MIN_FAN=255

# the same exits with the switch's input pulled down instead: the fan is on while pifan drives the
# line and off as soon as pifan lets go, whatever pifan left it at. First line "ok" when gpio-sim
# behaves so (the premise of this board's exit checks), then what was seen.
board_extra() {
  echo pull-down >"$LINE/pull"
  echo "$HOT_MC" >$ZONE/emul_temp
  start_ticking /out/pull-down.log
  running=$(fan_state)
  kill -TERM $pifan_pid
  wait $pifan_pid
  after_term=$(fan_state)
  start_ticking /out/pull-down.log
  kill -KILL $pifan_pid
  wait $pifan_pid
  after_kill=$(fan_state)
  pifan restore >>/out/pull-down.log 2>&1
  after_restore=$(fan_state)
  echo pull-up >"$LINE/pull"
  seen="pull-down: fan $running while pifan ran at $((HOT_MC / 1000)) C, $after_term after SIGTERM, $after_kill after SIGKILL, $after_restore after restore"
  if [ "$running" = 255 ] && [ "$after_term" = 0 ] && [ "$after_kill" = 0 ]; then
    printf 'ok\n%s\n' "$seen"
  else
    printf '%s (expected 255 while driven, 0 once released)\n' "$seen"
  fi >/out/extra.txt
}
