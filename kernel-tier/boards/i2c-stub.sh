# shellcheck shell=sh
# Shared by the boards whose fan controller is a register map in i2c-stub (drivers/i2c/i2c-stub.c):
# `i2c_stub ADDR` loads the stub with one chip at ADDR and sets BUS to the number of its adapter.
i2c_stub() {
  insmod /tier/i2c-stub.ko chip_addr="$1" || return 1
  for adapter in /sys/bus/i2c/devices/i2c-*; do
    [ "$(cat "$adapter/name")" = "SMBus stub driver" ] && BUS=${adapter##*/i2c-}
  done
  [ -n "${BUS:-}" ] || { echo "i2c-stub made no adapter" >&2; return 1; }
}
