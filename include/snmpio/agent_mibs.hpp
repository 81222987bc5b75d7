// snmpio — built-in instrumentation for a command_responder: the system and snmp
// groups of SNMPv2-MIB (RFC 3418), snmpSetSerialNo, snmpEngine (SNMP-FRAMEWORK-MIB,
// RFC 3411), snmpMPDStats (SNMP-MPD-MIB, RFC 3412) and usmStats
// (SNMP-USER-BASED-SM-MIB, RFC 3414), read live from the engine.
#pragma once

#include <snmpio/command_responder.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/export.hpp>
#include <snmpio/oid.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace snmpio {

/// One row of sysORTable: a capability (AGENT-CAPABILITIES or MODULE-IDENTITY OID).
struct sysor_entry {
  oid id{};
  std::string descr{};
};

/// The system group's contents. sysContact, sysName and sysLocation are writable by
/// SET (DisplayString, 0..255 octets) when `allow_set` is true and their value is
/// empty or marked writable (a default, not a configured value), as snmpd treats
/// values set in its configuration as read-only.
struct system_info {
  std::string descr{};
  oid object_id{};
  std::string contact{};
  std::string name{};
  std::string location{};
  /// sysServices; none: the object is not served (snmpd's default when the
  /// configuration sets none).
  std::optional<std::int32_t> services = 72;
  bool allow_set = true;
  /// Writable although not empty (a default value rather than a configured one).
  bool contact_writable = false;
  bool name_writable = false;
  bool location_writable = false;
  /// sysORTable rows; sysORLastChange and sysORTable are served when not empty.
  std::vector<sysor_entry> capabilities{};
};

/// SNMPv2-MIB system group (1.3.6.1.2.1.1): sysDescr, sysObjectID, sysUpTime (the
/// engine's uptime), sysContact, sysName, sysLocation, sysServices, and sysORLastChange
/// with sysORTable when `info.capabilities` is not empty.
SNMPIO_EXPORT std::error_code register_system_mib(command_responder& responder, engine& eng, system_info info);

/// SNMPv2-MIB snmp group (1.3.6.1.2.1.11) from engine.agent_statistics() and the
/// responder's counters (snmpInPkts, snmpOutPkts, snmpInBadVersions,
/// snmpInBadCommunityNames, snmpInBadCommunityUses, snmpInASNParseErrs,
/// snmpInGetRequests, snmpInGetNexts, snmpInSetRequests, snmpOutTooBigs,
/// snmpOutGenErrs, snmpOutGetResponses, snmpEnableAuthenTraps (writable),
/// snmpSilentDrops, snmpProxyDrops) and snmpSetSerialNo (1.3.6.1.6.3.1.1.6.1, a
/// TestAndIncr). Counters are Counter32, the engine's 64-bit counts modulo 2^32.
SNMPIO_EXPORT std::error_code register_snmp_mib(command_responder& responder, engine& eng,
                                                bool enable_authen_traps = false);

/// snmpEngine (1.3.6.1.6.3.10.2.1: snmpEngineID, snmpEngineBoots, snmpEngineTime,
/// snmpEngineMaxMessageSize), snmpMPDStats (1.3.6.1.6.3.11.2.1.1-3) and usmStats
/// (1.3.6.1.6.3.15.1.1.1-6). `max_message_size` is what the engine was configured
/// with (engine_options::max_message_size).
SNMPIO_EXPORT std::error_code register_engine_mibs(command_responder& responder, engine& eng,
                                                   std::size_t max_message_size = 65507);

/// All of the above.
SNMPIO_EXPORT std::error_code register_agent_mibs(command_responder& responder, engine& eng, system_info info,
                                                  std::size_t max_message_size = 65507);

}  // namespace snmpio
