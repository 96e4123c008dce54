# shellcheck shell=sh
HWMON_NAME=pwmfan
PLANT_PROFILE=pi5
LOOP_SECONDS=180
. /tier/boards/hwmon-fan.sh
# at 62 C (HOT_MC) the kernel drives cooling state 2 (cpu-warm): level 125 of <0 75 125 175 250>
EXIT_MIN_FAN=125
# bcm2712.dtsi cpu-crit: pifan.yaml pins fan.takeover: zone, so the scenario checks the hand-over at 106 C
CRITICAL_MC=110000
