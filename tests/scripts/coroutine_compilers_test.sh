#!/usr/bin/env bash
# The co_await call shapes of tests/support/coroutine_shapes.hpp (temporaries for every
# argument, named lvalues, braced arguments, co_await in loops, SNMPv3), compiled by
# g++ and by clang++ against the built static library, each with and without
# AddressSanitizer, and run against an in-process agent: every build must print the
# same lines. GCC 12 once compiled `co_await gen.async_get(community_data{"public"}, ...)`
# into a double free that clang++ did not show.
set -eu
build=${BUILD:-build}
lib="$build/lib/libsnmpio.a"
[ -f "$lib" ] || { echo "no $lib: build the library first"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/shapes.cpp" <<'CPP'
#include "tests/support/coroutine_shapes.hpp"
#include <cstdio>
int main() {
  snmpio::test::coroutine_shapes_result out;
  if (!snmpio::test::run_coroutine_shapes(out)) return std::puts("setup failed"), 2;
  for (const auto& line : out.log) std::puts(line.c_str());
  return out.done ? 0 : 1;
}
CPP
libs="$(pkg-config --libs openssl libsodium spdlog) $(pkg-config --libs libsmi 2>/dev/null || echo -lsmi) -pthread"
compilers=()
for cxx in g++ clang++; do
  command -v "$cxx" >/dev/null && compilers+=("$cxx")
done
[ ${#compilers[@]} -eq 2 ] || { echo "need both g++ and clang++ (found: ${compilers[*]})"; exit 1; }
first=""
for cxx in "${compilers[@]}"; do
  for san in "" "-fsanitize=address -fno-omit-frame-pointer"; do
    name="$cxx${san:+ asan}"
    bin="$tmp/shapes-${cxx}${san:+-asan}"
    # A sanitized binary links the sanitizer runtime; the library itself may be plain.
    $cxx -std=c++20 -O1 -g $san -Iinclude -I. "$tmp/shapes.cpp" "$lib" $libs -o "$bin" \
      || { echo "$name: does not compile"; exit 1; }
    if ! ASAN_OPTIONS=detect_leaks=0 "$bin" > "$bin.out" 2> "$bin.err"; then
      echo "$name: failed"; cat "$bin.out"; head -40 "$bin.err"; exit 1
    fi
    [ "$(wc -l < "$bin.out")" -eq 12 ] || { echo "$name: expected 12 lines"; cat "$bin.out"; exit 1; }
    grep -q '^set: status 0 .*STRING: "renamed"$' "$bin.out" || { echo "$name: SET not answered"; cat "$bin.out"; exit 1; }
    grep -q '^v3 walk: [1-9][0-9]* rows$' "$bin.out" || { echo "$name: v3 walk failed"; cat "$bin.out"; exit 1; }
    if [ -z "$first" ]; then first="$bin.out"
    else diff -u "$first" "$bin.out" || { echo "$name prints otherwise than ${compilers[0]}"; exit 1; }
    fi
    echo "$name: ok"
  done
done
echo "coroutine shapes: same answers from ${compilers[*]}, with and without ASan"
