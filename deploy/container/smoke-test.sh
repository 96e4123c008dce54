#!/usr/bin/env bash
# The container image, built and run as a DaemonSet would run it, on this machine, on loopback:
#   1. makes a Java 17 base image from this machine's JDK (make-local-base.sh: no registry needed);
#   2. builds the pifan image on it with Jib (jib:buildTar, the same configuration as a release
#      except the base and the one platform) and loads it into podman;
#   3. checks the image: non-root user, java entrypoint with the daemon's flags and environment, `run` by default,
#      port 9780, and `--version` prints the project's version;
#   4. runs `pifan run --sim` in it with a read-only root file system, /tmp and /run/pifan
#      (RUNTIME_DIRECTORY) writable, like the DaemonSet, and waits for /metrics to answer with
#      pifan_soc_temperature_celsius and /healthz with 200, then runs `pifan status` in the running
#      container (podman exec, as kubectl exec would: the image's /usr/local/bin/pifan from PATH);
#   5. stops it with SIGTERM (podman stop) and checks it exits 0 after leaving the fan at full speed.
# Podman keeps its images and containers in a work directory (vfs driver), removed at the end
# with everything else, so nothing is left in the machine's own container storage.
# Installs podman, runc, curl and unzip with apt-get when missing (needs root). Every wait is bounded.
# Usage: deploy/container/smoke-test.sh        (KEEP=1 keeps the work directory)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

TAG=smoke
# shellcheck source=deploy/lib.sh
source "$root/deploy/lib.sh"
require podman:podman runc:runc curl:curl unzip:unzip busybox:busybox-static
[[ $(id -u) == 0 ]] || fail "run as root: podman keeps its storage in the work directory, as root"

work="$(mktemp -d "${TMPDIR:-/tmp}/pifan-smoke.XXXXXX")"
name="pifan-smoke-$$"
# no default ulimits: a container may not raise them where this runs
printf '[containers]\ndefault_ulimits = []\n' >"$work/containers.conf"
export CONTAINERS_CONF="$work/containers.conf"
pod() { podman --root "$work/storage" --runroot "$work/run" --storage-driver vfs "$@"; }
run_opts=(--runtime runc --cgroup-manager=cgroupfs --network=host)

cleanup() {
  local status=$?
  if ((status != 0)); then
    say "container log:"; pod logs "$name" 2>&1 | tail -n 30 >&2 || true
  fi
  pod rm -f -t 5 "$name" >/dev/null 2>&1 || true
  if [[ "${KEEP:-}" == 1 ]]; then
    say "work directory kept: $work"
  else
    pod system reset -f >/dev/null 2>&1 || true
    # anything podman left mounted under the work directory, deepest first, then the directory
    findmnt -rn -o TARGET | grep "^$work/" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

case "$(uname -m)" in
  x86_64) platform=linux/amd64 ;;
  aarch64) platform=linux/arm64 ;;
  *) fail "no image platform for $(uname -m)" ;;
esac
image="localhost/pifan:smoke"

say "making the local base image"
"$here/make-local-base.sh" "$work/base.tar"

say "building the image with Jib (jib:buildTar for $platform on tar://$work/base.tar)"
(cd "$root" && mvn -B -q -ntp -Dstyle.color=never -pl daemon -am -DskipTests package jib:buildTar \
  -Djib.from.image="tar://$work/base.tar" -Djib.from.platforms="$platform" \
  -Djib.to.image="$image" -Djib.outputPaths.tar="$work/pifan-image.tar" \
  -Djib.outputPaths.digest="$work/digest" -Djib.outputPaths.imageId="$work/image-id" \
  -Djib.outputPaths.imageJson="$work/image.json") >"$work/build.log" 2>&1 \
  || { tail -n 40 "$work/build.log" >&2; fail "the Jib build failed"; }
version="$(unzip -p "$root/daemon/target/pifan.jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')"
[[ -n "$version" ]] || fail "no Implementation-Version in daemon/target/pifan.jar"

say "loading it into podman"
pod load -q -i "$work/pifan-image.tar" >/dev/null
inspect() { pod image inspect "$image" --format "$1"; }
size="$(inspect '{{.Size}}')"
say "image $image: $((size / 1024 / 1024)) MiB ($(du -h "$work/pifan-image.tar" | cut -f1) as a tar), base $(du -h "$work/base.tar" | cut -f1)"

[[ "$(inspect '{{.Config.User}}')" == 65532:65532 ]] || fail "image user is '$(inspect '{{.Config.User}}')', expected 65532:65532"
entrypoint="$(inspect '{{join .Config.Entrypoint " "}}')"
[[ "$entrypoint" == "java -XX:+UseSerialGC "*" -Xmx24m "*" dev.pifan.cli.PifanCommand" ]] \
  || fail "unexpected entrypoint: $entrypoint"
# the flags of the systemd unit, word for word
unit_flags="$(unit_java_opts)"
[[ -n "$unit_flags" && "$entrypoint" == "java $unit_flags -cp @/app/jib-classpath-file dev.pifan.cli.PifanCommand" ]] \
  || fail "the entrypoint's JVM flags differ from systemd/pifan.service's ($unit_flags): $entrypoint"
# and the unit's other variables (MALLOC_ARENA_MAX) in the image's environment, as the unit sets them
image_env="$(inspect '{{join .Config.Env "\n"}}')"
unit_env="$(unit_environment)"
while IFS= read -r assignment; do
  [[ -z "$assignment" ]] || grep -qxF -- "$assignment" <<<"$image_env" \
    || fail "the image's environment lacks $assignment (systemd/pifan.service sets it): $image_env"
done <<<"$unit_env"
[[ "$(inspect '{{join .Config.Cmd " "}}')" == run ]] || fail "default arguments are not 'run'"
# shellcheck disable=SC2016 # a Go template for podman, not shell
[[ "$(inspect '{{range $port, $_ := .Config.ExposedPorts}}{{$port}} {{end}}')" == "9780/tcp " ]] \
  || fail "exposed ports: $(inspect '{{.Config.ExposedPorts}}')"
printed="$(pod run --rm "${run_opts[@]}" "$image" --version)"
[[ "$printed" == "pifan $version" ]] || fail "--version printed '$printed', expected 'pifan $version'"
say "image config: user 65532, entrypoint java (the unit's flags) ... PifanCommand, the unit's environment (${unit_env//$'\n'/ }), args run, port 9780; $printed"

port="$(free_port)" || fail "no free port"
url="http://127.0.0.1:$port"
say "running pifan run --sim in it, read-only root, on $url"
pod run -d --name "$name" "${run_opts[@]}" --read-only --read-only-tmpfs=false \
  --tmpfs /tmp --tmpfs /run/pifan -e RUNTIME_DIRECTORY=/run/pifan \
  "$image" run --sim --listen "127.0.0.1:$port" >/dev/null

# The server answers before the first tick (an unknown temperature is absent, not 0), so wait for
# the sample itself, not just for an answer.
deadline=$((SECONDS + 60))
until curl -fsS "$url/metrics" -o "$work/metrics.txt" 2>/dev/null \
    && grep -E '^pifan_soc_temperature_celsius [0-9.]+$' "$work/metrics.txt" >&2; do
  [[ "$(pod inspect "$name" --format '{{.State.Running}}')" == true ]] \
    || fail "the container stopped (exit $(pod inspect "$name" --format '{{.State.ExitCode}}')) before /metrics answered"
  ((SECONDS < deadline)) || fail "no pifan_soc_temperature_celsius sample in /metrics within 60 s"
  sleep 0.5
done
health="$(curl -sS -o "$work/healthz.txt" -w '%{http_code}' "$url/healthz")"
[[ "$health" == 200 ]] || fail "/healthz answered $health: $(cat "$work/healthz.txt")"
say "/metrics has pifan_soc_temperature_celsius; /healthz: $(cat "$work/healthz.txt")"
# the command beside the daemon, found on the image's PATH, run by its /bin/sh
status_code=0
status_out="$(pod exec "$name" pifan status --url "127.0.0.1:$port" 2>&1)" || status_code=$?
[[ "$status_code" == 0 ]] && grep -q '^ *health' <<<"$status_out" \
  || fail "podman exec $name pifan status: exit $status_code: $status_out"
say "podman exec ... pifan status: exit 0, $(grep -m1 '^ *health' <<<"$status_out" | sed 's/^ *//' | tr -s ' ')"
say "in the container: $(pod top "$name" user pid rss 2>/dev/null | tail -n 1 | awk '{print "user " $1 ", pid " $2 ", RSS " int($3 / 1024) " MiB"}')"

say "stopping it (SIGTERM)"
pod stop -t 30 "$name" >/dev/null
code="$(pod inspect "$name" --format '{{.State.ExitCode}}')"
[[ "$code" == 0 ]] || fail "exit code $code after SIGTERM, expected 0"
pod logs "$name" 2>&1 | grep -q 'SIGTERM received' || fail "the log does not show SIGTERM handled"
pod logs "$name" 2>&1 | grep -q 'left at full speed' || fail "the log does not show the fan's exit state"
say "exit 0 after SIGTERM, fan left at full speed"
say "PASSED"
