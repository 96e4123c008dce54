#!/usr/bin/env bash
# Builds the Debian package OUTDIR/pifan_VERSION_all.deb with dpkg-deb, from the tree that
# systemd/install.sh --destdir lays (one layout for both), plus what makes it a package: control,
# conffiles, md5sums, the maintainer scripts beside this script, docs and the lintian overrides.
# Run by the deploy module's `mvn package` (profile deb: where dpkg-deb is) after the jar, the
# completion and the man pages are built.
#   deploy/debian/build-deb.sh VERSION OUTDIR     (VERSION: the Maven version, 0.1.0-SNAPSHOT)
set -euo pipefail
umask 022

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
version=${1:?usage: build-deb.sh VERSION OUTDIR}
out=$(realpath -m "${2:?usage: build-deb.sh VERSION OUTDIR}")
# a Maven pre-release 0.1.0-SNAPSHOT is 0.1.0~SNAPSHOT: the ~ sorts it before the 0.1.0 release
deb_version=${version//-/\~}
[[ $deb_version =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || { echo "build-deb: $version is no Debian version" >&2; exit 1; }

stage="$out/deb-root"
rm -rf "$stage"
"$top/systemd/install.sh" --destdir "$stage" >/dev/null

doc="$stage/usr/share/doc/pifan"
install -d "$stage/DEBIAN" "$doc" "$stage/usr/share/lintian/overrides"
install -m 0644 "$here/copyright" "$doc/copyright"
install -m 0644 "$here/lintian-overrides" "$stage/usr/share/lintian/overrides/pifan"
# a native package's changelog: this build, dated by the commit it is built from
when=$(git -C "$top" log -1 --format=%cD 2>/dev/null || date -R)
commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
printf 'pifan (%s) unstable; urgency=medium\n\n  * Built from commit %s; the changes are in its git history.\n\n -- %s  %s\n' \
  "$deb_version" "$commit" "$(sed -n 's/^Maintainer: //p' "$here/control")" "$when" | gzip -9n >"$doc/changelog.gz"

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$deb_version/" -e "s/@SIZE@/$size/" "$here/control" >"$stage/DEBIAN/control"
echo /etc/pifan/pifan.yaml >"$stage/DEBIAN/conffiles"
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$stage/DEBIAN/"
(cd "$stage" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"

deb="$out/pifan_${deb_version}_all.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "build-deb: $deb ($(du -h "$deb" | cut -f1), $(dpkg-deb -c "$deb" | wc -l) entries)"
