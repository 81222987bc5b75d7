#!/usr/bin/env bash
# Tests take fresh temporary directories, never a fixed path: no test source (C++, Python,
# shell under tests/) names /tmp, and none builds a directory name of its own under
# $TMPDIR (temp_directory_path(), ::testing::TempDir()); they use mkdtemp, through
# tests/support/temp_dir.hpp (C++) or `mktemp -d` (shell). A fixed path works on the
# machine that once made it and fails on a fresh one, or lets two runs meet.
set -u
cd "$(dirname "$0")/../.." || exit 1

# Prints every offending line under the folder $1 (file:line: text).
scan() {
  grep -rnE --include='*.cpp' --include='*.hpp' --include='*.h' --include='*.c' \
    --include='*.py' --include='*.sh' \
    -e '/tmp([/"'"'"' ]|$)' -e 'temp_directory_path\(' -e 'TempDir\(\)' -e 'gettempdir' "$1" |
    grep -vE '^[^:]+/tests/(support/temp_dir\.hpp|scripts/no_fixed_tmp_paths_test\.sh):' |
    grep -vE '^[^:]+:[0-9]+:.*\$\{TMPDIR:-/tmp\}' || true
}

fail=0
# The check must catch a fixed path, or a clean run proves nothing.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tests/support"
printf '%s\n' 'const char* p = "/tmp/snmpio-test-persist";' > "$tmp/tests/a.hpp"
printf '%s\n' 'auto d = fs::temp_directory_path() / "fixed";' > "$tmp/tests/b.cpp"
printf '%s\n' 'd=$(mktemp -d "${TMPDIR:-/tmp}/x.XXXXXX")' > "$tmp/tests/ok.sh"
printf '%s\n' 'auto base = std::filesystem::temp_directory_path(ec);' > "$tmp/tests/support/temp_dir.hpp"
mkdir -p "$tmp/tests/scripts"
printf '%s\n' '# says /tmp/x' > "$tmp/tests/scripts/no_fixed_tmp_paths_test.sh"
found=$(scan "$tmp/tests")
if [ "$(printf '%s\n' "$found" | grep -c .)" -ne 2 ] || ! grep -q 'a.hpp' <<<"$found" ||
   ! grep -q 'b.cpp' <<<"$found"; then
  echo "no_fixed_tmp_paths_test: the check does not find the fixed paths it should (or flags allowed ones):"
  echo "$found"
  fail=1
fi

found=$(scan "$PWD/tests" | sed "s|^$PWD/||")
if [ -n "$found" ]; then
  echo "no_fixed_tmp_paths_test: test sources use a fixed temporary path; take a fresh directory" \
       "instead (tests/support/temp_dir.hpp: snmpio::test::temp_dir, or mktemp -d):"
  echo "$found" | sed 's/^/  /'
  fail=1
fi
[ $fail -eq 0 ] && echo "no_fixed_tmp_paths_test: no test source uses a fixed temporary path"
exit $fail
