#!/usr/bin/env bash
# README.md stays true: its C++ example compiles against the library, and prints what
# its comments say it prints (the text after "// " on each puts line, in order).
set -eu
build=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n '/^```cpp/,/^```$/p' README.md | sed '1d;$d' > "$tmp/ex.cpp"
[ -s "$tmp/ex.cpp" ] || { echo "README.md has no C++ example"; exit 1; }
san=""
[ -n "${SANITIZE:-}" ] && san="-fsanitize=$SANITIZE"
g++ -std=c++20 $san -Iinclude "$tmp/ex.cpp" "$build/lib/libsnmpio.a" $(pkg-config --libs openssl libsodium spdlog) -pthread -o "$tmp/ex"
"$tmp/ex" > "$tmp/out"
grep -E 'std::puts\(.*// ' "$tmp/ex.cpp" | sed 's/.*\/\/ //' > "$tmp/expected"
[ -s "$tmp/expected" ] || { echo "the example documents no output"; exit 1; }
diff -u "$tmp/expected" "$tmp/out"
