#!/usr/bin/env bash
# make bench: runs every Google Benchmark program in $BUILD/bench (*_bench), then every
# comparison script bench/*.sh (each prints its own ratios against peers measured in the
# same run).
set -u
build=${BUILD:-build}
status=0
for b in "$build"/bench/*_bench; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" --benchmark_min_time=0.2 || status=1
done
for s in bench/*.sh; do
  [ -f "$s" ] || continue
  echo "== $(basename "$s")"
  BUILD="$build" bash "$s" || status=1
done
exit $status
