#!/usr/bin/env bash
# Man pages: every page lints clean (scripts/check-man.sh: groff -man -ww -z), and every
# public header include/snmpio/X.hpp (but the umbrella snmpio.hpp and export.hpp) is
# named in at least one page, so that no part of the public API goes undocumented.
set -u
cd "$(dirname "$0")/../.." || exit 1
shopt -s nullglob

pages=(man/man1/*.1 man/man3/*.3 man/man5/*.5 man/man7/*.7)
fail=0

# The linter must catch a broken page, or a clean run proves nothing.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/man3"
printf '.TH BROKEN 3\n.SH NAME\nbroken \\q page\n.NOSUCHMACRO\n' > "$tmp/man3/broken.3"
if scripts/check-man.sh "$tmp/man3/broken.3" >/dev/null 2>&1; then
  echo "check_man_test: scripts/check-man.sh passed a page with errors (is groff installed?)"
  fail=1
fi

# Nor may it pass a .so alias (it opens from one folder only; aliases are symlinks).
printf '.TH GOOD 3\n.SH NAME\ngood \\- a page\n' > "$tmp/man3/good.3"
printf '.so man3/good.3\n' > "$tmp/man3/alias.3"
if scripts/check-man.sh "$tmp/man3/good.3" >/dev/null 2>&1 && scripts/check-man.sh "$tmp/man3/alias.3" >/dev/null 2>&1; then
  echo "check_man_test: scripts/check-man.sh passed a .so alias page"
  fail=1
fi

if [ ${#pages[@]} -eq 0 ]; then
  echo "check_man_test: no man pages found"
  fail=1
elif ! scripts/check-man.sh "${pages[@]}"; then
  echo "check_man_test: man pages have groff warnings (above)"
  fail=1
fi

missing=()
for header in include/snmpio/*.hpp; do
  name=$(basename "$header")
  case "$name" in snmpio.hpp|export.hpp) continue ;; esac
  if [ ${#pages[@]} -eq 0 ] || ! grep -qF "$name" "${pages[@]}"; then
    missing+=("$name")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "check_man_test: public headers not named in any man page (add a page under man/ that" \
       "documents them, e.g. its SYNOPSIS #include line): ${missing[*]}"
  fail=1
fi

[ $fail -eq 0 ] && echo "check_man_test: ${#pages[@]} pages clean, every public header documented"
exit $fail
