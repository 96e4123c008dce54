#!/usr/bin/env bash
# The Debian package, installed as a user installs it, into a clean Debian bookworm system:
#   1. a debootstrap --variant=minbase chroot with the package's dependencies (a JRE 17 and
#      systemd, for systemd-sysusers) installed, made once and cached outside the tree
#      ($PIFAN_ROOTFS_CACHE, default /var/cache/pifan-ci), used through an overlay so every run
#      starts from the same clean tree;
#   2. lintian on the .deb: no tag beyond those deploy/debian/lintian-overrides explains;
#   3. dpkg -i: the files landed, the pifan user exists, the unit is enabled and started, the
#      conffile is one; pifan --version and pifan curve from PATH; bash and zsh complete `pifan st`
#      to status; the man pages render;
#   4. systemd-analyze verify on the unit as installed: clean;
#   5. dpkg -i again (an upgrade's scripts): restarted, the edited conffile stays; dpkg -r: stopped,
#      config, state and the admin's files stay; dpkg -P: nothing of pifan is left (the file lists
#      before and after are compared, and their difference printed).
# Usage: deploy/debian/install-test.sh [DEB]   (default: deploy/target/pifan_*_all.deb, from mvn package)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
TAG=install-test
# shellcheck source=deploy/lib.sh
source "$top/deploy/lib.sh"
[[ $(id -u) == 0 ]] || fail "run as root: it makes a chroot and mounts into it"
require debootstrap:debootstrap lintian:lintian systemd-analyze:systemd man:man-db
started=$SECONDS

deb=${1:-$(ls "$top"/deploy/target/pifan_*_all.deb 2>/dev/null | head -n 1)}
[[ -f "$deb" ]] || fail "no package: build it first (mvn -B package, on a system with dpkg-deb)"

# --- 1. the clean system, cached: its key is the package list and the suite, so a change remakes it.
# It holds the package's dependencies, the first of each alternative in deploy/debian/control, so
# that dpkg -i needs no download, and a dependency the package lacks is missing here too.
suite=bookworm
mirror=${PIFAN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
mapfile -t packages < <(sed -n 's/^Depends: //p' "$here/control" | tr ',' '\n' | sed 's/|.*//; s/[[:space:]]//g')
packages+=(zsh) # a test tool: the zsh completion is tried in a real zsh
cache=${PIFAN_ROOTFS_CACHE:-/var/cache/pifan-ci}
key=$(printf '%s\n' "$suite" "${packages[@]}" | sha256sum | cut -c1-12)
base="$cache/$suite-minbase-$key"
if [[ ! -f "$base/.complete" ]]; then
  say "making the $suite chroot $base (once: debootstrap --variant=minbase, then ${packages[*]})"
  rm -rf "$cache/$suite-minbase-"* && mkdir -p "$base" # older keys' trees too
  debootstrap --variant=minbase "$suite" "$base" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log" >&2; fail "debootstrap failed (log: $cache/debootstrap.log)"; }
  # in a mount namespace of its own: the mounts go away with it, whatever happens
  unshare --mount --propagation private sh -ec '
    root=$1; shift
    mount -t proc proc "$root/proc"; mount --rbind /dev "$root/dev"
    chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
    chroot "$root" apt-get clean' sh "$base" "${packages[@]}" >"$cache/apt.log" 2>&1 \
    || { tail -n 20 "$cache/apt.log" >&2; fail "installing ${packages[*]} into the chroot failed"; }
  touch "$base/.complete"
  say "chroot made in $((SECONDS - started)) s"
fi

# --- the rest in a mount namespace of its own: every mount goes away with it
if [[ -z "${PIFAN_INSTALL_TEST_NS:-}" ]]; then
  PIFAN_INSTALL_TEST_NS=1 exec unshare --mount --propagation private "$0" "$deb"
fi

# --- 2. lintian: clean, but for the tags the overrides file explains
lintian_out=$(lintian --pedantic "$deb" 2>&1 | grep -v '^running with root privileges' || true)
[[ -z "$lintian_out" ]] || { printf '%s\n' "$lintian_out" >&2; fail "lintian: tags that deploy/debian/lintian-overrides does not explain"; }
say "lintian --pedantic $(basename "$deb"): clean ($(grep -c '^pifan:' "$here/lintian-overrides") tag overridden, with its reason)"

# --- 3. install into a copy of the clean system: an overlay on the cache, thrown away at the end
work=$(mktemp -d "${TMPDIR:-/tmp}/pifan-install-test.XXXXXX")
# --one-file-system: should an unmount fail, rm stops at the mounts (/dev is the host's)
trap 'umount -R "$work/root" 2>/dev/null || true; rm -rf --one-file-system "$work"' EXIT
mkdir "$work/upper" "$work/ovl" "$work/root"
mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/ovl" "$work/root"
root=$work/root
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb "$@"; }
# every path of the system but the kernel's and the caches', to compare before and after
files() { (cd "$root" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./tmp -o -path ./var/cache -o -path ./var/log \) -prune -o -print | sort); }
# No systemd runs in a chroot, so the scripts would skip starting and stopping (they look for
# /run/systemd/system, as debhelper's do). With that directory there and a systemctl that writes
# down what it is asked (the real one kept in /tmp, and run for what works offline), each step
# shows what the scripts ask of systemd: start on install, restart on upgrade, stop on remove.
# Whether systemd then does it is systemd's part; the unit itself is checked by systemd-analyze.
mkdir -p "$root/run/systemd/system"
mv "$root/usr/bin/systemctl" "$root/tmp/systemctl.real"
cat >"$root/usr/bin/systemctl" <<'STUB'
#!/bin/sh
echo "systemctl $*" >>/tmp/systemctl.log
case "$*" in
  *--root=*) exec /tmp/systemctl.real "$@" ;; # offline (deb-systemd-helper's preset): the real one
  --version*) echo "systemd 252 (252.0)" ;;
  *is-enabled*) echo enabled ;;
esac
exit 0
STUB
chmod 0755 "$root/usr/bin/systemctl"
asked() { # what the scripts asked of systemd since the last call, one line, without the queries
  local log="$root/tmp/systemctl.log"
  [[ -f "$log" ]] || { echo "(nothing)"; return; }
  grep -v -e '--version' -e 'is-enabled' -e 'is-active' -e 'list-units' -e '--root=' "$log" | sed 's/^systemctl //; s/--system //; s/--quiet //' | paste -sd ';' -
  rm -f "$log"
}
files >"$work/files-before"
cp "$deb" "$root/tmp/"
in_root dpkg -i "/tmp/$(basename "$deb")" >"$work/dpkg-i.log" 2>&1 || { cat "$work/dpkg-i.log" >&2; fail "dpkg -i failed"; }
rm "$root/tmp/$(basename "$deb")"
installed_version=$(in_root dpkg-query -W -f='${Version}' pifan)
on_install=$(asked)
[[ "$on_install" == *"start pifan.service"* && "$on_install" != *restart* ]] || fail "dpkg -i asked systemd: $on_install (expected start pifan.service)"
say "dpkg -i: pifan $installed_version installed; asked systemd: $on_install"

for path in /usr/bin/pifan /usr/share/pifan/pifan.jar /usr/lib/systemd/system/pifan.service \
    /usr/lib/udev/rules.d/90-pifan.rules /usr/lib/sysusers.d/pifan.conf /etc/pifan/pifan.yaml \
    /usr/share/bash-completion/completions/pifan /usr/share/zsh/vendor-completions/_pifan \
    /usr/share/man/man1/pifan.1.gz /usr/share/man/man1/pifan-status.1.gz /usr/share/doc/pifan/copyright; do
  [[ -e "$root$path" ]] || fail "$path is not installed"
done
in_root dpkg-query -W -f='${Conffiles}\n' pifan | grep -q '^ /etc/pifan/pifan.yaml ' || fail "/etc/pifan/pifan.yaml is not a conffile"
groups=$(in_root id -nG pifan) || fail "no user pifan after configure (systemd-sysusers)"
for group in gpio i2c video; do [[ " $groups " == *" $group "* ]] || fail "user pifan is not in group $group: $groups"; done
[[ -L "$root/etc/systemd/system/multi-user.target.wants/pifan.service" ]] || fail "pifan.service is not enabled"
say "files in place; /etc/pifan/pifan.yaml a conffile; user pifan in groups ($groups); pifan.service enabled"

printed=$(in_root pifan --version)
[[ "$printed" == "pifan ${installed_version//\~/-}" ]] || fail "pifan --version printed '$printed' for package $installed_version"
curve=$(in_root pifan curve) || fail "pifan curve failed: $curve"
grep -q '^Fan curve from /etc/pifan/pifan.yaml$' <<<"$curve" || fail "pifan curve did not read the installed config: $curve"
say "from PATH: $printed; pifan curve reads /etc/pifan/pifan.yaml ($(wc -l <<<"$curve") lines)"

# completion: what bash offers after `pifan st` and `pifan status --j`, as the shell calls the function
complete_in() { # SHELL WORDS...: the candidates the completion function gives for the last word
  local shell=$1; shift
  in_root "$shell" -c 'source /usr/share/bash-completion/completions/pifan
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _complete_pifan 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' completion "$@"
}
[[ "$(complete_in bash pifan st)" == status ]] || fail "bash completion of 'pifan st': $(complete_in bash pifan st)"
[[ "$(complete_in bash pifan status --j)" == --json ]] || fail "bash completion of 'pifan status --j': $(complete_in bash pifan status --j)"
say "bash completion: pifan st -> status, pifan status --j -> --json"
# zsh: a real interactive zsh on a pseudo-terminal (zpty), compinit finding _pifan in its fpath, TAB
# pressed; each read waits for the completed word (timeout bounds it), and nothing may complain
zsh_complete() { # TYPED EXPECTED: what the line shows after TAB
  timeout 20 chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb zsh -f -c '
    zmodload zsh/zpty
    zpty z zsh -f -i
    zpty -w z "autoload -U compinit && compinit -u -D; print -- compinit-done"
    zpty -r -m z out "*compinit-done*"
    zpty -w -n z "$1"$'"'"'\t'"'"'
    zpty -r -m z out "*$2*"
    print -r -- "$out"' zsh "$@"
}
for pair in "pifan st:pifan status" "pifan status --j:pifan status --json"; do
  shown=$(zsh_complete "${pair%%:*}" "${pair#*:}") || fail "zsh completion of '${pair%%:*}' did not show '${pair#*:}': $shown"
  [[ "$shown" != *"not found"* ]] || fail "zsh completion of '${pair%%:*}' complained: $shown"
done
say "zsh completion: pifan st -> status, pifan status --j -> --json"

# the man pages: they render, and the status page has the exit codes of --help
status_page=$(MANWIDTH=80 man -l "$root/usr/share/man/man1/pifan-status.1.gz" 2>&1) || fail "man pifan-status: $status_page"
grep -q '^EXIT CODES' <<<"$status_page" && grep -Eq '^ +3 *$' <<<"$status_page" \
  || fail "man pifan-status has no EXIT CODES with 3: $status_page"
say "man: $(ls "$root/usr/share/man/man1" | grep -c '^pifan') pages; pifan-status(1) has EXIT CODES 0-3"

# --- 4. the unit as installed, with what it refers to from the package's dependencies (kill: procps)
out=$(MANPATH="$root/usr/share/man" systemd-analyze verify --root="$root" "$root/usr/lib/systemd/system/pifan.service" 2>&1) \
  && [[ -z "$out" ]] || { printf '%s\n' "$out" >&2; fail "systemd-analyze verify on the installed unit is not clean"; }
say "systemd-analyze verify /usr/lib/systemd/system/pifan.service (as installed): clean"

# --- 5. remove keeps the config, the state and the user's files; purge removes them
mkdir -p "$root/var/lib/pifan"
echo "state" >"$root/var/lib/pifan/records" # what the daemon keeps in its StateDirectory
echo "# mine" >"$root/etc/pifan/local.yaml" # a file of the admin's beside the conffile
echo "# edited" >>"$root/etc/pifan/pifan.yaml"
# the same package again, as an upgrade runs its scripts (postinst configure with the old version):
# the edited conffile stays as it is, the unit stays enabled
cp "$deb" "$root/tmp/"
in_root dpkg -i "/tmp/$(basename "$deb")" >"$work/dpkg-i2.log" 2>&1 || { cat "$work/dpkg-i2.log" >&2; fail "dpkg -i over itself failed"; }
rm "$root/tmp/$(basename "$deb")"
on_upgrade=$(asked)
[[ "$on_upgrade" == *"restart pifan.service"* && "$on_upgrade" != *"stop pifan.service"* ]] \
  || fail "the upgrade asked systemd: $on_upgrade (expected restart pifan.service, no stop)"
tail -n 1 "$root/etc/pifan/pifan.yaml" | grep -qx '# edited' || fail "reinstalling replaced the edited conffile"
[[ -L "$root/etc/systemd/system/multi-user.target.wants/pifan.service" ]] || fail "reinstalling disabled pifan.service"
say "dpkg -i again (an upgrade's scripts): the edited conffile and the enabled unit stay; asked systemd: $on_upgrade"
in_root dpkg -r pifan >"$work/dpkg-r.log" 2>&1 || { cat "$work/dpkg-r.log" >&2; fail "dpkg -r failed"; }
on_remove=$(asked)
[[ "$on_remove" == "stop pifan.service;daemon-reload" ]] || fail "dpkg -r asked systemd: $on_remove (expected stop, then daemon-reload)"
for path in /etc/pifan/pifan.yaml /etc/pifan/local.yaml /var/lib/pifan/records; do
  [[ -e "$root$path" ]] || fail "dpkg -r removed $path: only a purge may"
done
[[ ! -e "$root/usr/bin/pifan" && ! -e "$root/usr/share/pifan" && ! -e "$root/usr/lib/systemd/system/pifan.service" ]] \
  || fail "dpkg -r left the package's files"
say "dpkg -r: asked systemd: $on_remove; the program is gone; the edited conffile, the admin's file and the state stay"

in_root dpkg -P pifan >"$work/dpkg-p.log" 2>&1 || { cat "$work/dpkg-p.log" >&2; fail "dpkg -P failed"; }
mv "$root/tmp/systemctl.real" "$root/usr/bin/systemctl"
files >"$work/files-after"
left=$(diff "$work/files-before" "$work/files-after" || true)
say "dpkg -P: files before dpkg -i $(wc -l <"$work/files-before"), after the purge $(wc -l <"$work/files-after"); the difference:"
printf '%s\n' "${left:-  (none)}" >&2
[[ -z "$left" ]] || fail "the purge left files the system did not have before"
named=$(cd "$root" && find . -xdev \( -path ./proc -o -path ./dev \) -prune -o -name '*pifan*' -print)
[[ -z "$named" ]] || fail "files named pifan after the purge: $named"
say "nothing of pifan is left but the system user and group, as Debian leaves them: $(in_root getent passwd pifan)"
say "PASSED in $((SECONDS - started)) s"
