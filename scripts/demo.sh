#!/usr/bin/env bash
# make demo: shows what snmpio can do today, using only loopback: the codec on what
# Net-SNMP's tools send, then snmpio's tools against a real Net-SNMP snmpd started on a
# free port with a temporary configuration (stopped at the end).
# Then snmpio's own agent and trap receiver: snmpio-agent (walked over v2c, read over
# v3 authPriv, sending coldStart to its trap2sink) and snmpio-trapd receiving a trap and
# an inform from snmpio-trap. Every process is stopped by pid on exit.
# Each capability that lands extends this script.
set -u
build=${BUILD:-build}
bin="$build/bin"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
export MIBS= SNMPCONFPATH=/nonexistent

step "snmpio $("$bin/snmpio-decode" -V | awk '{print $2}'): the codec decodes what Net-SNMP's tools send"
echo "\$ snmpget -d -v2c -c public udp:127.0.0.1:9 sysDescr.0 sysUpTime.0 | snmpio-decode"
snmpget -d -r 0 -t 0.2 -v2c -c public udp:127.0.0.1:9 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.3.0 2>&1 | "$bin/snmpio-decode"

step "a malformed datagram is a typed error, never a crash (30 84 FF FF FF FF: a 4 GiB length)"
"$bin/snmpio-decode" 3084FFFFFFFF0201 || true

# A real Net-SNMP agent on a free loopback port, walked and read by snmpio's tools.
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
{
  echo "agentaddress udp:127.0.0.1:$port,udp6:[::1]:$port"
  echo "rocommunity public 127.0.0.1"
  echo "rocommunity6 public ::1"
  echo "sysLocation snmpio demo"
  echo "createUser demo SHA-256 demo-auth-pass AES demo-priv-pass"
  echo "rouser demo priv"
} > "$dir/snmpd.conf"
SNMP_PERSISTENT_DIR="$dir/persist" snmpd -f -Lo -C -c "$dir/snmpd.conf" -p "$dir/pid" >"$dir/log" 2>&1 &
snmpd_pid=$!
trap 'kill $snmpd_pid 2>/dev/null; wait $snmpd_pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do
  "$bin/snmpio-get" -v2c -c public -t 0.1 -r 0 "127.0.0.1:$port" 1.3.6.1.2.1.1.3.0 >/dev/null 2>&1 && break
  sleep 0.1
done

step "snmpio-walk over SNMPv2c against Net-SNMP's snmpd on 127.0.0.1:$port"
echo "\$ snmpio-walk -v2c -c public 127.0.0.1:$port 1.3.6.1.2.1.1"
"$bin/snmpio-walk" -v2c -c public "127.0.0.1:$port" 1.3.6.1.2.1.1 | head -12

step "snmpio-bulkwalk over IPv6 (udp6:[::1]:$port), quick output"
"$bin/snmpio-bulkwalk" -v2c -c public -Oq -Cr20 "udp6:[::1]:$port" 1.3.6.1.2.1.2.2.1.2

step "snmpio-get over SNMPv3 authPriv (SHA-256 + AES-128), engine discovery included"
echo "\$ snmpio-get -v3 -l authPriv -u demo -a SHA-256 -A ... -x AES -X ... 127.0.0.1:$port sysLocation.0 sysName.0"
"$bin/snmpio-get" -v3 -l authPriv -u demo -a SHA-256 -A demo-auth-pass -x AES -X demo-priv-pass \
  "127.0.0.1:$port" 1.3.6.1.2.1.1.6.0 1.3.6.1.2.1.1.5.0

step "a wrong password is an authentication failure, not a timeout"
"$bin/snmpio-get" -v3 -l authPriv -u demo -a SHA-256 -A wrong-password -x AES -X demo-priv-pass \
  "127.0.0.1:$port" 1.3.6.1.2.1.1.6.0 || true

step "snmpio-bench: 20,000 GETs with 32 in flight against the same snmpd"
"$bin/snmpio-bench" get -v2c -c public -n 20000 -w 32 "127.0.0.1:$port" 1.3.6.1.2.1.1.5.0

# ---------------------------------------------------------------- snmpio's own agent and trap receiver
# snmpio-agent and snmpio-trapd on free loopback ports with temporary configurations;
# the agent sends coldStart to snmpio-trapd (trap2sink) when it starts.
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
aport=$(free_port)
tport=$(free_port)
jport=$(free_port)
while [ "$tport" = "$aport" ]; do tport=$(free_port); done
while [ "$jport" = "$aport" ] || [ "$jport" = "$tport" ]; do jport=$(free_port); done
pids=()
stop_all() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  pids=()
}
trap 'stop_all; kill $snmpd_pid 2>/dev/null; wait $snmpd_pid 2>/dev/null; rm -rf "$dir"' EXIT
# Waits (up to 5 s) until FILE contains TEXT.
wait_for() { for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done; return 1; }

echo "authCommunity log,net public" > "$dir/trapd.conf"
"$bin/snmpio-trapd" -f -Lo -C -c "$dir/trapd.conf" "udp:127.0.0.1:$tport" >"$dir/trapd.out" 2>"$dir/trapd.err" &
pids+=($!)
"$bin/snmpio-trapd" -f -Lo -C -c "$dir/trapd.conf" --json "udp:127.0.0.1:$jport" >"$dir/trapd.json" 2>"$dir/trapd-json.err" &
pids+=($!)
# The text form says "listening on" once its socket is bound (the JSON form prints
# notifications only: the inform sent to it below is retried until it answers).
wait_for "$dir/trapd.out" "listening on" || { echo "snmpio-trapd did not start:"; cat "$dir/trapd.err"; exit 1; }
{
  echo "rocommunity public 127.0.0.1"
  echo "sysLocation snmpio demo agent"
  echo "sysName snmpio-agent-demo"
  echo "createUser demo SHA-256 demo-auth-pass AES demo-priv-pass"
  echo "rouser demo priv"
  echo "trap2sink 127.0.0.1:$tport public"
} > "$dir/agent.conf"
"$bin/snmpio-agent" -f -Lo -C -c "$dir/agent.conf" --persistentDir="$dir/agent-persist" \
  "udp:127.0.0.1:$aport" >"$dir/agent.log" 2>&1 &
pids+=($!)
wait_for "$dir/agent.log" "started" || { echo "snmpio-agent did not start:"; cat "$dir/agent.log"; exit 1; }

step "snmpio-agent on 127.0.0.1:$aport (its configuration, snmpd.conf syntax)"
sed 's/^/    /' "$dir/agent.conf"

step "snmpio-walk over SNMPv2c against snmpio-agent"
echo "\$ snmpio-walk -v2c -c public 127.0.0.1:$aport 1.3.6.1.2.1.1"
"$bin/snmpio-walk" -v2c -c public "127.0.0.1:$aport" 1.3.6.1.2.1.1

step "snmpio-get over SNMPv3 authPriv (SHA-256 + AES-128) against snmpio-agent"
echo "\$ snmpio-get -v3 -l authPriv -u demo -a SHA-256 -A ... -x AES -X ... 127.0.0.1:$aport sysName.0 sysLocation.0"
"$bin/snmpio-get" -v3 -l authPriv -u demo -a SHA-256 -A demo-auth-pass -x AES -X demo-priv-pass \
  "127.0.0.1:$aport" 1.3.6.1.2.1.1.5.0 1.3.6.1.2.1.1.6.0

step "a trap and an inform to snmpio-trapd on 127.0.0.1:$tport"
echo "\$ snmpio-trap -v2c -c public 127.0.0.1:$tport '' IF-MIB::linkDown ifIndex.2 i 2"
"$bin/snmpio-trap" -v2c -c public "127.0.0.1:$tport" '' 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.2 i 2
echo "\$ snmpio-trap -Ci -v2c -c public 127.0.0.1:$tport '' IF-MIB::linkUp ifIndex.2 i 2   (waits for the acknowledgement)"
"$bin/snmpio-trap" -Ci -v2c -c public "127.0.0.1:$tport" '' 1.3.6.1.6.3.1.1.5.4 1.3.6.1.2.1.2.2.1.1.2 i 2 &&
  echo "inform acknowledged"
wait_for "$dir/trapd.out" "INFORM" || true

step "what snmpio-trapd printed: the agent's coldStart (snmpTrapOID.0 = 1.3.6.1.6.3.1.1.5.1), the trap, the inform"
cat "$dir/trapd.out"
grep -q "OID: .1.3.6.1.6.3.1.1.5.1" "$dir/trapd.out" || { echo "demo: no coldStart from snmpio-agent"; exit 1; }
[ "$(grep -c -v 'listening on' "$dir/trapd.out")" -ge 3 ] || { echo "demo: snmpio-trapd did not print three notifications"; exit 1; }

step "snmpio-trapd --json (on 127.0.0.1:$jport): one JSON object per notification"
echo "\$ snmpio-trap -Ci -v2c -c public 127.0.0.1:$jport '' IF-MIB::linkDown ifIndex.2 i 2"
"$bin/snmpio-trap" -Ci -r 10 -t 0.3 -v2c -c public "127.0.0.1:$jport" '' 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.2 i 2
wait_for "$dir/trapd.json" "linkDown\|1.3.6.1.6.3.1.1.5.3" || { echo "demo: no JSON line"; cat "$dir/trapd-json.err"; exit 1; }
head -1 "$dir/trapd.json"

step "stopping snmpio-agent and both snmpio-trapd (by pid)"
stop_all
echo "stopped"

if [ -x "$bin/embed_poll" ]; then
  step "the reactor, driven from a foreign poll() loop (samples/embed_poll.cpp)"
  "$bin/embed_poll"
fi
echo
