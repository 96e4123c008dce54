# The config file replaced by a symlink that points at itself (ELOOP): refused with the reason.
source "$(dirname "$0")/../lib.sh"
attack_setup symlink-loop-config
refused_reload_case 'cp "$WORK/pifan.yaml" "$WORK/good.yaml"; rm "$WORK/pifan.yaml"; ln -s pifan.yaml "$WORK/pifan.yaml"' \
  'rm "$WORK/pifan.yaml"; cp "$WORK/good.yaml" "$WORK/pifan.yaml"'
