#!/usr/bin/env bash
# Writes pifan-prometheusrule.yaml (a PrometheusRule for the Prometheus Operator) from
# pifan-rules.yml, so the two cannot drift: edit the rules file, run this, commit both.
# With --check, exits 1 if the committed PrometheusRule differs from what this would write.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

render() {
  cat <<'HEAD'
# Generated from pifan-rules.yml by make-prometheusrule.sh: do not edit by hand.
# The Prometheus Operator picks a PrometheusRule by its labels: add the ones your
# Prometheus' ruleSelector matches (kube-prometheus-stack: release: <its release name>).
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: pifan
  labels:
    app.kubernetes.io/name: pifan
    app.kubernetes.io/component: alerting
spec:
HEAD
  # the rules file without its own header comments, indented under spec:
  sed -n '/^groups:/,$p' "$here/pifan-rules.yml" | sed 's/^\(.\)/  \1/'
}

if [[ "${1:-}" == "--check" ]]; then
  if ! diff -u "$here/pifan-prometheusrule.yaml" <(render); then
    echo "pifan-prometheusrule.yaml is out of date: run deploy/prometheus/make-prometheusrule.sh" >&2
    exit 1
  fi
  exit 0
fi
render > "$here/pifan-prometheusrule.yaml"
