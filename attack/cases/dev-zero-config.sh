# The config file replaced by a link to /dev/zero (endless, and no regular file): refused, bounded.
source "$(dirname "$0")/../lib.sh"
attack_setup dev-zero-config
refused_reload_case 'cp "$WORK/pifan.yaml" "$WORK/good.yaml"; ln -sfn /dev/zero "$WORK/pifan.yaml"' \
  'rm "$WORK/pifan.yaml"; cp "$WORK/good.yaml" "$WORK/pifan.yaml"'
