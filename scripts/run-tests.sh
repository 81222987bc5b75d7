#!/usr/bin/env bash
# Runs every test binary (GoogleTest) and test script given, prints a short report per
# program and, last, one line "N passed, N failed" totalled over all of them.
# A program that crashes or exits non-zero without a failing test counts one failure.
# Environment: BUILD (build folder), SANITIZE, TEST_TIMEOUT (seconds per program, 1500),
# GTEST_FILTER (passed through to GoogleTest).
set -u
build=${BUILD:-build}
logdir="$build/test-logs"
mkdir -p "$logdir"
limit=${TEST_TIMEOUT:-1500}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(cd "$(dirname "$0")/.." && pwd)/tests/lsan.supp:print_suppressions=0}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

total_pass=0
total_fail=0
for prog in "$@"; do
  name=$(basename "$prog")
  log="$logdir/$name.log"
  start=$(date +%s)
  if [[ "$prog" == *.sh ]]; then
    BUILD="$build" timeout "$limit" bash "$prog" >"$log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then p=1; f=0; else p=0; f=1; fi
  else
    timeout "$limit" "$prog" --gtest_color=no >"$log" 2>&1
    rc=$?
    p=$(grep -c '^\[       OK \] ' "$log")
    f=$(grep -cE '^\[  FAILED  \] .* \([0-9]+ ms\)$' "$log")
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  fi
  secs=$(( $(date +%s) - start ))
  status=ok
  [ $rc -eq 124 ] && status="TIMED OUT after ${limit}s"
  [ $rc -ne 0 ] && [ $rc -ne 124 ] && status="FAILED (exit $rc)"
  printf '%-28s %5d passed %4d failed  %4ds  %s\n' "$name" "$p" "$f" "$secs" "$status"
  if [ $rc -ne 0 ]; then
    grep -E '^\[  FAILED  \] .* \([0-9]+ ms\)$' "$log" | sed 's/^/    /'
    echo "    --- last lines of $log:"
    tail -n 25 "$log" | sed 's/^/    /'
  fi
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
done
echo "$total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ]
