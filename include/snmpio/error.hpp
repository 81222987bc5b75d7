// snmpio — error codes. Every failure the library reports is a std::error_code in
// snmpio's category. SNMP error-status values (noSuchName, genErr, ...) are not errors
// of the library: they arrive in the response (see pdu.hpp).
#pragma once

#include <snmpio/export.hpp>

#include <system_error>

namespace snmpio {

enum class errc : int {
  // --- decoding (BER and message structure); is_parse_error() is true for these ---
  truncated = 1,          ///< a length runs past the end of the data, or data ends early
  bad_length,             ///< reserved length octet 0xFF, or more than 4 length octets
  indefinite_length,      ///< indefinite length form (forbidden by RFC 3417 §8)
  bad_tag,                ///< unexpected, unknown, high-tag-number or constructed tag
  bad_integer,            ///< INTEGER empty, or padded past 16 octets (man 7 snmpio)
  value_out_of_range,     ///< a well-formed number outside its type's range
  bad_oid,                ///< OBJECT IDENTIFIER empty, padded, truncated, too long, too big
  bad_value_length,       ///< fixed-size value with the wrong length (IpAddress, NULL, exceptions)
  nesting_too_deep,       ///< constructed values nested beyond the depth bound
  trailing_data,          ///< bytes left over inside a structure or after a message
  unknown_pdu_type,       ///< PDU tag that is not an SNMP PDU
  wrong_pdu_for_version,  ///< e.g. GetBulk in an SNMPv1 message, Trap-PDU in SNMPv2c
  bad_msg_flags,          ///< msgFlags not exactly one octet
  // --- message level (not parse errors: they have their own counters) ---
  unsupported_version = 100,  ///< msgVersion not 0, 1 or 3 (snmpInBadVersions)
  invalid_msg_flags,          ///< privacy without authentication (snmpInvalidMsgs)
  // --- encoding and arguments ---
  invalid_argument = 200,  ///< an argument the call cannot accept
  oid_not_encodable,       ///< fewer than 2 arcs, first arc > 2, or second arc >= 40 under 0/1
  message_too_big,         ///< the encoding exceeds the allowed size
  // --- requests (used by the engine and applications) ---
  timeout = 300,           ///< no response after all retries
  cancelled,               ///< the request was cancelled
  shutdown,                ///< the engine or reactor was destroyed with the request pending
  queue_full,              ///< the outgoing queue is full
  unreachable,             ///< the peer reported unreachable (ICMP), e.g. ECONNREFUSED
  resolve_failed,          ///< the host name could not be resolved
  too_big,                 ///< a response would not fit (tooBig with nothing left to trim)
  not_increasing,          ///< a walk received an OID not greater than the previous one
  empty_response,          ///< a walk step returned no varbinds
  // --- SNMPv3 security (RFC 3414); a Report PDU of each kind maps to one of these ---
  unknown_engine_id = 400,     ///< usmStatsUnknownEngineIDs
  unknown_user_name,           ///< usmStatsUnknownUserNames
  unsupported_security_level,  ///< usmStatsUnsupportedSecLevels
  authentication_failure,      ///< usmStatsWrongDigests: wrong password or key
  not_in_time_window,          ///< usmStatsNotInTimeWindows
  decryption_error,            ///< usmStatsDecryptionErrors
  unsupported_protocol,        ///< an auth/priv protocol this platform cannot run (e.g. no DES)
  report,                      ///< another Report PDU (snmpUnknownContexts, snmpInvalidMsgs, ...)
  // --- MIB names (lib/mib) ---
  mib_module_not_found = 500,  ///< no file in the search path and no built-in module of that name
  mib_parse_error,             ///< a MIB file could not be parsed (mib::errors() says where)
  mib_unknown_module,          ///< "MODULE::name" with a module that cannot be loaded
  mib_unknown_name,            ///< a descriptor no loaded module defines
  mib_bad_index,               ///< an index that does not fit the row's INDEX clause
};

/// The category of snmpio's error codes; name() is "snmpio".
SNMPIO_EXPORT const std::error_category& error_category() noexcept;

inline std::error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), error_category()};
}

/// True when `ec` is one of snmpio's decoding errors (truncated ... bad_msg_flags): the
/// class an agent counts in snmpInASNParseErrs.
SNMPIO_EXPORT bool is_parse_error(std::error_code ec) noexcept;

}  // namespace snmpio

template <>
struct std::is_error_code_enum<snmpio::errc> : std::true_type {};
