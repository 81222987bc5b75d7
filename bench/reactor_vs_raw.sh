#!/usr/bin/env bash
# make bench: the reactor's UDP request/response loop against a plain C
# recvmmsg/sendmmsg loop, in the same run, against the same C echo server.
# Prints CPU microseconds per round trip (client process, getrusage) for each, as the
# median of REPS alternating runs, and their ratio. Target: ratio <= 1.2.
# Environment: BUILD, ROUND_TRIPS (200000), WINDOW (16 in flight), REPS (5).
set -u
build=${BUILD:-build}
raw="$build/bench/raw_udp_loop"
rct="$build/bench/reactor_roundtrip_bench"
count=${ROUND_TRIPS:-200000}
window=${WINDOW:-16}
reps=${REPS:-5}
for b in "$raw" "$rct"; do
  [ -x "$b" ] || { echo "reactor_vs_raw: $b is missing (make bench builds it)"; exit 1; }
done

fifo=$(mktemp -u)
mkfifo "$fifo"
"$raw" server 0 >"$fifo" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$fifo"' EXIT
read -r _ port <"$fifo"
[ -n "${port:-}" ] || { echo "reactor_vs_raw: echo server did not start"; exit 1; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
per_rt() { sed -n 's/.*round_trips=\([0-9]*\) cpu_us=\([0-9.]*\).*/\2 \1/p' | awk '{printf "%.3f\n", $1/$2}'; }

raw_runs=() ; rct_runs=()
# A short warm-up of both, then alternate so drift and noise hit both alike.
"$raw" client "$port" 20000 "$window" >/dev/null || exit 1
"$rct" --roundtrip "$port" 20000 "$window" >/dev/null || exit 1
for ((i = 0; i < reps; i++)); do
  r=$("$raw" client "$port" "$count" "$window" | per_rt) || exit 1
  s=$("$rct" --roundtrip "$port" "$count" "$window" | per_rt) || exit 1
  [ -n "$r" ] && [ -n "$s" ] || { echo "reactor_vs_raw: a client failed"; exit 1; }
  raw_runs+=("$r"); rct_runs+=("$s")
done
raw_med=$(printf '%s\n' "${raw_runs[@]}" | median)
rct_med=$(printf '%s\n' "${rct_runs[@]}" | median)
ratio=$(awk -v a="$rct_med" -v b="$raw_med" 'BEGIN {printf "%.2f", a / b}')
echo "UDP request/response over 127.0.0.1, $count round trips, $window in flight, median of $reps"
echo "  raw recvmmsg/sendmmsg loop (C): $raw_med us CPU per round trip   runs: ${raw_runs[*]}"
echo "  snmpio reactor + udp_socket:    $rct_med us CPU per round trip   runs: ${rct_runs[*]}"
echo "  ratio reactor/raw: $ratio (target <= 1.2)"
