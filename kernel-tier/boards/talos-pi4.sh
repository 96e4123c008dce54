# shellcheck shell=sh
# A Pi 4 on Talos Linux: a mainline kernel (the CPU zone drives no fan, its governors include
# user_space), the temperature from the zone (talos-pi4.yaml says why not hwmon cpu_thermal), a fan on
# the SoC's PWM through /sys/class/pwm (dtoverlay=pwm). Here the PWM is the virt machine's pwm-gpio
# (common.dtsi), which no kernel driver holds. The Pi's firmware is missing in the guest, so there
# is no rpi_volt (raspberrypi-hwmon needs the firmware mailbox): the throttle source is none, and
# the fixture tree talos-pi4 covers rpi_volt.
PLANT_PROFILE=pi4
LOOP_SECONDS=120
# what the fan gets: the PWM core's own state of pwm-gpio's channel 0 (plant.c, pwm_debugfs_duty)
board_setup() { FAN_SPEC="pwm:pwm-gpio:0"; }
fan_state() {
  busybox awk '/^[0-9]/ { chip = index($0, "/pwm-gpio,") > 0; next }
    chip && $1 == "pwm-0" { for (i = 1; i < NF; i++) { if ($i == "period:") p = $(i + 1); if ($i == "duty:") d = $(i + 1) }
      on = index($0, " enabled") > 0 }
    END { print (p > 0 && on) ? int(d * 255 / p + 0.5) : 0 }' /sys/kernel/debug/pwm
}
# no zone drives it: full speed on every exit path (after SIGKILL: by restore)
EXIT_MIN_FAN=255
