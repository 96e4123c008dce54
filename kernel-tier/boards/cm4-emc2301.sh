# shellcheck shell=sh
# CM4 IO board, no fan overlay: nobody claims 0x2f, pifan drives the EMC2301 itself over /dev/i2c
LOOP_SECONDS=120
. /tier/boards/emc2301-stub.sh
board_setup() { emc2301_stub || exit 1; }
