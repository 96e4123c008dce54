#!/bin/sh
# Installs pifan as a systemd service: ./systemd/install.sh [--destdir DIR] [--no-start]
#
# Needs a Java 17+ runtime (apt-get install openjdk-17-jre-headless) unless a native binary
# (pifan-native, see docs/install.md) is given with --native FILE. Build the jar first: ./pifan --version
#
# Files:
#   /usr/lib/pifan/pifan             launcher (runs the native binary, or the jar with PIFAN_JAVA_OPTS)
#   /usr/lib/pifan/pifan.jar, lib/   the JVM build
#   /etc/pifan/pifan.yaml            the configuration (kept if it exists)
#   /etc/systemd/system/pifan.service, /usr/lib/sysusers.d/pifan.conf, /etc/udev/rules.d/90-pifan.rules
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
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

jar="$top/daemon/target/pifan.jar"
if [ -z "$native" ] && [ ! -f "$jar" ]; then
  echo "install.sh: $jar is missing: build it first (./pifan --version, or mvn -DskipTests package)" >&2
  exit 1
fi

install -d "$destdir/usr/lib/pifan" "$destdir/etc/pifan" "$destdir/etc/systemd/system" \
  "$destdir/usr/lib/sysusers.d" "$destdir/etc/udev/rules.d"
if [ -n "$native" ]; then
  install -m 0755 "$native" "$destdir/usr/lib/pifan/pifan-native"
else
  install -m 0644 "$jar" "$destdir/usr/lib/pifan/pifan.jar"
  install -d "$destdir/usr/lib/pifan/lib"
  install -m 0644 "$top"/daemon/target/lib/*.jar "$destdir/usr/lib/pifan/lib/"
fi
cat > "$destdir/usr/lib/pifan/pifan" <<'LAUNCHER'
#!/bin/sh
# pifan launcher: the native binary when installed, else the JVM build.
dir=/usr/lib/pifan
[ -x "$dir/pifan-native" ] && exec "$dir/pifan-native" "$@"
exec java ${PIFAN_JAVA_OPTS:-} -jar "$dir/pifan.jar" "$@"
LAUNCHER
chmod 0755 "$destdir/usr/lib/pifan/pifan"
install -m 0644 "$here/pifan.service" "$destdir/etc/systemd/system/pifan.service"
install -m 0644 "$here/pifan.sysusers" "$destdir/usr/lib/sysusers.d/pifan.conf"
install -m 0644 "$here/90-pifan.rules" "$destdir/etc/udev/rules.d/90-pifan.rules"
if [ ! -f "$destdir/etc/pifan/pifan.yaml" ]; then
  install -m 0644 "$here/pifan.yaml" "$destdir/etc/pifan/pifan.yaml"
else
  echo "install.sh: keeping the existing $destdir/etc/pifan/pifan.yaml"
fi

if [ -n "$destdir" ]; then
  echo "installed under $destdir"
  exit 0
fi
# the groups exist on Raspberry Pi OS; elsewhere (Ubuntu) create the ones that are missing
for group in gpio i2c video; do getent group "$group" >/dev/null || groupadd --system "$group"; done
systemd-sysusers /usr/lib/sysusers.d/pifan.conf
udevadm control --reload && udevadm trigger --subsystem-match=hwmon --subsystem-match=pwm || true
systemctl daemon-reload
if [ "$start" = yes ]; then
  /usr/lib/pifan/pifan config check /etc/pifan/pifan.yaml
  systemctl enable --now pifan.service
  systemctl --no-pager status pifan.service || true
fi
