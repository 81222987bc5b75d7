#!/usr/bin/env python3
"""Writes the seed inputs of the agent_receive fuzz target (tests/fuzz/agent_receive_fuzz.cpp)
into tests/fuzz/corpus/agent_receive/: hand-encoded BER, one file per message kind."""
import os
import sys


def tlv(t, b):
    n = len(b)
    if n < 128:
        length = bytes([n])
    elif n < 256:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82, n >> 8, n & 255])
    return bytes([t]) + length + b


def integer(v):
    b = v.to_bytes(4, 'big', signed=True)
    while len(b) > 1 and ((b[0] == 0 and b[1] < 128) or (b[0] == 255 and b[1] >= 128)):
        b = b[1:]
    return tlv(2, b)


def oid(s):
    a = [int(x) for x in s.split('.')]
    out = bytes([a[0] * 40 + a[1]])
    for x in a[2:]:
        enc = [x & 127]
        x >>= 7
        while x:
            enc.append(0x80 | (x & 127))
            x >>= 7
        out += bytes(reversed(enc))
    return tlv(6, out)


def vb(o, val=b'\x05\x00'):
    return tlv(0x30, oid(o) + val)


def pdu(t, rid, es, ei, vbs):
    return tlv(t, integer(rid) + integer(es) + integer(ei) + tlv(0x30, b''.join(vbs)))


def comm(ver, c, p):
    return tlv(0x30, integer(ver) + tlv(4, c) + p)


def scoped(ce, cn, p):
    return tlv(0x30, tlv(4, ce) + tlv(4, cn) + p)


EID = b'\x80\x00\x1f\x88\x80\x11\x22\x33\x44'
PROBE = tlv(0x30, integer(3) + tlv(0x30, integer(1) + integer(65507) + tlv(4, b'\x04') + integer(3)) +
            tlv(4, tlv(0x30, tlv(4, b'') + integer(0) + integer(0) + tlv(4, b'') + tlv(4, b'') + tlv(4, b''))) +
            scoped(b'', b'', pdu(0xa0, 6, 0, 0, [])))
SEEDS = {
    'v2c_get': b'\x00' + comm(1, b'public', pdu(0xa0, 1, 0, 0, [vb('1.3.6.1.2.1.1.1.0')])),
    'v1_getnext': b'\x00' + comm(0, b'public', pdu(0xa1, 2, 0, 0, [vb('1.3.6.1.2.1.1')])),
    'v2c_bulk': b'\x00' + comm(1, b'public', pdu(0xa5, 3, 1, 50, [vb('1.3'), vb('1.3.6.1.6')])),
    'v2c_set': b'\x00' + comm(1, b'public', pdu(0xa3, 4, 0, 0, [vb('1.3.6.1.2.1.1.5.0', tlv(4, b'x'))])),
    'v2c_badcomm': b'\x00' + comm(1, b'publiC', pdu(0xa0, 5, 0, 0, [vb('1.3.6.1.2.1.1.1.0')])),
    'v2c_inform': b'\x00' + comm(1, b'public', pdu(0xa6, 11, 0, 0, [vb('1.3.6.1.2.1.1.3.0', tlv(0x43, b'\x05'))])),
    'v3_probe': b'\x00' + PROBE,
    'v3_get': b'\x01' + scoped(EID, b'', pdu(0xa0, 7, 0, 0, [vb('1.3.6.1.2.1.1.1.0')])),
    'v3_ctx_bulk': b'\x01' + scoped(EID, b'ctx', pdu(0xa5, 8, 0, 1000, [vb('1.3')])),
    'v3_unknown_ctx': b'\x02\x04' + scoped(EID, b'nosuch', pdu(0xa1, 9, 0, 0, [vb('1.3.6.1.6.3.1')])),
    'v3_trap': b'\x01' + scoped(EID, b'', pdu(0xa7, 10, 0, 0, [vb('1.3.6.1.2.1.1.3.0', tlv(0x43, b'\x01')),
                                                               vb('1.3.6.1.6.3.1.1.4.1.0', oid('1.3.6.1.6.3.1.1.5.1'))])),
    'v3_set': b'\x01' + scoped(EID, b'', pdu(0xa3, 12, 0, 0, [vb('1.3.6.1.2.1.1.6.0', tlv(4, b'here'))])),
}

out = sys.argv[1] if len(sys.argv) > 1 else 'tests/fuzz/corpus/agent_receive'
os.makedirs(out, exist_ok=True)
for name, data in SEEDS.items():
    with open(os.path.join(out, 'seed-' + name), 'wb') as f:
        f.write(data)
