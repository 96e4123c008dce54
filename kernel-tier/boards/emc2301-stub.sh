# shellcheck shell=sh
. /tier/boards/i2c-stub.sh
# Shared by the CM4 IO board's boards: its EMC2301 fan controller at 0x2f as a register map in
# i2c-stub (drivers/i2c/i2c-stub.c), preset as the chip comes out of reset: product id 0x37 at
# 0xFD, vendor 0x5D at 0xFE (the ids drivers/hwmon/emc2305.c checks), FAN_CONFIG1 0x2B at 0x32
# (range bits 01, the x2 the kernel's rpm formula assumes; EN_ALGO off: direct setting mode), drive
# 0x00 at 0x30, and a tach of all ones (no edge: stopped) until the plant writes its counts.
PLANT_PROFILE=cm4
emc2301_stub() {
  i2c_stub 0x2f || return 1
  for preset in 0xfd:0x37 0xfe:0x5d 0x32:0x2b 0x30:0x00 0x3e:0xff 0x3f:0xf8; do
    i2cset -f -y "$BUS" 0x2f "${preset%%:*}" "${preset##*:}" || return 1
  done
  FAN_SPEC="i2c:$BUS:0x2f:0x30:255"
  TACH="$BUS:0x2f"
}
# the drive register itself, as the fan gets it (-f: also where the kernel driver claims 0x2f)
fan_state() { echo $(($(i2cget -f -y "$BUS" 0x2f 0x30))); }
# mainline's CPU zone drives no fan on a CM4 (bcm283x.dtsi: cpu-crit only, empty cooling-maps):
# a fan nobody else drives is left at full speed on every exit path (after SIGKILL: by restore)
EXIT_MIN_FAN=255
