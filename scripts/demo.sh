#!/usr/bin/env bash
# make demo: shows what snmpio can do today, using only loopback: the codec on what
# Net-SNMP's tools send, then snmpio's tools against a real Net-SNMP snmpd started on a
# free port with a temporary configuration (stopped at the end).
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

if [ -x "$bin/embed_poll" ]; then
  step "the reactor, driven from a foreign poll() loop (samples/embed_poll.cpp)"
  "$bin/embed_poll"
fi
echo
