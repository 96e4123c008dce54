#!/usr/bin/env bash
# Makes a small Java 17 base image from this machine's JDK, as a docker-archive tar that Jib reads
# with `-Djib.from.image=tar://FILE`: for building and smoke-testing the pifan image where no
# registry can be reached (CI). The released image is built on eclipse-temurin:17-jre instead
# (daemon/pom.xml); this base only has to run what the smoke test runs, the same way.
#
#   deploy/container/make-local-base.sh OUT.tar [JAVA_HOME]
#
# The image holds one layer:
#   /opt/java/openjdk   a jlink'ed runtime (where eclipse-temurin keeps its JRE) with the modules
#                       pifan and its libraries use (jdeps), minus java.desktop and java.sql:
#                       only board-library and Micrometer code that pifan never runs refer to them
#   /lib*, /usr/lib*    the shared libraries that runtime links (found with ldd), from this machine
#   /etc/passwd, group  root and nonroot (65532, the user the pifan image runs as by default)
#   /tmp                1777, for the JVM's perf data and the board libraries' JNI files
#   /bin/sh             Debian's busybox-static (one static binary, as sh only), for the image's
#                       /usr/local/bin/pifan script, as eclipse-temurin has dash
# No package manager; PATH as eclipse-temurin sets it. Written by hand (tar + sha256sum + printf), so it needs neither a
# container engine nor a registry; the same input gives the same bytes (sorted names, time 0).
set -euo pipefail

out=${1:?usage: make-local-base.sh OUT.tar [JAVA_HOME]}
java_home=${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}}
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.xml,jdk.httpserver,jdk.management,jdk.unsupported

[[ -x "$java_home/bin/jlink" && -d "$java_home/jmods" ]] || {
  echo "make-local-base: no jlink and jmods under $java_home (a JDK 17 is needed: apt-get install openjdk-17-jdk-headless)" >&2
  exit 1
}
case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64) arch=arm64 ;;
  *) echo "make-local-base: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/pifan-base.XXXXXX")
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT
root=$work/rootfs

"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$root/opt/java/openjdk"

# every shared library an ELF file of the runtime needs, with the symlink that names it
while read -r lib; do
  [[ $lib == "$root"/* || -e "$root$lib" ]] && continue
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done < <(find "$root/opt/java/openjdk" -type f \( -name '*.so' -o -perm -u+x \) -exec ldd {} + 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $1 !~ /:$/ {print $1}' | sort -u)

busybox=/bin/busybox
[[ -x $busybox ]] || { echo "make-local-base: no $busybox: apt-get install busybox-static" >&2; exit 1; }
if ldd "$busybox" >/dev/null 2>&1; then
  echo "make-local-base: $busybox is linked dynamically (Debian's busybox): the base needs busybox-static" >&2
  exit 1
fi
mkdir -p "$root/bin"
cp "$busybox" "$root/bin/sh" # busybox runs the applet its name says: sh

mkdir -p "$root/etc" "$root/tmp"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
# as root, prove the runtime starts with nothing but what was copied (no /proc in a bare chroot, so
# the loader cannot expand $ORIGIN there: LD_LIBRARY_PATH stands in for it; a container has /proc)
if [[ $(id -u) == 0 ]] && ! env -i LD_LIBRARY_PATH=/opt/java/openjdk/lib "$(command -v chroot)" "$root" \
    /opt/java/openjdk/bin/java -version >/dev/null 2>&1; then
  echo "make-local-base: the runtime does not start inside the new root (a library missing?)" >&2
  exit 1
fi

layer=$work/layer.tar
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$layer" -C "$root" .
diff_id=$(sha256sum "$layer" | cut -d' ' -f1)
printf '{"architecture":"%s","os":"linux","config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/container/make-local-base.sh: jlink %s"}]}' \
  "$arch" "$diff_id" "$modules" >"$work/config.json"
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mkdir -p "$work/image"
mv "$work/config.json" "$work/image/$config_id.json"
mv "$layer" "$work/image/$diff_id.tar"
printf '[{"Config":"%s.json","RepoTags":["localhost/pifan-base:17"],"Layers":["%s.tar"]}]' \
  "$config_id" "$diff_id" >"$work/image/manifest.json"
out=$(realpath -m "$out")
(cd "$work/image" && tar --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out" \
  manifest.json "$config_id.json" "$diff_id.tar")
echo "make-local-base: $out ($(du -h "$out" | cut -f1), $arch, modules $modules)" >&2
