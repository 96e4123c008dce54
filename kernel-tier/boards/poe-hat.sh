# shellcheck shell=sh
HWMON_NAME=pwmfan
PLANT_PROFILE=pi4
LOOP_SECONDS=150
. /tier/boards/hwmon-fan.sh
# at 62 C (HOT_MC) the kernel drives cooling state 4 (trip3, 55 C): level 255 of <0 1 10 100 255>
EXIT_MIN_FAN=255
