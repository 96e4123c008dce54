# shellcheck shell=sh
. /tier/boards/i2c-stub.sh
# An Argon ONE case: its fan MCU at 0x1a as an i2c-stub register map (bus 0 here, 1 on a Pi).
# Newer firmware: register 0x80 takes the percent, and reads back what was written (what
# Argon's argonregister_checksupport looks for); pifan's `protocol: auto` must find it. The
# legacy firmware takes one bare byte: in i2c-stub that byte moves the chip's pointer, and with
# registers k preset to k (0..100) a receive-byte reads it back (plant.c, argon_legacy_duty).
# board_extra checks that protocol with `--once`.
PLANT_PROFILE=pi4
LOOP_SECONDS=90
board_setup() {
  i2c_stub 0x1a || exit 1
  k=0
  # in hex: the guest's i2cset is busybox's, which reads register and value in base 16
  while [ $k -le 100 ]; do x=$(printf '0x%02x' $k); i2cset -f -y "$BUS" 0x1a "$x" "$x" || exit 1; k=$((k + 1)); done
  i2cset -f -y "$BUS" 0x1a 0x80 0 || exit 1
  FAN_SPEC="i2c:$BUS:0x1a:0x80:100"
}
fan_state() { echo $(($(i2cget -f -y "$BUS" 0x1a 0x80) * 255 / 100)); }
FAN_LEVELS=101
FAN_ROUNDING=nearest
EXIT_MIN_FAN=255
# the legacy firmware: `--once` leaves the fan full, so the MCU's byte must be 100 (0x64), and
# the pointer the bare byte moved must never be 0xff (the power-off command)
board_extra() {
  sed 's/protocol: auto/protocol: legacy/' /tier/pifan.yaml >/tmp/legacy.yaml
  pifan run --config /tmp/legacy.yaml --listen off --once >/out/legacy.log 2>&1
  byte=$(i2cget -f -y "$BUS" 0x1a)
  if [ "$byte" = 0x64 ]; then echo ok; else echo "legacy protocol: after --once the MCU's byte is $byte, not 0x64 (100%)"; fi >/out/extra.txt
}
