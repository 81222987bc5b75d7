#!/usr/bin/env bash
# Every man page opens however it is reached, and shows its own text, not a warning:
#   man -l man/manN/PAGE      from the repository's root,
#   man -l manN/PAGE          from inside man/,
#   man N PAGE                after `make install DESTDIR=...`, with MANPATH pointed there.
# Alias pages (relative symlinks) show the page they point to.
set -u
cd "$(dirname "$0")/../.." || exit 1
build=${BUILD:-build}
shopt -s nullglob
command -v man >/dev/null || { echo "man_open_test: man(1) is missing (scripts/deps.sh installs man-db)"; exit 1; }

export MANPAGER=cat PAGER=cat MANWIDTH=80 LC_ALL=C.UTF-8
unset MANPATH MANOPT
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pages=(man/man1/*.1 man/man3/*.3 man/man5/*.5 man/man7/*.7)
[ ${#pages[@]} -gt 0 ] || { echo "man_open_test: no man pages"; exit 1; }
fail=0

# The title line man prints for a page: "TITLE(SECTION)", from the .TH of what it shows.
title_of() {
  sed -n 's/^\.TH[[:space:]]\{1,\}"\{0,1\}\([^"[:space:]]*\)"\{0,1\}[[:space:]]\{1,\}"\{0,1\}\([^"[:space:]]*\).*/\1(\2)/p' "$1" | head -1
}

# render WAY PAGE TITLE: shows PAGE (man/manN/NAME.N) as WAY says -- "root": man -l from
# the repository's root; "mandir": man -l from inside man/; "installed": man N NAME with
# MANPATH=$INSTALLED -- which must exit 0, print nothing on stderr and show TITLE. Else it
# prints what went wrong and returns 1.
render() {
  local way=$1 page=$2 title=$3 sec name err rc
  sec=$(basename "$(dirname "$page")")
  name=$(basename "$page")
  local cmd
  case "$way" in
    root) cmd=(man -l "$page") ;;
    mandir) cmd=(env -C "$(dirname "$(dirname "$page")")" man -l "$sec/$name") ;;
    installed) cmd=(env MANPATH="$INSTALLED" man "${sec#man}" "${name%.*}") ;;
  esac
  err=$("${cmd[@]}" 2>&1 >"$page_out_dir/$way.$sec.$name")
  rc=$?
  if [ $rc -eq 0 ] && [ -z "$err" ] && grep -qF "$title" "$page_out_dir/$way.$sec.$name"; then return 0; fi
  echo "$page ($way: ${cmd[*]}): exit $rc; title '$title' not shown, or diagnostics:"
  [ -n "$err" ] && printf '%s\n' "$err" | head -5 | sed 's/^/    /'
  return 1
}
export -f render
export page_out_dir="$tmp/out"
mkdir -p "$page_out_dir"

# The check must catch a page that does not open: a .so alias run from the wrong folder.
mkdir -p "$tmp/neg/man/man3"
printf '.TH REAL 3\n.SH NAME\nreal \\- a page\n' > "$tmp/neg/man/man3/real.3"
printf '.so man3/real.3\n' > "$tmp/neg/man/man3/alias.3"
if render root "$tmp/neg/man/man3/alias.3" 'REAL(3)' >/dev/null; then
  echo "man_open_test: a broken .so alias rendered fine from the wrong folder; the check proves nothing"
  exit 1
fi

# Installed: make install DESTDIR=..., then man SECTION NAME through MANPATH.
dest="$tmp/dest"
if ! make --no-print-directory -s BUILD="$build" SANITIZE="${SANITIZE:-}" install DESTDIR="$dest" PREFIX=/usr/local >"$tmp/install.log" 2>&1; then
  echo "man_open_test: make install failed:"; tail -20 "$tmp/install.log"; exit 1
fi
export INSTALLED="$dest/usr/local/share/man"

# One job per page and way (man formats each page anew: a few hundred runs, on every core).
for page in "${pages[@]}"; do
  title=$(title_of "$page")
  [ -n "$title" ] || { echo "$page: no .TH line"; fail=1; continue; }
  sec=$(basename "$(dirname "$page")")
  test -e "$INSTALLED/$sec/$(basename "$page")" || { echo "$page: not installed in $INSTALLED/$sec"; fail=1; }
  for way in root mandir installed; do printf '%s %s %s\n' "$way" "$page" "$title"; done
done > "$tmp/jobs"
xargs -P "$(nproc)" -L 1 bash -c 'render "$@"' render < "$tmp/jobs" > "$tmp/failures"
[ -s "$tmp/failures" ] && { cat "$tmp/failures"; fail=1; }

[ $fail -eq 0 ] && echo "man_open_test: ${#pages[@]} pages open from the root, from man/ and installed"
exit $fail
