#!/usr/bin/env bash
# make demo: shows what snmpio can do today, using only loopback.
# Each capability that lands extends this script.
set -u
build=${BUILD:-build}
bin="$build/bin"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
export MIBS= SNMPCONFPATH=/nonexistent

step "snmpio $("$bin/snmpio-decode" -V | awk '{print $2}'): the codec decodes what Net-SNMP's tools send"
echo "\$ snmpget -d -v2c -c public udp:127.0.0.1:9 sysDescr.0 sysUpTime.0 | snmpio-decode"
snmpget -d -r 0 -t 0.2 -v2c -c public udp:127.0.0.1:9 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.1.3.0 2>&1 | "$bin/snmpio-decode"

step "an SNMPv1 trap from snmptrap"
snmptrap -d -v1 -c public udp:127.0.0.1:9 1.3.6.1.4.1.8072.2.3 192.0.2.7 6 42 12345 \
  1.3.6.1.2.1.1.5.0 s "demo host" 1.3.6.1.2.1.2.2.1.10.1 c 4000000000 2>&1 | "$bin/snmpio-decode"

step "an SNMPv3 authPriv GET (SHA-256 + AES) from snmpget: the envelope and USM parameters"
snmpget -d -r 0 -t 0.2 -v3 -l authPriv -u demo -a SHA-256 -A demopassword -x AES -X demopassword \
  -e 0x80001f8880aabbccdd udp:127.0.0.1:9 1.3.6.1.2.1.1.1.0 2>&1 | "$bin/snmpio-decode"

step "a malformed datagram is a typed error, never a crash (30 84 FF FF FF FF: a 4 GiB length)"
"$bin/snmpio-decode" 3084FFFFFFFF0201 || true

if [ -x "$bin/embed_poll" ]; then
  step "the reactor, driven from a foreign poll() loop (samples/embed_poll.cpp)"
  "$bin/embed_poll"
fi
echo
