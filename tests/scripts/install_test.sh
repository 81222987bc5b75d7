#!/usr/bin/env bash
# `make install DESTDIR=...` gives a usable install: a program built with
# `pkg-config --cflags --libs snmpio` compiles, links (shared and static) and runs, with
# PKG_CONFIG_SYSROOT_DIR and with `pkg-config --define-prefix` (also once the tree is
# moved elsewhere); snmpio.pc leaks no dependency's flags into the user's build; only the
# snmpio-* tools go to bin/.
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

# Only the command-line tools are installed as programs, not the samples (embed_poll).
bin="$dest/usr/local/bin"
test -x "$bin/snmpio-get" || { echo "snmpio-get is not installed in bin/"; exit 1; }
others=$(cd "$bin" && ls -A | grep -v '^snmpio-' || true)
[ -z "$others" ] || { echo "bin/ holds programs that are not snmpio-* tools: $others"; exit 1; }

# snmpio.pc: libdir and includedir relative to ${prefix} (for --define-prefix), and no
# dependency's flags in Cflags (spdlog's -DSPDLOG_* would change the user's own build).
pc="$lib/pkgconfig/snmpio.pc"
grep -qx 'libdir=${prefix}/lib' "$pc" || { echo "snmpio.pc: libdir is not \${prefix}/lib:"; cat "$pc"; exit 1; }
grep -qx 'includedir=${prefix}/include' "$pc" || { echo "snmpio.pc: includedir is not \${prefix}/include:"; cat "$pc"; exit 1; }

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
cflags=$(pkg-config --cflags snmpio)
case " $cflags" in
  *" -D"*) echo "pkg-config --cflags snmpio leaks defines into the user's build: $cflags"; exit 1 ;;
esac
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

# pkg-config --define-prefix: the prefix is where the .pc file is found (its ../..),
# first in the DESTDIR tree, then in a copy of it moved elsewhere.
cp -a "$dest/usr/local" "$dest/moved"
unset PKG_CONFIG_SYSROOT_DIR
for root in "$dest/usr/local" "$dest/moved"; do
  export PKG_CONFIG_PATH="$root/lib/pkgconfig"
  flags=$(pkg-config --define-prefix --cflags --libs snmpio)
  case " $flags " in
    *" -I$root/include "*" -L$root/lib "*) ;;
    *) echo "pkg-config --define-prefix in $root: $flags"; exit 1 ;;
  esac
  case " $flags" in *" -D"*) echo "pkg-config --define-prefix leaks defines: $flags"; exit 1 ;; esac
  rm -f "$dest/prog"
  g++ $san -o "$dest/prog" "$dest/prog.cpp" $flags
  out=$(LD_LIBRARY_PATH="$root/lib" "$dest/prog")
  [ "$out" = "$expect" ] || { echo "--define-prefix ($root): got '$out'"; exit 1; }
done

# And uninstall removes what install put there.
make --no-print-directory -s BUILD="$build" SANITIZE="${SANITIZE:-}" uninstall DESTDIR="$dest" PREFIX=/usr/local >/dev/null
left=$(find "$dest/usr/local" -type f | head -3)
[ -z "$left" ] || { echo "left after uninstall: $left"; exit 1; }
echo "install test: ok"
