# shellcheck shell=sh
HWMON_NAME=gpio_fan
PLANT_PROFILE=pi4
LOOP_SECONDS=150
# two speeds: pwm1 reads 0 or 255 whatever pifan writes (drivers/hwmon/gpio-fan.c), the judge rounds
# pifan's duty the driver's way before it compares
FAN_LEVELS=2
. /tier/boards/hwmon-fan.sh
# what the fan gets is the gpio-sim line itself, not the driver's word for it
board_setup() {
  HWMON=$(hwmon_dir) || { echo "no hwmon device named $HWMON_NAME" >&2; exit 1; }
  LINE=$(ls -d /sys/devices/platform/gpio-sim/gpiochip*/sim_gpio0 | head -1)
  [ -n "$LINE" ] || { echo "no gpio-sim line sim_gpio0" >&2; exit 1; }
  FAN_SPEC="gpio:$LINE/value"
}
fan_state() { echo $(($(cat "$LINE/value") * 255)); }
# at 62 C (HOT_MC) the kernel drives the one cooling state: the line high
EXIT_MIN_FAN=255
