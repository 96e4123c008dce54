#!/bin/sh
# Installs pifan as a systemd service, in the Debian package's layout (deploy/debian builds the
# package from this script's --destdir tree): ./systemd/install.sh [--destdir DIR] [--no-start]
#
# Needs a Java 17+ runtime (apt-get install openjdk-17-jre-headless) unless a native binary
# (pifan-native, see docs/install.md) is given with --native FILE. Build first: mvn -DskipTests package
# (the jar, and the completion and man pages under deploy/target/cli/). On a Debian system, prefer
# the package: sudo apt install ./deploy/target/pifan_*_all.deb
#
# Files:
#   /usr/bin/pifan                       launcher (the native binary, or the jar with PIFAN_JAVA_OPTS)
#   /usr/share/pifan/pifan.jar, lib/     the JVM build (jars are the same on every architecture)
#   /usr/lib/pifan/pifan-native          or the native binary (--native)
#   /etc/pifan/pifan.yaml                the configuration (kept if it exists)
#   /usr/lib/systemd/system/pifan.service, /usr/lib/sysusers.d/pifan.conf, /usr/lib/udev/rules.d/90-pifan.rules
#   /usr/share/bash-completion/completions/pifan, /usr/share/zsh/vendor-completions/_pifan
#   /usr/share/man/man1/pifan.1.gz, pifan-COMMAND.1.gz
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
destdir=""
start=yes
native=""
while [ $# -gt 0 ]; do
  case "$1" in
    --destdir) destdir=$2; shift 2 ;;
    --native) native=$2; shift 2 ;;
    --no-start) start=no; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

jar="$top/daemon/target/pifan.jar"
cli="$top/deploy/target/cli"
if [ -z "$native" ] && [ ! -f "$jar" ]; then
  echo "install.sh: $jar is missing: build it first (mvn -DskipTests package)" >&2
  exit 1
fi
if [ ! -f "$cli/pifan.bash" ] || [ ! -f "$cli/man/pifan.1" ]; then
  echo "install.sh: the completion and man pages under $cli are missing: build first (mvn -DskipTests package)" >&2
  exit 1
fi

install -d "$destdir/usr/bin" "$destdir/etc/pifan" "$destdir/usr/lib/systemd/system" \
  "$destdir/usr/lib/sysusers.d" "$destdir/usr/lib/udev/rules.d" "$destdir/usr/share/bash-completion/completions" \
  "$destdir/usr/share/zsh/vendor-completions" "$destdir/usr/share/man/man1"
if [ -n "$native" ]; then
  install -d "$destdir/usr/lib/pifan"
  install -m 0755 "$native" "$destdir/usr/lib/pifan/pifan-native"
else
  install -d "$destdir/usr/share/pifan/lib"
  install -m 0644 "$jar" "$destdir/usr/share/pifan/pifan.jar"
  install -m 0644 "$top"/daemon/target/lib/*.jar "$destdir/usr/share/pifan/lib/"
fi
install -m 0755 "$here/launcher.sh" "$destdir/usr/bin/pifan"
install -m 0644 "$here/pifan.service" "$destdir/usr/lib/systemd/system/pifan.service"
install -m 0644 "$here/pifan.sysusers" "$destdir/usr/lib/sysusers.d/pifan.conf"
install -m 0644 "$here/90-pifan.rules" "$destdir/usr/lib/udev/rules.d/90-pifan.rules"
# sourced, not run: without picocli's #! line
sed '1{/^#!/d}' "$cli/pifan.bash" >"$destdir/usr/share/bash-completion/completions/pifan"
chmod 0644 "$destdir/usr/share/bash-completion/completions/pifan"
install -m 0644 "$top/deploy/debian/_pifan" "$destdir/usr/share/zsh/vendor-completions/_pifan"
for page in "$cli"/man/*.1; do
  # -n: no name or time in the header, so the same page gives the same bytes
  gzip -9n <"$page" >"$destdir/usr/share/man/man1/$(basename "$page").gz"
  chmod 0644 "$destdir/usr/share/man/man1/$(basename "$page").gz"
done
if [ ! -f "$destdir/etc/pifan/pifan.yaml" ]; then
  install -m 0644 "$here/pifan.yaml" "$destdir/etc/pifan/pifan.yaml"
else
  echo "install.sh: keeping the existing $destdir/etc/pifan/pifan.yaml"
fi

if [ -n "$destdir" ]; then
  echo "installed under $destdir"
  exit 0
fi
# what an install.sh before the package's layout put where the files above now shadow or miss
for old in /etc/systemd/system/pifan.service /etc/udev/rules.d/90-pifan.rules /usr/lib/pifan/pifan \
    /usr/lib/pifan/pifan.jar /usr/lib/pifan/lib; do
  [ -e "$old" ] && { echo "install.sh: removing $old (the old layout)"; rm -rf "$old"; }
done
# the groups exist on Raspberry Pi OS; elsewhere (Ubuntu) sysusers creates the missing ones (m lines)
systemd-sysusers pifan.conf
udevadm control --reload && udevadm trigger --subsystem-match=hwmon --subsystem-match=pwm || true
systemctl daemon-reload
if [ "$start" = yes ]; then
  pifan config check /etc/pifan/pifan.yaml
  systemctl enable --now pifan.service
  systemctl --no-pager status pifan.service || true
fi
