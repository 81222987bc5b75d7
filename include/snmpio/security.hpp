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
};

}  // namespace snmpio
