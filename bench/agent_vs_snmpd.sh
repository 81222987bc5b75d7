#!/usr/bin/env bash
# make bench: snmpio-agent against Net-SNMP's snmpd and a raw UDP echo server, in the
# same run, under the same client.
#
#   1. CPU per answered SNMPv2c GET, on the agent side: the agent process's on-CPU time
#      (/proc/PID/schedstat, nanoseconds) over a run of AGENT_REQUESTS GETs of
#      sysUpTime.0 from build/bench/raw_snmp_floor (pre-encoded, sendmmsg/recvmmsg,
#      WINDOW in flight), divided by the answers. Median of REPS alternating runs.
#        snmpio   build/bin/snmpio-agent -f -Lo -C -c CONF    (command_responder + built-ins)
#        Net-SNMP snmpd -f -Lo -C -c CONF                      (the same CONF)
#        floor    build/bench/raw_udp_loop snmp-server       (echoes each GET as a Response)
#      Targets: snmpio <= 1/5 of snmpd, snmpio <= 2x the floor.
#   2. A flood of FLOOD datagrams (a third valid GETs, a third wrong community, a third
#      garbage, sent as fast as the client goes) while a control snmpget must still be
#      answered, and snmpio-agent's resident memory before and after (flat: the agent
#      keeps nothing per datagram).
#
# Environment: BUILD, AGENT_REQUESTS (50000), WINDOW (32), REPS (5), FLOOD (200000).
set -u
build=${BUILD:-build}
count=${AGENT_REQUESTS:-50000}
window=${WINDOW:-32}
reps=${REPS:-5}
flood=${FLOOD:-200000}
ours="$build/bin/snmpio-agent"
client="$build/bench/raw_snmp_floor"
echo_server="$build/bench/raw_udp_loop"
for b in "$ours" "$client" "$echo_server"; do
  [ -x "$b" ] || { echo "agent_vs_snmpd: $b is missing (make bench builds it)"; exit 1; }
done
command -v snmpd >/dev/null || { echo "agent_vs_snmpd: snmpd is not installed (scripts/deps.sh installs it)"; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

cat >"$tmp/agent.conf" <<CONF
rocommunity public 127.0.0.1
sysDescr agent bench
sysName bench
CONF

snmpd_port=$(free_port)
mkdir -p "$tmp/snmpd-persist" "$tmp/ours-persist"
SNMP_PERSISTENT_DIR="$tmp/snmpd-persist" MIBS= snmpd -f -Lo -C -c "$tmp/agent.conf" -p "$tmp/snmpd.pid" \
  "udp:127.0.0.1:$snmpd_port" >"$tmp/snmpd.log" 2>&1 &
snmpd_pid=$!
pids+=("$snmpd_pid")
ours_port=$(free_port)
"$ours" -f -Lo -C -c "$tmp/agent.conf" --persistentDir="$tmp/ours-persist" "udp:127.0.0.1:$ours_port" \
  >"$tmp/ours.log" 2>&1 &
ours_pid=$!
pids+=("$ours_pid")
echo_port=$(free_port)
"$echo_server" snmp-server "$echo_port" >"$tmp/echo.log" 2>&1 &
echo_pid=$!
pids+=("$echo_pid")

# Wait until both agents answer.
for port in "$snmpd_port" "$ours_port"; do
  ok=0
  for _ in $(seq 1 50); do
    if env MIBS= snmpget -v2c -c public -t 0.2 -r 0 "127.0.0.1:$port" 1.3.6.1.2.1.1.3.0 >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.1
  done
  [ $ok = 1 ] || { echo "agent_vs_snmpd: agent on port $port does not answer"; cat "$tmp"/*.log; exit 1; }
done

for _ in $(seq 1 50); do grep -q '^port' "$tmp/echo.log" && break; sleep 0.1; done

oncpu_ns() { awk '{print $1}' "/proc/$1/schedstat"; }

# Prints the agent's ns of CPU per answered GET for one run.
run_one() {  # pid port
  local before after out okn
  before=$(oncpu_ns "$1")
  out=$("$client" "$2" "$count" "$window" 1.3.6.1.2.1.1.3.0)
  after=$(oncpu_ns "$1")
  okn=$(sed -n 's/.*ok=\([0-9]*\).*/\1/p' <<<"$out")
  [ "${okn:-0}" -gt 0 ] || { echo "agent_vs_snmpd: no answers: $out" >&2; echo 0; return; }
  echo $(((after - before) / okn))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ours_runs=()
peer_runs=()
floor_runs=()
for _ in $(seq 1 "$reps"); do
  ours_runs+=("$(run_one "$ours_pid" "$ours_port")")
  peer_runs+=("$(run_one "$snmpd_pid" "$snmpd_port")")
  floor_runs+=("$(run_one "$echo_pid" "$echo_port")")
done
o=$(printf '%s\n' "${ours_runs[@]}" | median)
p=$(printf '%s\n' "${peer_runs[@]}" | median)
f=$(printf '%s\n' "${floor_runs[@]}" | median)
echo "agent CPU per answered v2c GET (median of $reps x $count, window $window):"
echo "  snmpio-agent $(awk -v n="$o" 'BEGIN{printf "%.2f", n/1000}') us   runs(ns): ${ours_runs[*]}"
echo "  snmpd        $(awk -v n="$p" 'BEGIN{printf "%.2f", n/1000}') us   runs(ns): ${peer_runs[*]}"
echo "  raw floor    $(awk -v n="$f" 'BEGIN{printf "%.2f", n/1000}') us   runs(ns): ${floor_runs[*]}"
status=0
if [ "$o" -gt 0 ] && [ "$p" -gt 0 ] && [ "$f" -gt 0 ]; then
  awk -v o="$o" -v p="$p" -v f="$f" 'BEGIN{
    printf "  snmpio-agent / snmpd = %.3f (target <= 0.2: %s)\n", o/p, (o/p <= 0.2 ? "met" : "MISSED");
    printf "  snmpio-agent / floor = %.2f (target <= 2: %s)\n", o/f, (o/f <= 2 ? "met" : "MISSED");
  }'
else
  status=1
fi

# 2. Flood: valid, wrong-community and garbage datagrams, with a control GET meanwhile.
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
rss_before=$(rss_kb "$ours_pid")
/usr/bin/python3 - "$ours_port" "$flood" >"$tmp/flood.log" 2>&1 <<'PY' &
import socket, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
# A valid v2c GET of sysUpTime.0 (community public), one with a wrong community, garbage.
def get(comm, rid):
    oid = bytes([0x06, 0x08, 0x2b, 6, 1, 2, 1, 1, 3, 0])
    vb = bytes([0x30, len(oid) + 2]) + oid + b"\x05\x00"
    vbl = bytes([0x30, len(vb)]) + vb
    body = b"\x02\x04" + rid.to_bytes(4, "big") + b"\x02\x01\x00\x02\x01\x00" + vbl
    pdu = bytes([0xa0, len(body)]) + body
    msg = b"\x02\x01\x01" + bytes([0x04, len(comm)]) + comm + pdu
    return bytes([0x30, len(msg)]) + msg
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
msgs = [get(b"public", 7), get(b"wrong!", 8), b"\x30\x84\xff\xff\xff\xff\x02\x01"]
for i in range(n):
    try:
        s.sendto(msgs[i % 3], ("127.0.0.1", port))
    except OSError:
        pass
PY
flood_pid=$!
sleep 0.2
start=$(date +%s%N)
control=$(env MIBS= snmpget -v2c -c public -t 1 -r 5 -On "127.0.0.1:$ours_port" 1.3.6.1.2.1.1.5.0 2>&1)
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
wait "$flood_pid"
sleep 0.5
rss_after=$(rss_kb "$ours_pid")
echo "flood of $flood datagrams (1/3 valid, 1/3 wrong community, 1/3 garbage):"
echo "  control GET during the flood: ${elapsed_ms} ms: $control"
echo "  snmpio-agent RSS before ${rss_before} kB, after ${rss_after} kB"
case "$control" in
  *'STRING: "bench"'*) ;;
  *) echo "  control GET FAILED"; status=1 ;;
esac
exit $status
