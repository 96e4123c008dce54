# wrk with 2,000 connections on /healthz for 15 s: /healthz answers within 1 s throughout, and the
# fds and the RSS come back down after.
source "$(dirname "$0")/../lib.sh"
attack_setup http-flood
command -v wrk >/dev/null || fail_case "wrk is missing (apt-get install wrk)"
pifan_start
sleep 3 # let the JVM settle after start: the RSS baseline is that of a running pifan
base=$(fd_count)
rss_before=$(rss_kb)
healthz_watch_start
(ulimit -n 8192 && attacker wrk -t2 -c2000 -d15s --timeout 2s "http://127.0.0.1:$PORT/healthz" >"$WORK/wrk.txt" 2>&1) &
wrk_pid=$!
peak_fds=0 peak_rss=0
for _ in $(seq 1 60); do # sample while wrk runs (at most 60 x 0.5 s)
  kill -0 "$wrk_pid" 2>/dev/null || break
  f=$(fd_count) r=$(rss_kb)
  ((f > peak_fds)) && peak_fds=$f
  ((r > peak_rss)) && peak_rss=$r
  sleep 0.5
done
wait "$wrk_pid" || true
healthz_watch_stop
wait_until 15 fds_within $((base + 2)) || true
sleep 10 # the RSS that stays, not the one of the moment after
after=$(fd_count)
rss_after=$(rss_kb)
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
errors=$(grep -o 'Socket errors:.*' "$WORK/wrk.txt" || echo 'Socket errors: none')
figures="$HEALTHZ_FIGURES; fds: before=$base peak=$peak_fds after=$after; RSS MiB: before=$((rss_before / 1024)) peak=$((peak_rss / 1024)) after=$((rss_after / 1024)); wrk: ${requests:-0} requests, $errors"
healthz_held || fail_case "healthz unreachable: $figures"
((after <= base + 2)) || fail_case "fds leaked: $figures"
# what stays after the flood: at most 16 MiB above the running daemon's own
((rss_after <= rss_before + 16384)) || fail_case "RSS grew and stayed: $figures"
row PASS "$figures"
