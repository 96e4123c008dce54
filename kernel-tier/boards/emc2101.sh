# shellcheck shell=sh
. /tier/boards/i2c-stub.sh
# A fan on an EMC2101 at 0x4c (fan carrier boards; no mainline driver): a register map in
# i2c-stub preset as the chip comes out of reset, as hal's Emc2101Fan reads it: product id 0x16 at
# 0xFD, vendor 0x5D at 0xFE, fan configuration 0x20 at 0x4A (the look-up table off, so the fan
# setting register is written directly), PWM_F 0x17 at 0x4D (46 steps). pifan drives it over
# /dev/i2c through diozero; the plant reads the fan setting (0..46). No tach wire (the default).
PLANT_PROFILE=pi4
LOOP_SECONDS=90
board_setup() {
  i2c_stub 0x4c || exit 1
  for preset in 0xfd:0x16 0xfe:0x5d 0x4a:0x20 0x4d:0x17 0x4c:0x00; do
    i2cset -f -y "$BUS" 0x4c "${preset%%:*}" "${preset##*:}" || exit 1
  done
  FAN_SPEC="i2c:$BUS:0x4c:0x4c:46"
}
# the setting register scaled to 0..255
fan_state() { echo $(($(i2cget -f -y "$BUS" 0x4c 0x4c) * 255 / 46)); }
# 46 steps: the judge rounds pifan's duty the way Emc2101Fan writes it (round(duty * 46))
FAN_LEVELS=47
FAN_ROUNDING=nearest
# no zone drives it: full speed on every exit path
EXIT_MIN_FAN=255
