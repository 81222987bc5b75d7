#!/usr/bin/env bash
# README.md stays true: every C++ example in it compiles and links against the library;
# an example whose puts() lines carry "// expected output" comments is also run, and
# must print exactly those texts, in order.
set -eu
build=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v dir="$tmp" '/^```cpp$/ {n++; f = dir "/ex" n ".cpp"; next} /^```$/ {f = ""; next} f {print > f}' README.md
ls "$tmp"/ex*.cpp >/dev/null 2>&1 || { echo "README.md has no C++ example"; exit 1; }
san=""
[ -n "${SANITIZE:-}" ] && san="-fsanitize=$SANITIZE"
ran=0
for src in "$tmp"/ex*.cpp; do
  bin="${src%.cpp}"
  g++ -std=c++20 $san -Iinclude "$src" "$build/lib/libsnmpio.a" $(pkg-config --libs openssl libsodium spdlog) -pthread -o "$bin" \
    || { echo "README example $(basename "$src") does not compile"; exit 1; }
  grep -E 'std::puts\(.*// ' "$src" | sed 's/.*\/\/ //' > "$bin.expected" || true
  if [ -s "$bin.expected" ]; then
    "$bin" > "$bin.out"
    diff -u "$bin.expected" "$bin.out"
    ran=$((ran + 1))
  fi
done
[ $ran -ge 1 ] || { echo "no README example documents its output"; exit 1; }
echo "readme examples: ok ($ran run)"
