// snmpio — security models and levels (RFC 3411), and the agent side's access
// configuration: community to security name mapping (RFC 3584 snmpCommunityTable) and
// view-based access control (RFC 3415 VACM), the C++ form of PySNMP's addV1System,
// addVacmUser and of snmpd.conf's com2sec, group, view and access lines.
#pragma once

#include <snmpio/export.hpp>
#include <snmpio/oid.hpp>

#include <cstdint>
#include <string>

namespace snmpio {

/// Security models (RFC 3411 SnmpSecurityModel). `any` matches every model in VACM
/// group and access entries.
enum class security_model : std::int32_t { any = 0, v1 = 1, v2c = 2, usm = 3 };

/// Security levels (RFC 3411 SnmpSecurityLevel), ordered: a request of a higher level
/// satisfies an access entry that asks for a lower one.
enum class security_level : std::int32_t { no_auth_no_priv = 1, auth_no_priv = 2, auth_priv = 3 };

/// "noAuthNoPriv", "authNoPriv", "authPriv".
SNMPIO_EXPORT const char* to_string(security_level l) noexcept;
/// "any", "v1", "v2c", "usm".
SNMPIO_EXPORT const char* to_string(security_model m) noexcept;

/// A community an agent or notification receiver accepts (RFC 3584 snmpCommunityEntry),
/// mapped to a security name that VACM's groups then name.
struct community_entry {
  std::string community{};
  std::string security_name{};
  /// The context the community's requests read (SNMPv1/v2c carry no context).
  std::string context_name{};
  /// Accept it only from this source network: an address and a prefix length (as
  /// com2sec's SOURCE "10.0.0.0/8"). Empty: from anywhere.
  std::string source{};
};

/// The kinds of access a VACM access entry grants: RFC 3415's read, write and notify
/// views, and the log, execute and net views with which Net-SNMP's snmptrapd authorizes
/// what a received notification may cause (authCommunity and authUser TYPES).
enum class access_kind : std::uint8_t { read = 0, write = 1, notify = 2, log = 3, execute = 4, net = 5 };

/// "read", "write", "notify", "log", "execute", "net".
SNMPIO_EXPORT const char* to_string(access_kind k) noexcept;

/// How an access entry's context prefix matches the request's context name.
enum class context_match : std::uint8_t { exact = 1, prefix = 2 };

/// A VACM access entry (RFC 3415 vacmAccessEntry): what a group may do in a context at
/// a security model and level. Empty view names mean no access of that kind.
struct vacm_access_entry {
  std::string group{};
  std::string context_prefix{};
  security_model model = security_model::any;
  security_level level = security_level::no_auth_no_priv;
  context_match match = context_match::exact;
  std::string read_view{};
  std::string write_view{};
  std::string notify_view{};
  /// snmptrapd's views for received notifications: which notifications may be logged,
  /// may run a handler, may be forwarded (see notification_receiver).
  std::string log_view{};
  std::string execute_view{};
  std::string net_view{};
};

}  // namespace snmpio
