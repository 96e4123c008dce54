#!/usr/bin/env bash
# The real-kernel tier: boots an arm64 Linux 6.12 guest under QEMU (TCG) once per board, with a
# device tree made from QEMU's own plus the board's nodes, and runs pifan inside it against the
# kernel's own drivers (guest/scenario.sh), in a closed loop with the reference plant. Then judges
# what came back, prints one table row per board, and exits 1 when any board fails.
#
#   kernel-tier/run.sh [BOARD...]      (default: every board in boards/; results in kernel-tier/target/)
#
# Needs the jar (mvn -B package -DskipTests); builds and caches the kernel and the guest userland
# (build-kernel.sh, build-rootfs.sh) outside the tree.
set -euo pipefail
TAG=kernel-tier
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
repo="$(cd "$TIER_DIR/.." && pwd)"
results="$TIER_DIR/target"

require qemu-system-aarch64:qemu-system-arm dtc:device-tree-compiler gcc:gcc awk:gawk
[[ -f "$repo/daemon/target/pifan.jar" ]] || fail "no daemon/target/pifan.jar: build it first (mvn -B package -DskipTests)"

boards=("$@")
if ((${#boards[@]} == 0)); then
  # a board is its pifan config (boards/NAME.yaml) with NAME.dtsi, NAME.sh and NAME.trace.csv beside it
  mapfile -t boards < <(cd "$TIER_DIR/boards" && ls ./*.yaml | sed 's|^\./||; s|\.yaml$||')
fi

started=$SECONDS
kernel=$(TAG=build-kernel "$TIER_DIR/build-kernel.sh")
rootfs=$(TAG=build-rootfs "$TIER_DIR/build-rootfs.sh")
say "kernel and userland ready after $((SECONDS - started)) s"

# the guest machine; the device tree is dumped with the same -cpu/-smp/-m, so it matches
qemu_machine=(-machine virt,gic-version=2 -cpu cortex-a57 -smp 2 -m 1024 -nographic -nic none -no-reboot)
base_dts="$TIER_CACHE/virt-$(qemu-system-aarch64 --version | head -1 | tr -c 'A-Za-z0-9.\n' _).dts"
if [[ ! -f "$base_dts" ]]; then
  qemu-system-aarch64 "${qemu_machine[@]/virt,gic-version=2/virt,gic-version=2,dumpdtb=$base_dts.dtb}" >/dev/null
  dtc -q -I dtb -O dts -o "$base_dts" "$base_dts.dtb"
fi

# --- the plant is the simulator's model: replaying a `pifan simulate` run gives its die_c back
mkdir -p "$results"
gcc -O2 -Wall -Wextra -o "$results/plant-host" "$TIER_DIR/guest/plant.c" -lm
java -jar "$repo/daemon/target/pifan.jar" simulate --profile pi5-active-cooler \
  --trace "$TIER_DIR/boards/pi5-cooler.trace.csv" --duration 300 --csv "$results/replay-sim.csv" >/dev/null
"$results/plant-host" --replay "$results/replay-sim.csv" --profile pi5 \
  --trace "$TIER_DIR/boards/pi5-cooler.trace.csv" >"$results/replay-plant.csv"
worst=$(paste -d, "$results/replay-plant.csv" <(cut -d, -f4 "$results/replay-sim.csv") |
  awk -F, 'NR > 1 { d = $2 - $3; if (d < 0) d = -d; if (d > m) m = d } END { printf "%.4f", m }')
awk -v w="$worst" 'BEGIN { exit !(w <= 0.01) }' || fail "the plant is not the simulator's model: die_c differs by $worst C"
say "plant replays pifan simulate to within $worst C"

boot() { # boot BOARD: stages the shares, boots the guest, leaves its results in $results/BOARD/out
  local board=$1 dir="$results/$1"
  rm -rf "$dir"
  mkdir -p "$dir/tier" "$dir/out"
  cp -r "$TIER_DIR/guest" "$TIER_DIR/boards" "$repo/daemon/target/pifan.jar" "$repo/daemon/target/lib" \
    "$kernel/i2c-stub.ko" "$dir/tier/"
  cp "$TIER_DIR/boards/$board.sh" "$dir/tier/board.sh"
  cp "$TIER_DIR/boards/$board.yaml" "$dir/tier/pifan.yaml"
  cp "$TIER_DIR/boards/$board.trace.csv" "$dir/tier/trace.csv"
  cat "$base_dts" "$TIER_DIR/boards/common.dtsi" "$TIER_DIR/boards/$board.dtsi" >"$dir/board.dts"
  dtc -q -i "$TIER_DIR/boards" -I dts -O dtb -o "$dir/board.dtb" "$dir/board.dts" || fail "$board: the device tree does not compile"
  local share=(-fsdev "local,id=root,path=$rootfs,security_model=none,readonly=on"
    -device virtio-9p-device,fsdev=root,mount_tag=rootfs
    -fsdev "local,id=tier,path=$dir/tier,security_model=none,readonly=on"
    -device virtio-9p-device,fsdev=tier,mount_tag=tier
    -fsdev "local,id=out,path=$dir/out,security_model=none"
    -device virtio-9p-device,fsdev=out,mount_tag=out)
  timeout 1200 qemu-system-aarch64 "${qemu_machine[@]}" -kernel "$kernel/Image" -dtb "$dir/board.dtb" \
    -append "console=ttyAMA0 root=rootfs rootfstype=9p rootflags=trans=virtio,version=9p2000.L ro init=/sbin/tier-init panic=-1 quiet" \
    "${share[@]}" >"$dir/console.log" 2>&1 || say "$board: qemu exited with $? (console: $dir/console.log)"
}

printf '%s\n' "board|s judged|fan = pifan's|set by another|governor trans|SIGTERM|SIGKILL|restore|restart|--once|near critical|verdict" >"$results/table.txt"
failed=()
for board in "${boards[@]}"; do
  [[ -f "$TIER_DIR/boards/$board.yaml" ]] || fail "no board '$board' in $TIER_DIR/boards"
  t0=$SECONDS
  say "$board: booting"
  boot "$board"
  row=$("$TIER_DIR/judge.sh" "$board" "$results/$board/out") && verdict=pass || verdict=FAIL
  [[ $verdict == pass ]] || failed+=("$board")
  echo "$row|$verdict" >>"$results/table.txt"
  say "$board: $verdict in $((SECONDS - t0)) s"
  [[ $verdict == pass ]] || sed 's/^/  why: /' "$results/$board/out/why.txt" >&2
done

column -t -s '|' "$results/table.txt" >&2
say "tier run in $((SECONDS - started)) s"
((${#failed[@]} == 0)) || fail "boards failing: ${failed[*]} (why: $results/BOARD/out/why.txt)"
