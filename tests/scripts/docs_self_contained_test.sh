#!/usr/bin/env bash
# The user's documentation (README.md and every man page) stands alone: it names no file
# outside the repository. Refused: any "../" path, any link whose target does not
# resolve to a file inside the repository, and any *.md document the repository lacks
# (a design note or test catalogue kept elsewhere is no help to a user).
set -u
cd "$(dirname "$0")/../.." || exit 1
shopt -s nullglob

# Prints one line per reference to something outside the repository whose root is $1,
# for the documents given after it (paths relative to $1).
scan() {
  local root=$1 doc known
  shift
  known=$(cd "$root" && find . -path ./.git -prune -o -name '*.md' -print | sed 's|.*/||' | sort -u)
  for doc in "$@"; do
    grep -nE '\.\./' "$root/$doc" | sed "s|^|$doc:|; s|\$|  (a path outside the repository)|"
    # Markdown links and images, [text](target), outside fenced code blocks.
    case "$doc" in
      *.md)
        awk '/^```/ {code = !code; print ""; next} {print code ? "" : $0}' "$root/$doc" |
          grep -noE '\]\([^)[:space:]]+\)' | while IFS= read -r hit; do
            line=${hit%%:*}
            target=${hit#*](}
            target=${target%)}
            target=${target%%#*}
            case "$target" in http://*|https://*|mailto:*|"") continue ;; esac
            resolved=$(cd "$root/$(dirname "$doc")" && realpath -m -- "$target")
            case "$resolved/" in
              "$(realpath "$root")"/*) [ -e "$resolved" ] && continue ;;
            esac
            echo "$doc:$line: link to '$target', not a file in the repository"
          done ;;
    esac
    # Markdown documents named anywhere (backticks, prose, links) must be in the repository.
    grep -noE '[A-Za-z0-9_./-]+\.md\b' "$root/$doc" | while IFS= read -r hit; do
      line=${hit%%:*}
      name=${hit#*:}
      grep -qxF "$(basename "$name")" <<<"$known" && continue
      echo "$doc:$line: names '$name', which is not in the repository"
    done
  done
}

docs=(README.md man/man*/*)
fail=0

# The check must catch what it looks for, or a clean run proves nothing.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/man/man7"
printf 'See `../shared/DESIGN.md`.\nBad input: testing.md §A.\n[design](other/DESIGN.md)\n[ok](README.md) f([&](const int x) {});\n' > "$tmp/README.md"
printf '.TH X 7\n.SH SEE ALSO\nvectors.md\n' > "$tmp/man/man7/x.7"
found=$(scan "$tmp" README.md man/man7/x.7)
for want in 'README.md:1:' 'README.md:2:' 'README.md:3:' 'man/man7/x.7:3:'; do
  grep -qF "$want" <<<"$found" || { echo "docs_self_contained_test: the check missed $want in its own sample:"; echo "$found"; fail=1; }
done
if grep -qF 'README.md:4:' <<<"$found"; then
  echo "docs_self_contained_test: the check flagged a link to a file that exists:"; echo "$found"; fail=1
fi

found=$(scan "$PWD" "${docs[@]}")
if [ -n "$found" ]; then
  echo "docs_self_contained_test: the documentation refers to files outside the repository;" \
       "say what the user needs in README.md or man/man7/snmpio.7 instead:"
  echo "$found" | sed 's/^/  /'
  fail=1
fi
[ $fail -eq 0 ] && echo "docs_self_contained_test: README.md and $((${#docs[@]} - 1)) man pages name no file outside the repository"
exit $fail
