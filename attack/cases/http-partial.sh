# 150 connections that send half a request and close: pifan must close its side of every one.
source "$(dirname "$0")/../lib.sh"
attack_setup http-partial
pifan_start
base=$(fd_count)
clients=$(http_clients partial 150)
peak=$(fd_count)
# the server has seen every close by now or within a few seconds; 15 s is generous
wait_until 15 fds_within $((base + 2)) || true
after=$(fd_count)
ms=$(healthz_ms)
figures="fds: before=$base peak=$peak after=$after; $clients; healthz=${ms}ms"
((after <= base + 2)) || fail_case "fds leaked: $figures"
[[ $ms != timeout ]] || fail_case "healthz unreachable: $figures"
row PASS "$figures"
