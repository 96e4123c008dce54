# 500 clients dribbling their headers for 20 s: /healthz must answer within 1 s throughout.
source "$(dirname "$0")/../lib.sh"
attack_setup http-slow-headers
pifan_start
base=$(fd_count)
healthz_watch_start
http_clients slow 500 20 >"$WORK/clients.txt"
healthz_watch_stop
wait_until 15 fds_within $((base + 2)) || true
after=$(fd_count)
figures="$HEALTHZ_FIGURES; $(cat "$WORK/clients.txt"); fds: before=$base after=$after"
healthz_held || fail_case "healthz unreachable: $figures"
((after <= base + 2)) || fail_case "fds leaked: $figures"
row PASS "$figures"
