# The config file replaced by a FIFO nobody writes: a reload must be refused, not block for good.
source "$(dirname "$0")/../lib.sh"
attack_setup fifo-config
refused_reload_case 'cp "$WORK/pifan.yaml" "$WORK/good.yaml"; rm "$WORK/pifan.yaml"; mkfifo "$WORK/pifan.yaml"' \
  'rm "$WORK/pifan.yaml"; cp "$WORK/good.yaml" "$WORK/pifan.yaml"'
