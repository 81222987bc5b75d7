#!/usr/bin/env python3
"""Writes seed inputs for the fuzz corpora under tests/fuzz/corpus/.

Seeds are real messages: Net-SNMP's own tools are run with -d against a closed
loopback port, and the datagrams they print are saved. Hand-written edge cases from
../shared/reference/testing.md section A are added. `make fuzz` runs then grow the
corpus; minimized results are checked in next to these seeds.

Usage: scripts/gen-fuzz-seeds.py   (needs the snmp package: snmpget, snmptrap, ...)
"""
import hashlib
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
HOST = "udp:127.0.0.1:9"  # discard port: nothing answers

V1V2C = [
    ["snmpget", "-v2c", "-c", "public", HOST, "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.5.0"],
    ["snmpget", "-v1", "-c", "public", HOST, "1.3.6.1.2.1.1.1.0"],
    ["snmpgetnext", "-v2c", "-c", "public", HOST, "1.3.6.1.2.1.2.2.1.2"],
    ["snmpbulkget", "-v2c", "-c", "public", "-Cn1", "-Cr25", HOST, "1.3.6.1.2.1.1", "1.3.6.1.2.1.2.2"],
    ["snmpset", "-v2c", "-c", "private", HOST,
     "1.3.6.1.2.1.1.4.0", "s", "admin@example.org",
     "1.3.6.1.4.1.8072.1.1.0", "i", "-2147483648",
     "1.3.6.1.4.1.8072.1.2.0", "u", "4294967295",
     "1.3.6.1.4.1.8072.1.3.0", "t", "12345678",
     "1.3.6.1.4.1.8072.1.4.0", "a", "192.0.2.1",
     "1.3.6.1.4.1.8072.1.5.0", "o", "1.3.6.1.4.1.8072.3.2.10",
     "1.3.6.1.4.1.8072.1.6.0", "x", "00ff10ab",
     "1.3.6.1.4.1.8072.1.7.0", "d", "1.2.3.4",
     "1.3.6.1.4.1.8072.1.8.0", "b", "1 3 5"],
    ["snmpset", "-v1", "-c", "private", HOST, "1.3.6.1.2.1.1.6.0", "s", "room 101"],
    ["snmptrap", "-v1", "-c", "public", HOST, "1.3.6.1.4.1.8072", "10.1.2.3", "6", "17", "12345",
     "1.3.6.1.2.1.1.5.0", "s", "x"],
    ["snmptrap", "-v1", "-c", "public", HOST, "1.3.6.1.4.1.8072.2.3.0.1", "10.1.2.3", "0", "0", "0"],
    ["snmptrap", "-v2c", "-c", "public", HOST, "12345", "1.3.6.1.6.3.1.1.5.1",
     "1.3.6.1.2.1.1.5.0", "s", "trap host", "1.3.6.1.2.1.2.2.1.1.1", "i", "1"],
    ["snmpinform", "-v2c", "-c", "public", HOST, "0", "1.3.6.1.6.3.1.1.5.3",
     "1.3.6.1.2.1.2.2.1.1.2", "i", "2"],
]
V3 = [
    ["snmpget", "-v3", "-l", "noAuthNoPriv", "-u", "user", HOST, "1.3.6.1.2.1.1.1.0"],
    ["snmpget", "-v3", "-l", "noAuthNoPriv", "-u", "user", "-e", "0x80001f8880aabbccdd", "-n", "ctx",
     HOST, "1.3.6.1.2.1.1.1.0"],
    ["snmpget", "-v3", "-l", "authNoPriv", "-u", "user", "-a", "SHA", "-A", "maplesyrup",
     "-e", "0x000000000000000000000002", HOST, "1.3.6.1.2.1.1.1.0"],
    ["snmpget", "-v3", "-l", "authPriv", "-u", "user", "-a", "SHA-256", "-A", "maplesyrup",
     "-x", "AES", "-X", "maplesyrup", "-e", "0x000000000000000000000002", HOST, "1.3.6.1.2.1.1.1.0"],
    ["snmpget", "-v3", "-l", "authPriv", "-u", "user", "-a", "MD5", "-A", "maplesyrup",
     "-x", "DES", "-X", "maplesyrup", "-e", "0x000000000000000000000002", HOST, "1.3.6.1.2.1.1.1.0"],
    ["snmpbulkget", "-v3", "-l", "authNoPriv", "-u", "user", "-a", "SHA-512", "-A", "maplesyrup",
     "-e", "0x000000000000000000000002", HOST, "1.3.6.1.2.1.2"],
    ["snmptrap", "-v3", "-l", "authPriv", "-u", "user", "-a", "SHA", "-A", "maplesyrup",
     "-x", "AES", "-X", "maplesyrup", "-e", "0x8000000001020304", HOST, "0", "1.3.6.1.6.3.1.1.5.1"],
    ["snmptrap", "-v3", "-l", "noAuthNoPriv", "-u", "user", "-e", "0x8000000001020304", HOST, "0",
     "1.3.6.1.6.3.1.1.5.2", "1.3.6.1.2.1.1.5.0", "s", "v3 trap"],
]

# vectors.md whole messages, and testing.md section A edge cases.
HAND = {
    "message_v3": [
        "306e020103300e020101020300ffe3040105020103042c302a040c000000000000000000000002"
        "020101020102040475736572040c0000000000000000000000000400302b040c00000000000000"
        "00000000020400a019020101020100020100300e300c06082b060102010101000500",
        "3078020103300e020101020300ffe304010702010304343032040c000000000000000000000002020101020102040475"
        "736572040cb0f8f62ce86c0afef232f0cc04080000000000000003042da1e0c801971d93edb17bf7a28098f3e226150e"
        "8b170c77f7ff31d85337af8325d63899db6229056c9918220d26",
    ],
    "ber_decode": [
        "0405616263646566", "3081050500050005", "30840000000505000500050500", "3080050000000000",
        "30ff00", "3084ffffffff", "308500000000010000", "020100", "0201ff", "02020080", "0202ff7f",
        "020480000000", "02047fffffff", "0200", "02020001", "0202ff80", "02050080000000",
        "410500ffffffff", "4104ffffffff", "41050100000000", "460900ffffffffffffffff",
        "4609010000000000000000", "460a00000000000000000000", "4004c0a80001", "400301020304",
        "0500", "050100", "8000", "8100", "8200", "800100", "06032b0601", "0603813403",
        "0603883703", "06062b8fffffff7f", "06062b9080808000", "06032b8001", "06032b0681", "0600",
        "1f0100", "2403040161", "3030303030303030303030303030303030303030",
    ],
    "message_v1v2c": [
        "3012020102040 0a00b020101020100020100 3000".replace(" ", ""),
        "30130201000401 70a50b0201010201000201 0a3000".replace(" ", ""),
        "30130201010401 70af0b0201010201000201 003000".replace(" ", ""),
        "30170201010401 70a00f020500800000000201000201003000".replace(" ", ""),
        "302302010104017 0a21b020101020100020100301030060601 2b04036130060601 2b040162".replace(" ", ""),
        "30290201010406 7075626c6963a01c020476ffe757020100020100300e300c06082b060102010101000500 00".replace(" ", ""),
    ],
    "oid_text": [
        "1.3.6.1.2.1.1.1.0", ".1.3.6.1", "1", "0.0", "2.999.3", "1.3.4294967295", "1.3.4294967296",
        "", ".", "1..3", "1.3.", "a.b", " 1.3", "-1", "99999999999999999999999",
        ".".join(["1"] * 128), ".".join(["1"] * 129),
    ],
}


def dump_datagrams(cmd):
    """Runs a Net-SNMP tool with -d and returns every datagram it printed as sent."""
    full = [cmd[0], "-d", "-r", "0", "-t", "0.2"] + cmd[1:]
    if cmd[0] == "snmptrap":
        full = [cmd[0], "-d"] + cmd[1:]
    p = subprocess.run(full, capture_output=True, text=True, timeout=20,
                       env=dict(os.environ, MIBS="", SNMPCONFPATH="/nonexistent"))
    out = p.stdout + p.stderr
    datagrams, current = [], None
    for line in out.splitlines():
        m = re.match(r"^Sending (\d+) bytes", line)
        if m:
            current = (int(m.group(1)), bytearray())
            datagrams.append(current)
            continue
        m = re.match(r"^([0-9]{4}): ((?:[0-9A-F]{2} {1,2})+)", line)
        if m and current is not None:
            current[1].extend(bytes.fromhex(m.group(2).replace(" ", "")))
    return [bytes(b[:n]) for n, b in datagrams if len(b) >= n]


def save(target, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    count = 0
    for cmd in V1V2C:
        for dgram in dump_datagrams(cmd):
            save("message_v1v2c", dgram)
            save("ber_decode", dgram)
            count += 1
    for cmd in V3:
        for dgram in dump_datagrams(cmd):
            save("message_v3", dgram)
            save("ber_decode", dgram)
            count += 1
    for target, items in HAND.items():
        for item in items:
            data = item.encode() if target == "oid_text" else bytes.fromhex(item)
            save(target, data)
            count += 1
    print(f"gen-fuzz-seeds: wrote {count} seeds under tests/fuzz/corpus/", file=sys.stderr)


if __name__ == "__main__":
    main()
