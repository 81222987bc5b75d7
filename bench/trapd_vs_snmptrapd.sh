#!/usr/bin/env bash
# make bench: snmpio-trapd against Net-SNMP's snmptrapd, in the same run, under the same
# sender (build/bench/trap_blaster: pre-encoded SNMPv2c traps, sendmmsg).
#
#   1. Paced: TRAPS traps at RATE per second to each receiver in turn; CPU per trap is
#      the receiver's on-CPU time (/proc/PID/schedstat, first field, ns) over the traps
#      it actually logged. Both log one line per trap to a file:
#        snmpio   build/bin/snmpio-trapd -c CONF ADDR > FILE      (one line per trap, flushed)
#        Net-SNMP snmptrapd -f -C -c CONF -On -Lf FILE -F '...'  (one line per trap)
#      Median of REPS alternating runs.
#   2. Flood: FLOOD traps as fast as the sender goes; traps logged, and logged per
#      second (logged / (time of the last line - start)).
#
# Environment: BUILD, TRAPS (20000), RATE (10000), REPS (3), FLOOD (100000).
set -u
build=${BUILD:-build}
traps=${TRAPS:-20000}
rate=${RATE:-10000}
reps=${REPS:-3}
flood=${FLOOD:-100000}
ours="$build/bin/snmpio-trapd"
blaster="$build/bench/trap_blaster"
for b in "$ours" "$blaster"; do
  [ -x "$b" ] || { echo "trapd_vs_snmptrapd: $b is missing (make bench builds it)"; exit 1; }
done
command -v snmptrapd >/dev/null || { echo "trapd_vs_snmptrapd: snmptrapd is not installed (scripts/deps.sh)"; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

printf 'authCommunity log public\n' >"$tmp/trapd.conf"
printf 'authCommunity log public\ndoNotLogTraps no\n' >"$tmp/snmptrapd.conf"
theirs_port=$(free_port)
ours_port=$(free_port)
mkdir -p "$tmp/persist"
SNMP_PERSISTENT_DIR="$tmp/persist" MIBS= SNMPCONFPATH="$tmp/none" snmptrapd -f -C -c "$tmp/snmptrapd.conf" -On \
  -Lf "$tmp/theirs.log" -F 'TRAP %b %v\n' "udp:127.0.0.1:$theirs_port" >"$tmp/theirs.err" 2>&1 &
theirs_pid=$!
pids+=("$theirs_pid")
"$ours" -f -Lo -C -c "$tmp/trapd.conf" "udp:127.0.0.1:$ours_port" >"$tmp/ours.log" 2>"$tmp/ours.err" &
ours_pid=$!
pids+=("$ours_pid")

lines() { grep -c "^TRAP \|TRAP2:" "$1" 2>/dev/null || true; }
# Sends one trap to each until it is logged (readiness).
for who in ours theirs; do
  port=$ours_port; [ $who = theirs ] && port=$theirs_port
  ok=0
  for _ in $(seq 1 50); do
    "$blaster" 127.0.0.1 "$port" 1 0 >/dev/null
    sleep 0.1
    [ "$(lines "$tmp/$who.log")" -gt 0 ] && { ok=1; break; }
  done
  [ $ok = 1 ] || { echo "trapd_vs_snmptrapd: $who does not log traps"; cat "$tmp"/*.err; exit 1; }
done

oncpu_ns() { awk '{print $1}' "/proc/$1/schedstat"; }
# Waits until FILE's trap count stops growing (0.3 s without change, at most 20 s).
settle() {
  local last=-1 cur
  for _ in $(seq 1 200); do
    cur=$(lines "$1")
    [ "$cur" = "$last" ] && return
    last=$cur
    sleep 0.3
  done
}
# run WHO COUNT RATE -> "logged cpu_ns seconds"
run() {
  local who=$1 n=$2 r=$3 port pid before_l before_c start end
  port=$ours_port; pid=$ours_pid
  [ "$who" = theirs ] && { port=$theirs_port; pid=$theirs_pid; }
  before_l=$(lines "$tmp/$who.log")
  before_c=$(oncpu_ns "$pid")
  start=$(date +%s.%N)
  "$blaster" 127.0.0.1 "$port" "$n" "$r" >/dev/null
  settle "$tmp/$who.log"
  end=$(date -r "$tmp/$who.log" +%s.%N)  # the last line's write
  echo "$(( $(lines "$tmp/$who.log") - before_l )) $(( $(oncpu_ns "$pid") - before_c ))" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b-a}')"
}
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

echo "paced: $traps SNMPv2c traps at $rate/s to each receiver, $reps alternating runs (median)"
: >"$tmp/ours.us"; : >"$tmp/theirs.us"
for i in $(seq 1 "$reps"); do
  for who in ours theirs; do
    read -r got cpu secs < <(run $who "$traps" "$rate")
    us=$(awk -v c="$cpu" -v n="$got" 'BEGIN{ if (n>0) printf "%.2f", c/n/1000; else print "inf" }')
    echo "$us" >>"$tmp/$who.us"
    printf '  run %d %-9s logged %6d/%d  cpu %8.1f ms  %s us/trap\n' "$i" \
      "$([ $who = ours ] && echo snmpio || echo snmptrapd)" "$got" "$traps" "$(awk -v c="$cpu" 'BEGIN{print c/1e6}')" "$us"
  done
done
ours_us=$(median <"$tmp/ours.us")
theirs_us=$(median <"$tmp/theirs.us")

echo "flood: $flood SNMPv2c traps as fast as the sender goes"
read -r ours_got _ ours_secs < <(run ours "$flood" 0)
read -r theirs_got _ theirs_secs < <(run theirs "$flood" 0)
ours_rate=$(awk -v n="$ours_got" -v s="$ours_secs" 'BEGIN{printf "%.0f", n/s}')
theirs_rate=$(awk -v n="$theirs_got" -v s="$theirs_secs" 'BEGIN{printf "%.0f", n/s}')

echo
printf '%-28s %12s %12s %8s\n' "" "snmpio-trapd" "snmptrapd" "ratio"
printf '%-28s %12s %12s %8s\n' "CPU us per logged trap" "$ours_us" "$theirs_us" \
  "$(awk -v a="$ours_us" -v b="$theirs_us" 'BEGIN{printf "%.2f", a/b}')"
printf '%-28s %12s %12s\n' "flood: logged of $flood" "$ours_got" "$theirs_got"
printf '%-28s %12s %12s %8s\n' "flood: logged traps/s" "$ours_rate" "$theirs_rate" \
  "$(awk -v a="$ours_rate" -v b="$theirs_rate" 'BEGIN{printf "%.2f", a/b}')"
