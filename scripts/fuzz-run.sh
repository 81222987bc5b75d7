#!/usr/bin/env bash
# Runs each libFuzzer target (built by `make fuzz`, ASan + UBSan) for SECONDS seconds
# on a working copy of its checked-in corpus, then merges what grew the coverage back
# into tests/fuzz/corpus/<target>/ and copies any crash input there as a regression.
#   scripts/fuzz-run.sh [SECONDS] [TARGET...]      (default 600 s, every target)
set -u
secs=${1:-600}; shift || true
build=${BUILD:-build}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for b in "$build"/fuzz/*_fuzz; do targets+=("$(basename "$b" _fuzz)"); done
fi
status=0
for t in "${targets[@]}"; do
  bin="$build/fuzz/${t}_fuzz"
  work="$build/fuzz/work/$t"
  art="$build/fuzz/artifacts/$t/"
  mkdir -p "$work" "$art" "tests/fuzz/corpus/$t"
  cp -n tests/fuzz/corpus/"$t"/* "$work"/ 2>/dev/null
  echo "fuzz: $t for ${secs}s"
  "$bin" -max_total_time="$secs" -timeout=1 -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$art" "$work" >"$build/fuzz/$t.log" 2>&1
  rc=$?
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|cov:' "$build/fuzz/$t.log" | tail -3
  if [ $rc -ne 0 ]; then
    echo "fuzz: $t FAILED (exit $rc); see $build/fuzz/$t.log"; status=1
    for f in "$art"*; do [ -f "$f" ] && cp "$f" "tests/fuzz/corpus/$t/regression-$(basename "$f")"; done
  fi
  "$bin" -merge=1 "tests/fuzz/corpus/$t" "$work" >"$build/fuzz/$t.merge.log" 2>&1
  echo "fuzz: $t corpus now $(ls "tests/fuzz/corpus/$t" | wc -l) inputs"
done
exit $status
