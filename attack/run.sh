#!/usr/bin/env bash
# The attack suite (attack/README.md): every case in attack/cases, or the ones named
# (`attack/run.sh http-partial fifo-config`). Needs the jar (mvn -B -DskipTests package).
# Prints one table of every case's figures; exits non-zero when any case failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export ATTACK_OUT=${ATTACK_OUT:-$here/out}
mkdir -p "$ATTACK_OUT"
: >"$ATTACK_OUT/results.tsv"

cases=("$@")
if ((${#cases[@]} == 0)); then
  for f in "$here"/cases/*.sh; do cases+=("$(basename "$f" .sh)"); done
fi

failed=0
for c in "${cases[@]}"; do
  printf '\n== attack %s\n' "$c"
  start=$SECONDS
  if ! bash "$here/cases/$c.sh"; then
    failed=$((failed + 1))
    grep -q "^$c	" "$ATTACK_OUT/results.tsv" || printf '%s\tFAIL\tthe case stopped without a verdict\n' "$c" >>"$ATTACK_OUT/results.tsv"
  fi
  echo "   ($((SECONDS - start)) s)"
done

printf '\n%-22s %-5s %s\n' case result figures
while IFS=$'\t' read -r c v f; do printf '%-22s %-5s %s\n' "$c" "$v" "$f"; done <"$ATTACK_OUT/results.tsv"
if ((failed > 0)); then
  summary="attack: $failed case(s) failed: $(awk -F'\t' '$2 == "FAIL" {printf "%s (%s); ", $1, substr($3, 1, 240)}' "$ATTACK_OUT/results.tsv")"
  echo "$summary"
  echo "$summary" >&2 # twice, not through tee /dev/stderr, which truncates a log file both streams share
  # each failed case's last log lines, for a CI log that keeps nothing else
  awk -F'\t' '$2 == "FAIL" {print $1}' "$ATTACK_OUT/results.tsv" | while read -r c; do
    [[ -f $ATTACK_OUT/$c/pifan.log ]] && { echo "--- $c: last lines of pifan.log"; tail -15 "$ATTACK_OUT/$c/pifan.log"; }
  done
  [[ -z ${CI_FAILURE_NOTE:-} ]] || echo "$summary" >"$CI_FAILURE_NOTE"
  exit 1
fi
