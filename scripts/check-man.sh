#!/usr/bin/env bash
# Lints man pages with groff's warnings turned into failures.
set -u
[ $# -gt 0 ] || { echo "check-man: no man pages"; exit 0; }
bad=0
for page in "$@"; do
  out=$(cd "$(dirname "$page")/.." && groff -man -ww -z "$(basename "$(dirname "$page")")/$(basename "$page")" 2>&1)
  if [ -n "$out" ]; then
    echo "$page:"; echo "$out" | sed 's/^/  /'; bad=1
  fi
done
[ $bad -eq 0 ] && echo "check-man: $# pages clean"
exit $bad
