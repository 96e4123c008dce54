# The config file made unreadable (mode 000; pifan runs without root's DAC override, as User=pifan).
source "$(dirname "$0")/../lib.sh"
attack_setup chmod-000-config
refused_reload_case 'chmod 000 "$WORK/pifan.yaml"' 'chmod 0644 "$WORK/pifan.yaml"'
