#!/usr/bin/env bash
# Lints man pages with groff's warnings turned into failures.
# An alias page (one more name for a page that documents a family of calls) is a relative
# symlink to a real page in the same folder; it must resolve, and is linted as what it
# shows. A `.so` request is refused: it names a path relative to the folder man(1) runs
# from, so `man -l` of such a page works from inside man/ only.
set -u
[ $# -gt 0 ] || { echo "check-man: no man pages"; exit 0; }
bad=0
for page in "$@"; do
  if [ -L "$page" ]; then
    target=$(readlink "$page")
    case "$target" in
      */*) echo "$page: alias symlink points outside its folder ($target); name a page beside it"; bad=1; continue ;;
    esac
    if [ ! -f "$page" ] || [ -L "$(dirname "$page")/$target" ]; then
      echo "$page: alias symlink to '$target', which is not a real page in the same folder"; bad=1; continue
    fi
  fi
  if grep -q '^[.'"'"'][[:space:]]*so[[:space:]]' "$page"; then
    echo "$page: uses .so, which only resolves from one folder; make the alias a relative symlink" \
         "(ln -s REAL.3 $(basename "$page"))"
    bad=1
    continue
  fi
  out=$(cd "$(dirname "$page")/.." && groff -man -ww -z "$(basename "$(dirname "$page")")/$(basename "$page")" 2>&1)
  if [ -n "$out" ]; then
    echo "$page:"; echo "$out" | sed 's/^/  /'; bad=1
  fi
done
[ $bad -eq 0 ] && echo "check-man: $# pages clean"
exit $bad
