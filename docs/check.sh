#!/usr/bin/env bash
# The docs test (CI runs it after mvn verify): the Markdown's links resolve and its marked commands run.
#
# 1. Links. Every relative link in every Markdown file of the repository (tracked, or new and not
#    ignored; target/ never), inline `[text](target)`, image `![alt](target)` or reference
#    definition `[name]: target`, outside code blocks and code spans, must resolve:
#    - the file or directory exists, relative to the linking file (a leading / means the repository
#      root), and lies inside the repository: nothing may point at ../shared or anywhere else outside;
#    - a `#anchor` (also `file.md#anchor`) is a heading of that Markdown file, by GitHub's rule:
#      the heading's text lowercased, everything but letters, digits, spaces, '-' and '_' dropped,
#      each space a '-', and a repeated heading gets -1, -2, ... (or an `<a id="...">`/`name=`);
#      `#L12` style anchors into other files are accepted.
#    http(s) and mailto links are not followed (CI has no network to trust).
# 2. Commands. A code block is runnable when the line right before its opening fence is
#    exactly the marker below, with `sh` or `bash` as the fence's language:
#
#        <!-- runnable -->                    (or <!-- runnable timeout=SECONDS -->)
#        ```sh
#        ./pifan run --sim --once
#        ```
#
#    After `mvn -B -DskipTests package`, each line of such a block (a line ending in \ continues
#    on the next) is one command, run by bash from the repository root with stdin closed, within
#    the time limit (default 300 s each); it must exit 0. Commands that need hardware, a network,
#    root or minutes are not marked. Afterwards `git status` must be what it was before: a runnable
#    command leaves no file behind, and one that writes a committed file (docs/img/*.svg) must
#    write it as committed, so a stale picture fails here.
#
# Usage: docs/check.sh [--links | --commands] [FILE.md...]   (default: both, every Markdown file)
#        --links takes a second and builds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)
export LC_ALL=C.UTF-8 # the anchor rule's "letters and digits" include non-ASCII ones

mode=all
case "${1:-}" in
  --links) mode=links; shift ;;
  --commands) mode=commands; shift ;;
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac

if (($#)); then
  files=("$@")
elif git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.md' | grep -v '/target/' | sort -u)
else
  mapfile -t files < <(find . -name '*.md' -not -path '*/target/*' -not -path './.git/*' | sed 's|^\./||' | sort)
fi

failures=0
fail() { printf 'docs/check.sh: %s\n' "$*" >&2; failures=$((failures + 1)); }

# The anchors of one Markdown file, one per line, by GitHub's rule (headings outside code fences).
anchors() {
  awk '
    /^ ? ? ?(```|~~~)/ { fence = !fence; next }
    !fence && /^ ? ? ?#+[ \t]/ { print }
  ' "$1" |
    sed -E 's/^ ? ? ?#{1,6}[ \t]+//; s/[ \t]+#+[ \t]*$//; s/[ \t]+$//' |
    sed -E 's/!?\[([^]]*)\]\([^)]*\)/\1/g; s/<[^>]*>//g' |
    sed -E 's/.*/\L&/; s/[^[:alnum:] _-]//g; s/ /-/g' |
    awk '{ n = seen[$0]++; print (n ? $0 "-" n : $0) }'
  grep -oE '<a[^>]* (id|name)="[^"]+"' "$1" | sed -E 's/.*(id|name)="([^"]+)"/\2/' || true
}

# file<TAB>line<TAB>target for every link of one Markdown file, outside code fences and code spans.
links() {
  awk '
    /^ ? ? ?(```|~~~)/ { fence = !fence; next }
    fence { next }
    {
      line = $0
      gsub(/`[^`]*`/, "", line)                       # code spans are text, not links
      if (match(line, /^ ? ? ?\[[^]]+\]:[ \t]*[^ \t]+/)) {   # [name]: target
        def = substr(line, RSTART, RLENGTH); sub(/^[^]]*\]:[ \t]*/, "", def)
        print FILENAME "\t" FNR "\t" def
      }
      while (match(line, /\]\([^)]*\)/)) {
        target = substr(line, RSTART + 2, RLENGTH - 3)
        line = substr(line, RSTART + RLENGTH)
        sub(/^[ \t]+/, "", target); sub(/[ \t]+".*$/, "", target)   # a title: [t](url "title")
        gsub(/^<|>$/, "", target)
        print FILENAME "\t" FNR "\t" target
      }
    }
  ' "$1"
}

check_links() {
  local f file lineno target path anchor dir resolved checked=0
  declare -A anchor_cache=()
  for f in "${files[@]}"; do
    [[ -f $f ]] || { fail "$f: no such file"; continue; }
    if grep -n '\.\./shared' "$f" >/dev/null; then
      while IFS= read -r hit; do fail "$f:${hit%%:*}: points at ../shared, outside the repository"; done \
        < <(grep -n '\.\./shared' "$f")
    fi
    while IFS=$'\t' read -r file lineno target; do
      checked=$((checked + 1))
      case "$target" in
        http://*|https://*|mailto:*) continue ;;
        '') fail "$file:$lineno: an empty link"; continue ;;
        *://*) fail "$file:$lineno: $target: not a relative link, and not http(s)"; continue ;;
      esac
      path=${target%%#*}
      anchor=
      [[ $target == *'#'* ]] && anchor=${target#*#}
      path=${path//%20/ }
      if [[ -z $path ]]; then
        resolved=$root/$file
      else
        if [[ $path == /* ]]; then dir=$root; else dir=$(dirname "$root/$file"); fi
        resolved=$(realpath -m "$dir/$path")
        if [[ $resolved != "$root" && $resolved != "$root"/* ]]; then
          fail "$file:$lineno: $target: points outside the repository"
          continue
        fi
        if [[ ! -e $resolved ]]; then
          fail "$file:$lineno: $target: no such file or directory"
          continue
        fi
      fi
      [[ -n $anchor ]] || continue
      if [[ $resolved != *.md ]]; then
        [[ $anchor =~ ^L[0-9]+(-L[0-9]+)?$ ]] ||
          fail "$file:$lineno: $target: #$anchor in a file that is not Markdown"
        continue
      fi
      if [[ -z ${anchor_cache[$resolved]+set} ]]; then
        anchor_cache[$resolved]=$'\n'"$(anchors "$resolved")"$'\n'
      fi
      [[ ${anchor_cache[$resolved]} == *$'\n'"$anchor"$'\n'* ]] ||
        fail "$file:$lineno: $target: no heading '#$anchor' in ${resolved#"$root"/}"
    done < <(links "$f")
  done
  echo "docs/check.sh: $checked links in ${#files[@]} Markdown files checked"
}

# file<TAB>line<TAB>timeout<TAB>command for every command of the runnable blocks of one file.
runnables() {
  awk '
    function flush() { if (cmd != "") print FILENAME "\t" start "\t" limit "\t" cmd; cmd = "" }
    inblock && /^ ? ? ?```/ { flush(); inblock = 0; next }
    inblock {
      line = $0
      if (cmd == "") { if (line ~ /^[ \t]*(#.*)?$/) next; start = FNR }
      if (line ~ /\\$/) { cmd = cmd substr(line, 1, length(line) - 1) " "; next }
      cmd = cmd line; flush(); next
    }
    armed {
      armed = 0
      if ($0 ~ /^```(sh|bash)[ \t]*$/) { inblock = 1; next }
      print FILENAME "\t" FNR - 1 "\t-\tthe runnable marker is not followed by a ```sh block"
    }
    /^<!-- runnable( timeout=[0-9]+)? -->[ \t]*$/ {
      armed = 1; limit = 300
      if (match($0, /timeout=[0-9]+/)) limit = substr($0, RSTART + 8, RLENGTH - 8)
    }
  ' "$1"
}

check_commands() {
  local f file lineno limit cmd before after started took log ran=0
  local -a todo=()
  for f in "${files[@]}"; do
    [[ -f $f ]] || continue
    while IFS= read -r row; do todo+=("$row"); done < <(runnables "$f")
  done
  if ((${#todo[@]} == 0)); then
    echo "docs/check.sh: no runnable blocks"
    return
  fi
  echo "docs/check.sh: mvn -B -DskipTests package"
  mvn -B -ntp -q -Dstyle.color=never -DskipTests package
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    before=$(git status --porcelain -uall)
  else
    before=
  fi
  log=$(mktemp)
  for row in "${todo[@]}"; do
    IFS=$'\t' read -r file lineno limit cmd <<<"$row"
    if [[ $limit == - ]]; then
      fail "$file:$lineno: $cmd"
      continue
    fi
    ran=$((ran + 1))
    started=$SECONDS
    if (cd "$root" && timeout --kill-after=10 "$limit" bash -c "$cmd") </dev/null >"$log" 2>&1; then
      took=$((SECONDS - started))
      printf 'ok   %s:%s (%ss) %s\n' "$file" "$lineno" "$took" "$cmd"
    else
      rc=$?
      took=$((SECONDS - started))
      if ((rc == 124 || rc == 137)); then
        fail "$file:$lineno: over its ${limit}s: $cmd"
      else
        fail "$file:$lineno: exit $rc after ${took}s: $cmd"
      fi
      tail -n 40 "$log" | sed 's/^/     | /' >&2
    fi
  done
  rm -f "$log"
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    after=$(git status --porcelain -uall)
    if [[ $after != "$before" ]]; then
      fail "the runnable commands changed the working tree (a stale committed file, or one left behind):"
      diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | grep '^[<>]' | sed 's/^/     /' >&2 || true
    fi
  fi
  echo "docs/check.sh: $ran commands run"
}

[[ $mode == commands ]] || check_links
[[ $mode == links ]] || check_commands

if ((failures)); then
  echo "docs/check.sh: FAILED, $failures problem(s)" >&2
  exit 1
fi
echo "docs/check.sh: OK"
