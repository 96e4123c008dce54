# shellcheck shell=sh
# CM4 IO board with the kernel's emc2305 driver bound to 0x2f (dtoverlay=i2c-fan,emc2301 on
# Raspberry Pi OS): raw access is refused (EBUSY), the fan is the driver's hwmon device "emc2305".
# That driver takes an hwmon pwm1 write as a minimum over the thermal state: the drive register
# becomes max(hwmon state, last thermal state) in 11 steps (drivers/hwmon/emc2305.c,
# emc2305_write and __emc2305_set_cur_state, DIV_ROUND_CLOSEST both ways).
LOOP_SECONDS=120
. /tier/boards/emc2301-stub.sh
FAN_LEVELS=11
FAN_ROUNDING=closest
board_setup() {
  emc2301_stub || exit 1
  echo emc2301 0x2f >"/sys/bus/i2c/devices/i2c-$BUS/new_device" || exit 1
  for h in /sys/class/hwmon/hwmon*; do [ "$(cat "$h/name")" = emc2305 ] && HWMON=$h; done
  [ -n "${HWMON:-}" ] || { echo "emc2305 did not bind to 0x2f" >&2; exit 1; }
  for c in /sys/class/thermal/cooling_device*; do [ "$(cat "$c/type")" = emc2305_fan ] && CDEV=$c; done
  [ -n "$CDEV" ] || { echo "emc2305 registered no cooling device" >&2; exit 1; }
  # On a Pi the overlay binds this cooling device to cpu-thermal and step_wise sets its state;
  # mainline 6.12's emc2305 has no OF match, so no zone can bind it here. The scenario stands in
  # for the zone's last decision before pifan took the fan: state 4 of 10, drive 102.
  echo 4 >"$CDEV/cur_state" || exit 1
}
# the hand-back writes full speed first, and emc2305 keeps it as the minimum (see above)
EXIT_MIN_FAN=255
