# Requests with bare LF line endings, kept open: they must neither hold /healthz up nor stay unanswered.
source "$(dirname "$0")/../lib.sh"
attack_setup http-lf-only
pifan_start
base=$(fd_count)
lf_pids=()
for i in 1 2 3; do
  http_clients raw 'GET /healthz HTTP/1.1\nHost: 127.0.0.1\n\n' 6 >"$WORK/lf-$i.txt" &
  lf_pids+=($!)
done
sleep 0.5
healthz_watch_start
sleep 4
healthz_watch_stop
wait "${lf_pids[@]}" || true # a client that got nothing back is a figure, not an error
answers=$(for i in 1 2 3; do head -1 "$WORK/lf-$i.txt" | awk '{printf "%s ", ($2 == "" ? "none" : $2)}'; done)
wait_until 10 fds_within $((base + 2)) || true
after=$(fd_count)
figures="$HEALTHZ_FIGURES; LF-only answers: ${answers% }; fds: before=$base after=$after"
healthz_held || fail_case "healthz unreachable: $figures"
((after <= base + 2)) || fail_case "fds leaked: $figures"
row PASS "$figures"
