"""A PySNMP (4.4) SNMPv3 agent for snmpio's interop tests: the peer for the privacy
protocols Net-SNMP lacks (3DES) and for PySNMP's own AES-192/256 key extensions.

    python3 tests/support/pysnmp_agent.py PORT

Listens on 127.0.0.1:PORT, serves PySNMP's default SNMPv2-MIB objects (sysDescr,
sysObjectID, ...) to GET and GETNEXT, prints "ready" once listening and exits on
SIGTERM. The users (USERS below) are what the C++ test asks with.
"""
import signal
import sys

from pysnmp.carrier.asyncore.dgram import udp
from pysnmp.entity import config, engine
from pysnmp.entity.rfc3413 import cmdrsp, context

# name -> (auth protocol, auth passphrase, priv protocol, priv passphrase)
USERS = {
    "u-3des-md5": (config.usmHMACMD5AuthProtocol, "authpass-3des-md5",
                   config.usm3DESEDEPrivProtocol, "privpass-3des-md5"),
    "u-3des-sha": (config.usmHMACSHAAuthProtocol, "authpass-3des-sha",
                   config.usm3DESEDEPrivProtocol, "privpass-3des-sha"),
    "u-aes128": (config.usmHMACSHAAuthProtocol, "authpass-aes128",
                 config.usmAesCfb128Protocol, "privpass-aes128"),
    "u-aes192-blumenthal": (config.usmHMACSHAAuthProtocol, "authpass-aes192b",
                            config.usmAesBlumenthalCfb192Protocol, "privpass-aes192b"),
    "u-aes256-blumenthal": (config.usmHMACSHAAuthProtocol, "authpass-aes256b",
                            config.usmAesBlumenthalCfb256Protocol, "privpass-aes256b"),
    "u-aes192-reeder": (config.usmHMACSHAAuthProtocol, "authpass-aes192r",
                        config.usmAesCfb192Protocol, "privpass-aes192r"),
    "u-aes256-reeder": (config.usmHMACSHAAuthProtocol, "authpass-aes256r",
                        config.usmAesCfb256Protocol, "privpass-aes256r"),
}


def build_engine(port):
    snmp_engine = engine.SnmpEngine()
    transport = udp.UdpTransport().openServerMode(("127.0.0.1", port))
    config.addTransport(snmp_engine, udp.domainName, transport)
    for name, (auth, auth_key, priv, priv_key) in USERS.items():
        config.addV3User(snmp_engine, name, auth, auth_key, priv, priv_key)
        # Read access to the whole MIB-2 subtree at authPriv.
        config.addVacmUser(snmp_engine, 3, name, "authPriv", (1, 3, 6, 1, 2, 1))
    snmp_context = context.SnmpContext(snmp_engine)
    cmdrsp.GetCommandResponder(snmp_engine, snmp_context)
    cmdrsp.NextCommandResponder(snmp_engine, snmp_context)
    return snmp_engine


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: pysnmp_agent.py PORT\n")
        return 2
    snmp_engine = build_engine(int(sys.argv[1]))

    def on_sigterm(signum, frame):
        # The dispatcher loop ends when no job is pending (within its 0.5 s tick).
        snmp_engine.transportDispatcher.jobFinished(1)

    signal.signal(signal.SIGTERM, on_sigterm)
    snmp_engine.transportDispatcher.jobStarted(1)  # run until told to stop
    print("ready", flush=True)
    try:
        snmp_engine.transportDispatcher.runDispatcher()
    finally:
        snmp_engine.transportDispatcher.closeDispatcher()
    return 0


if __name__ == "__main__":
    sys.exit(main())
