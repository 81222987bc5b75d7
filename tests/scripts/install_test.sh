#!/usr/bin/env bash
# `make install DESTDIR=...` gives a usable install: a program built with
# `pkg-config --cflags --libs snmpio` compiles, links (shared and static) and runs.
set -eu
build=${BUILD:-build}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
make --no-print-directory -s BUILD="$build" SANITIZE="${SANITIZE:-}" install DESTDIR="$dest" PREFIX=/usr/local >/dev/null

lib="$dest/usr/local/lib"
test -f "$dest/usr/local/include/snmpio/snmpio.hpp"
test -f "$lib/libsnmpio.a"
test -L "$lib/libsnmpio.so"
soname=$(readelf -d "$lib/libsnmpio.so.0."* | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
[ "$soname" = "libsnmpio.so.0" ] || { echo "SONAME is '$soname'"; exit 1; }
# Only snmpio's own symbols are exported (-fvisibility=hidden + SNMPIO_EXPORT); the
# standard library's template instantiations (vague linkage) are the one exception.
leaked=$(nm -D --defined-only "$lib/libsnmpio.so" | awk '{print $3}' | c++filt | grep -v -E 'snmpio::|std::|__gnu_cxx::|^_init$|^_fini$|^_end$|^_edata$|^__bss_start$' | head -5 || true)
[ -z "$leaked" ] || { echo "symbols exported that are not snmpio's:"; echo "$leaked"; exit 1; }
# No installed header pulls in a private or third-party header.
if grep -rhoE '#include [<"][^>"]+[>"]' "$dest/usr/local/include/snmpio" | grep -v -E '<snmpio/|<[a-z_]+>$' ; then
  echo "installed headers include non-standard headers (above)"; exit 1
fi

cat > "$dest/prog.cpp" <<'CPP'
#include <snmpio/snmpio.hpp>
#include <cstdio>
int main() {
  auto name = snmpio::oid::parse(".1.3.6.1.2.1.1.1.0");
  if (!name) return 1;
  std::printf("%s %s\n", snmpio::version(),
              snmpio::format_varbind({*name, snmpio::value::octet_string("installed")}).c_str());
  return 0;
}
CPP
export PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
san=""
[ -n "${SANITIZE:-}" ] && san="-fsanitize=$SANITIZE"
expect='0.1.0 .1.3.6.1.2.1.1.1.0 = STRING: "installed"'
g++ $san -o "$dest/prog" "$dest/prog.cpp" $(pkg-config --cflags --libs snmpio)
out=$(LD_LIBRARY_PATH="$lib" "$dest/prog")
[ "$out" = "$expect" ] || { echo "shared: got '$out'"; exit 1; }
g++ $san -o "$dest/prog-static" "$dest/prog.cpp" $(pkg-config --cflags snmpio) "$lib/libsnmpio.a" \
  $(pkg-config --libs --static snmpio | sed 's/-lsnmpio//')
out=$("$dest/prog-static")
[ "$out" = "$expect" ] || { echo "static: got '$out'"; exit 1; }
# And uninstall removes what install put there.
make --no-print-directory -s BUILD="$build" SANITIZE="${SANITIZE:-}" uninstall DESTDIR="$dest" PREFIX=/usr/local >/dev/null
left=$(find "$dest/usr/local" -type f | head -3)
[ -z "$left" ] || { echo "left after uninstall: $left"; exit 1; }
echo "install test: ok"
