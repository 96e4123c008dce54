# Path traversal, NUL and markup in the path: 400 or 404, and nothing of the path echoed back.
source "$(dirname "$0")/../lib.sh"
attack_setup http-traversal
pifan_start
verdicts=() echoed=0 served=0
for target in '/../../../../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' '/metrics/../../etc/passwd' \
  '/a%00b' '/healthz%00.html' '/%3Cscript%3Ealert(1)%3C/script%3E' '//etc/passwd' '/\x00NUL'; do
  response=$(http_clients raw "GET $target HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n" 3 | tr -d '\0' ; printf x)
  status=$(head -1 <<<"$response" | awk '{print $2}')
  body=${response#*$'\r\n\r\n'}
  verdicts+=("${status:-none}")
  [[ $status == 400 || $status == 404 ]] || served=$((served + 1))
  # an echo: the decoded path, its parts, or a NUL turned into anything
  if grep -qiE 'passwd|script|NUL|%00|/a.b|\.html' <<<"$body"; then echoed=$((echoed + 1)); fi
done
# a NUL byte itself in the body
nul=$(http_clients raw 'GET /a%00b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' 3 | tr -cd '\0' | wc -c)
figures="statuses: ${verdicts[*]}; bodies echoing the path: $echoed; NUL bytes in a body: $nul; healthz=$(healthz_ms)ms"
((served == 0)) || fail_case "a traversal was not refused: $figures"
((echoed == 0 && nul == 0)) || fail_case "the path was echoed: $figures"
row PASS "$figures"
