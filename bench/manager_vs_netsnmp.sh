#!/usr/bin/env bash
# make bench: snmpio's manager against Net-SNMP's async C API and a raw C floor, in the
# same run, against the same real snmpd on a free loopback port.
#
#   1. CPU per SNMPv2c GET (client process, getrusage user+sys / completed requests),
#      median of REPS alternating runs of the three clients:
#        snmpio   build/bench/manager_get_bench --get   (command_generator)
#        Net-SNMP build/bench/netsnmp_async_get       (snmp_async_send + select loop)
#        floor    build/bench/raw_snmp_floor          (pre-encoded, sendmmsg/recvmmsg)
#      Targets: snmpio <= 1/3 of Net-SNMP, snmpio <= 1.5x the floor.
#   1b. The same for SNMPv3 authPriv GETs (user benchv3: HMAC-SHA-256 + AES-128, both
#      clients given the passphrases; discovery and key localization before the
#      measurement in both), V3_REQUESTS each; the floor is the v2c floor of the same
#      repetition (no cryptography: what a UDP round trip costs at all).
#      Targets: snmpio <= 1/3 of Net-SNMP, snmpio <= 2.5x the floor.
#   2. Heap bytes per outstanding request with OUTSTANDING (100000) GETs in flight toward
#      a black hole. Target: <= 512 bytes.
#   3. CPU per response with 1,000 / 10,000 / 100,000 requests outstanding (an
#      in-process responder answering in random order). Target: flat.
#
# Environment: BUILD, REQUESTS (20000), V3_REQUESTS (10000), WINDOW (32), REPS (5),
# OUTSTANDING (100000), SCALING (1000,10000,100000), SCALING_RESPONSES (100000).
set -u
build=${BUILD:-build}
count=${REQUESTS:-20000}
v3_count=${V3_REQUESTS:-10000}
v3_user=(-u benchv3 -A bench-auth-pass -X bench-priv-pass)
window=${WINDOW:-32}
reps=${REPS:-5}
outstanding=${OUTSTANDING:-100000}
scaling=${SCALING:-1000,10000,100000}
scaling_responses=${SCALING_RESPONSES:-100000}
ours="$build/bench/manager_get_bench"
peer="$build/bench/netsnmp_async_get"
floor="$build/bench/raw_snmp_floor"
for b in "$ours" "$peer" "$floor"; do
  [ -x "$b" ] || { echo "manager_vs_netsnmp: $b is missing (make bench builds it)"; exit 1; }
done
command -v snmpd >/dev/null || { echo "manager_vs_netsnmp: snmpd is not installed (scripts/deps.sh installs it)"; exit 1; }

dir=$(mktemp -d)
snmpd_pid=
cleanup() {
  if [ -n "$snmpd_pid" ]; then
    kill "$snmpd_pid" 2>/dev/null
    wait "$snmpd_pid" 2>/dev/null
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# snmpd as tests/support/snmpd_fixture.hpp starts it: foreground, logging to a file,
# only our configuration, a private persistent directory, no MIBs.
start_snmpd() {
  local attempt
  mkdir -p "$dir/persist"
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    cat >"$dir/snmpd.conf" <<EOF
agentaddress udp:127.0.0.1:$port
rocommunity public 127.0.0.1
createUser benchv3 SHA-256 bench-auth-pass AES bench-priv-pass
rouser benchv3 priv
sysContact snmpio-bench@example.org
sysServices 72
EOF
    SNMP_PERSISTENT_DIR="$dir/persist" MIBS= SNMPCONFPATH="$dir/none" \
      snmpd -f -Lo -C -c "$dir/snmpd.conf" -p "$dir/snmpd.pid" >"$dir/snmpd.log" 2>&1 &
    snmpd_pid=$!
    local i
    for i in $(seq 1 50); do
      kill -0 "$snmpd_pid" 2>/dev/null || break
      if "$floor" "$port" 1 1 >/dev/null 2>&1; then return 0; fi
      sleep 0.1
    done
    kill "$snmpd_pid" 2>/dev/null
    wait "$snmpd_pid" 2>/dev/null
    snmpd_pid=
  done
  echo "manager_vs_netsnmp: snmpd did not start:"
  cat "$dir/snmpd.log"
  return 1
}

verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r <= t) ? "met" : "MISSED"}'; }
# Per-repetition ratios a[i]/b[i] of two space-separated lists, one per line.
ratios() {
  local -a a=($1) b=($2)
  local i
  for ((i = 0; i < ${#a[@]}; i++)); do awk -v x="${a[$i]}" -v y="${b[$i]}" 'BEGIN {printf "%.3f\n", x / y}'; done
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
per_req() { sed -n 's/.*ok=\([0-9]*\) err=\([0-9]*\).*cpu_us_per_req=\([0-9.]*\).*/\1 \2 \3/p'; }

# Runs one client that sends N requests, checks that every one succeeded, prints its CPU
# us per request.
run_client() {
  local name=$1 n=$2
  shift 2
  local line ok err cpu
  line=$("$@" | per_req)
  read -r ok err cpu <<<"$line"
  if [ -z "${ok:-}" ] || [ "$err" != 0 ] || [ "$ok" != "$n" ]; then
    echo "manager_vs_netsnmp: $name failed: ok=${ok:-?} err=${err:-?}" >&2
    return 1
  fi
  echo "$cpu"
}

start_snmpd || exit 1
status=0

# Warm-up: snmpd's caches and the page cache, for all three alike.
"$floor" "$port" 2000 "$window" >/dev/null
"$peer" "$port" 2000 "$window" >/dev/null
"$ours" --get "$port" 2000 "$window" >/dev/null

ours_runs=() ; peer_runs=() ; floor_runs=()
for ((i = 0; i < reps; i++)); do
  o=$(run_client snmpio "$count" "$ours" --get "$port" "$count" "$window") || { status=1; break; }
  p=$(run_client net-snmp "$count" "$peer" "$port" "$count" "$window") || { status=1; break; }
  f=$(run_client floor "$count" "$floor" "$port" "$count" "$window") || { status=1; break; }
  ours_runs+=("$o"); peer_runs+=("$p"); floor_runs+=("$f")
done
if [ "$status" = 0 ]; then
  o_med=$(printf '%s\n' "${ours_runs[@]}" | median)
  p_med=$(printf '%s\n' "${peer_runs[@]}" | median)
  f_med=$(printf '%s\n' "${floor_runs[@]}" | median)
  # Ratios within each repetition (the three clients ran back to back against the same
  # snmpd under the same load), then their median: steadier than a ratio of medians.
  peer_ratios=() ; floor_ratios=()
  for ((i = 0; i < ${#ours_runs[@]}; i++)); do
    peer_ratios+=("$(awk -v a="${ours_runs[$i]}" -v b="${peer_runs[$i]}" 'BEGIN {printf "%.3f", a / b}')")
    floor_ratios+=("$(awk -v a="${ours_runs[$i]}" -v b="${floor_runs[$i]}" 'BEGIN {printf "%.3f", a / b}')")
  done
  vs_peer=$(printf '%s\n' "${peer_ratios[@]}" | median)
  vs_floor=$(printf '%s\n' "${floor_ratios[@]}" | median)
  echo "SNMPv2c GET of sysUpTime.0 from snmpd on 127.0.0.1, $count requests, $window in flight, median of $reps"
  echo "  snmpio command_generator:      $o_med us CPU per request   runs: ${ours_runs[*]}"
  echo "  Net-SNMP async API (C):        $p_med us CPU per request   runs: ${peer_runs[*]}"
  echo "  raw floor (C, sendmmsg/recvmmsg): $f_med us CPU per request   runs: ${floor_runs[*]}"
  echo "  snmpio/Net-SNMP: $vs_peer (target <= 0.33: $(verdict "$vs_peer" 0.33))   per run: ${peer_ratios[*]}"
  echo "  snmpio/floor:    $vs_floor (target <= 1.5: $(verdict "$vs_floor" 1.5))   per run: ${floor_ratios[*]}"
fi

# SNMPv3 authPriv (SHA-256 + AES-128), against the same snmpd. Each repetition runs
# snmpio, Net-SNMP and the v2c floor back to back, as above.
if [ "$status" = 0 ]; then
  "$peer" "${v3_user[@]}" "$port" 2000 "$window" >/dev/null
  "$ours" --get "${v3_user[@]}" "$port" 2000 "$window" >/dev/null
  v3_ours=() ; v3_peer=() ; v3_floor=()
  for ((i = 0; i < reps; i++)); do
    o=$(run_client "snmpio v3" "$v3_count" "$ours" --get "${v3_user[@]}" "$port" "$v3_count" "$window") || { status=1; break; }
    p=$(run_client "net-snmp v3" "$v3_count" "$peer" "${v3_user[@]}" "$port" "$v3_count" "$window") || { status=1; break; }
    f=$(run_client floor "$v3_count" "$floor" "$port" "$v3_count" "$window") || { status=1; break; }
    v3_ours+=("$o"); v3_peer+=("$p"); v3_floor+=("$f")
  done
  if [ "$status" = 0 ]; then
    o_med=$(printf '%s\n' "${v3_ours[@]}" | median)
    p_med=$(printf '%s\n' "${v3_peer[@]}" | median)
    f_med=$(printf '%s\n' "${v3_floor[@]}" | median)
    mapfile -t v3_peer_ratios < <(ratios "${v3_ours[*]}" "${v3_peer[*]}")
    mapfile -t v3_floor_ratios < <(ratios "${v3_ours[*]}" "${v3_floor[*]}")
    mapfile -t netsnmp_floor_ratios < <(ratios "${v3_peer[*]}" "${v3_floor[*]}")
    vs_peer=$(printf '%s\n' "${v3_peer_ratios[@]}" | median)
    vs_floor=$(printf '%s\n' "${v3_floor_ratios[@]}" | median)
    peer_floor=$(printf '%s\n' "${netsnmp_floor_ratios[@]}" | median)
    echo "SNMPv3 authPriv (HMAC-SHA-256 + AES-128) GET of sysUpTime.0 from the same snmpd, $v3_count requests, $window in flight, median of $reps"
    echo "  snmpio command_generator:      $o_med us CPU per request   runs: ${v3_ours[*]}"
    echo "  Net-SNMP async API (C):        $p_med us CPU per request   runs: ${v3_peer[*]}"
    echo "  raw floor (C, v2c, no crypto): $f_med us CPU per request   runs: ${v3_floor[*]}"
    echo "  snmpio/Net-SNMP: $vs_peer (target <= 0.33: $(verdict "$vs_peer" 0.33))   per run: ${v3_peer_ratios[*]}"
    echo "  snmpio/floor:    $vs_floor (target <= 2.5: $(verdict "$vs_floor" 2.5))   per run: ${v3_floor_ratios[*]}"
    echo "  Net-SNMP/floor:  $peer_floor"
  fi
fi

kill "$snmpd_pid" 2>/dev/null
wait "$snmpd_pid" 2>/dev/null
snmpd_pid=

line=$("$ours" --outstanding "$outstanding") || status=1
bytes=$(sed -n 's/.*heap_bytes_per_request=\([0-9.]*\).*/\1/p' <<<"$line")
echo "Memory with $outstanding requests outstanding (toward a black hole):"
echo "  $line"
if [ -n "$bytes" ]; then
  echo "  heap bytes per outstanding request: $bytes (target <= 512: $(awk -v b="$bytes" 'BEGIN {print (b <= 512) ? "met" : "MISSED"}'))"
fi

echo "CPU per response with N outstanding (in-process responder, random order, $scaling_responses responses each):"
scaling_out=$("$ours" --scaling "$scaling" "$scaling_responses") || status=1
printf '%s\n' "$scaling_out" | sed 's/^/  /'
first=$(sed -n '1s/.*cpu_us_per_response=\([0-9.]*\).*/\1/p' <<<"$scaling_out")
last=$(sed -n '$s/.*cpu_us_per_response=\([0-9.]*\).*/\1/p' <<<"$scaling_out")
if [ -n "$first" ] && [ -n "$last" ]; then
  echo "  largest/smallest: $(awk -v a="$last" -v b="$first" 'BEGIN {printf "%.2f", a / b}') (flat: close to 1)"
fi
exit $status
