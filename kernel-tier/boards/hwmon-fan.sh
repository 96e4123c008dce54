# shellcheck shell=sh
# Shared by the boards whose fan is a kernel hwmon device bound to the CPU zone (pwm-fan, gpio-fan):
# the plant and the judge read pwm1 of the device named $HWMON_NAME, as the kernel reports it.
hwmon_dir() {
  for h in /sys/class/hwmon/hwmon*; do
    [ "$(cat "$h/name")" = "$HWMON_NAME" ] && echo "$h" && return 0
  done
  return 1
}
# the CPU zone drives these fans: pifan takes them, and /status must say so
FAN_OWNER="pifan (taken from the kernel"
board_setup() {
  HWMON=$(hwmon_dir) || { echo "no hwmon device named $HWMON_NAME" >&2; exit 1; }
  FAN_SPEC="hwmon:$HWMON/pwm1"
}
fan_state() { cat "$HWMON/pwm1"; }
CDEV=/sys/class/thermal/cooling_device0
