#!/usr/bin/python3
"""Part of scripts/gen-builtin-mibs.sh: prints the definitions of SNMPv3 framework
modules as rows of snmpio's built-in table (lib/mib/builtin_modules.inc).

The texts of SNMP-FRAMEWORK-MIB, SNMP-MPD-MIB, SNMP-USER-BASED-SM-MIB,
SNMP-VIEW-BASED-ACM-MIB, SNMP-TARGET-MIB, SNMP-NOTIFICATION-MIB and SNMP-COMMUNITY-MIB
are neither in Debian's snmp package nor in the net-snmp npm package; PySNMP 4.4
(Debian's python3-pysnmp4, already a test dependency) ships them compiled. This reads
those compiled modules through PySNMP's MibBuilder and prints the same row format as
gen-builtin-mibs-dump.cpp.

    gen-builtin-mibs-pysnmp.py MODULE...
"""
import os
import re
import sys

from pysnmp.smi import builder
from pysnmp.proto import rfc1902
from pyasn1.type import univ, constraint

# Order of snmpio::mib_node_kind, mib_base_type and mib_access.
KIND = dict(node=0, scalar=1, table=2, row=3, column=4, notification=5, group=6, compliance=7, capabilities=8)
TYPE = dict(none=0, integer32=1, unsigned32=2, octet_string=3, object_identifier=4, bits=5, ip_address=6,
            counter32=7, gauge32=8, time_ticks=9, opaque=10, counter64=11)
ACCESS = {'noaccess': 1, 'not-accessible': 1, 'notifyaccess': 2, 'accessible-for-notify': 2, 'readonly': 3,
          'read-only': 3, 'readwrite': 4, 'read-write': 4, 'readcreate': 5, 'read-create': 5}

BASE_NAMES = {'Integer32', 'Integer', 'OctetString', 'ObjectIdentifier', 'ObjectName', 'Bits', 'IpAddress',
              'Counter32', 'Gauge32', 'Unsigned32', 'TimeTicks', 'Opaque', 'Counter64', 'NamedValues'}


def quoted(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '"'


def base_type(syntax):
    checks = [(rfc1902.Bits, 'bits', 'BITS'), (rfc1902.IpAddress, 'ip_address', 'IpAddress'),
              (rfc1902.Opaque, 'opaque', 'Opaque'), (univ.OctetString, 'octet_string', 'OCTET STRING'),
              (rfc1902.Counter64, 'counter64', 'Counter64'), (rfc1902.Counter32, 'counter32', 'Counter32'),
              (rfc1902.Gauge32, 'gauge32', 'Gauge32'), (rfc1902.Unsigned32, 'unsigned32', 'Unsigned32'),
              (rfc1902.TimeTicks, 'time_ticks', 'TimeTicks'), (univ.Integer, 'integer32', 'INTEGER'),
              (univ.ObjectIdentifier, 'object_identifier', 'OBJECT IDENTIFIER')]
    for cls, name, text in checks:
        if isinstance(syntax, cls):
            return name, text
    return 'none', ''


def fixed_size(syntax):
    sizes = []

    def walk(c):
        if isinstance(c, constraint.ValueSizeConstraint):
            sizes.append(tuple(c._values))
        for sub in getattr(c, '_values', ()):
            if isinstance(sub, constraint.AbstractConstraint):
                walk(sub)
    walk(syntax.subtypeSpec)
    if len(sizes) == 1 and sizes[0][0] == sizes[0][1]:
        return sizes[0][0]
    return 0


def type_name(syntax, fallback):
    for cls in type(syntax).__mro__:
        if cls.__name__ in BASE_NAMES or cls.__module__.startswith('pyasn1'):
            break
        if cls.__name__ and not cls.__name__.startswith('_'):
            return cls.__name__
    return fallback


def main():
    mb = builder.MibBuilder()
    mibdir = os.path.dirname(builder.__file__.replace('builder.py', '')) + '/mibs'
    for module in sys.argv[1:]:
        mb.loadModules(module)
        (MibIdentifier, MibScalar, MibTable, MibTableRow, MibTableColumn, NotificationType, ObjectIdentity,
         ModuleIdentity, MibScalarInstance) = mb.importSymbols(
            'SNMPv2-SMI', 'MibIdentifier', 'MibScalar', 'MibTable', 'MibTableRow', 'MibTableColumn',
            'NotificationType', 'ObjectIdentity', 'ModuleIdentity', 'MibScalarInstance')
        (ObjectGroup, NotificationGroup, ModuleCompliance, AgentCapabilities) = mb.importSymbols(
            'SNMPv2-CONF', 'ObjectGroup', 'NotificationGroup', 'ModuleCompliance', 'AgentCapabilities')
        source = open(os.path.join(os.path.dirname(builder.__file__), 'mibs', module + '.py')).read()
        imports = []
        for m in re.findall(r'importSymbols\("([^"]+)"', source):
            if m not in imports and m != module and not m.startswith('ASN1'):
                imports.append(m)
        rows = []
        for sym, obj in mb.mibSymbols[module].items():
            if isinstance(obj, MibScalarInstance):
                continue
            if isinstance(obj, MibTableColumn):
                kind = 'column'
            elif isinstance(obj, MibTableRow):
                kind = 'row'
            elif isinstance(obj, MibTable):
                kind = 'table'
            elif isinstance(obj, MibScalar):
                kind = 'scalar'
            elif isinstance(obj, NotificationType):
                kind = 'notification'
            elif isinstance(obj, (ObjectGroup, NotificationGroup)):
                kind = 'group'
            elif isinstance(obj, ModuleCompliance):
                kind = 'compliance'
            elif isinstance(obj, AgentCapabilities):
                kind = 'capabilities'
            elif isinstance(obj, (MibIdentifier, ObjectIdentity, ModuleIdentity)):
                kind = 'node'
            else:
                continue
            name = obj.getLabel() or sym
            oid = '.'.join(str(x) for x in obj.getName())
            t, tn, hint, units, enums, index, fixed = 'none', '', '', '', '', '', 0
            access = 0
            if kind in ('scalar', 'column'):
                syntax = obj.getSyntax()
                t, base_text = base_type(syntax)
                tn = type_name(syntax, base_text)
                hint = getattr(syntax, 'displayHint', '') or ''
                nv = getattr(syntax, 'namedValues', None)
                if nv:
                    # PySNMP adds notExists(0) to RowStatus for its own use; RFC 2579 has no such label.
                    items = [(k, v) for k, v in nv.items() if not (tn == 'RowStatus' and v == 0)]
                    enums = ','.join('%d %s' % (v, k) for k, v in sorted(items, key=lambda kv: kv[1]))
                fixed = fixed_size(syntax) if t == 'octet_string' else 0
                units = getattr(obj, 'getUnits', lambda: '')() or ''
            if kind in ('scalar', 'column', 'row', 'table'):
                access = ACCESS.get(str(getattr(obj, 'maxAccess', '')), 0)
            if kind == 'row':
                parts = []
                for implied, mod, sname in obj.getIndexNames():
                    parts.append('%s::%s%s' % (mod, sname, '!' if implied else ''))
                index = ','.join(parts)
            rows.append((tuple(obj.getName()), '    {%s, "%s", %d, %d, %d, %s, %s, %s, %s, %s, %d},' % (
                quoted(name), oid, KIND[kind], TYPE[t], access, quoted(tn), quoted(hint), quoted(units),
                quoted(enums), quoted(index), fixed)))
        rows.sort()
        ident = module.replace('-', '_')
        print('// %s\nstatic const builtin_object %s_objects[] = {' % (module, ident))
        for _, r in rows:
            print(r)
        print('};\n//@module %s|%s|%s_objects|%d\n' % (module, ','.join(imports), ident, len(rows)))


if __name__ == '__main__':
    main()
