# A 1 MiB header and a 64 MiB body: refused promptly (no timeout), healthz fine, RSS and fds as before.
source "$(dirname "$0")/../lib.sh"
attack_setup http-oversized
pifan_start
sleep 2
base=$(fd_count)
rss_before=$(rss_kb)
healthz_watch_start
header=$(http_clients big-header $((1024 * 1024)))
body=$(http_clients big-body $((64 * 1024 * 1024)))
healthz_watch_stop
wait_until 10 fds_within $((base + 2)) || true
after=$(fd_count)
rss_after=$(rss_kb)
figures="$header; $body; $HEALTHZ_FIGURES; fds: before=$base after=$after; RSS MiB: before=$((rss_before / 1024)) after=$((rss_after / 1024))"
healthz_held || fail_case "healthz unreachable: $figures"
[[ $header != *timeout* && $body != *timeout* ]] || fail_case "an oversized request was left hanging: $figures"
[[ $header != *status=200* ]] || fail_case "a 1 MiB header was accepted: $figures"
((after <= base + 2)) || fail_case "fds leaked: $figures"
((rss_after <= rss_before + 16384)) || fail_case "RSS grew: $figures"
row PASS "$figures"
