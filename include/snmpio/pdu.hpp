// snmpio — protocol data units (RFC 3416, and RFC 1157 for the SNMPv1 Trap-PDU).
#pragma once

#include <snmpio/export.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/varbind.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace snmpio {

/// The message versions (the msgVersion field's value).
enum class snmp_version : std::int32_t { v1 = 0, v2c = 1, v3 = 3 };

/// "1", "2c" or "3".
SNMPIO_EXPORT const char* to_string(snmp_version v) noexcept;

/// PDU kinds; each enumerator is the PDU's context-specific constructed BER tag.
enum class pdu_type : std::uint8_t {
  get_request = 0xA0,
  get_next_request = 0xA1,
  response = 0xA2,
  set_request = 0xA3,
  trap_v1 = 0xA4,  ///< SNMPv1 Trap-PDU (RFC 1157); SNMPv1 messages only
  get_bulk_request = 0xA5,
  inform_request = 0xA6,
  trap_v2 = 0xA7,  ///< SNMPv2-Trap-PDU
  report = 0xA8,
};

/// "GetRequest", "GetNextRequest", "Response", ..., "Report".
SNMPIO_EXPORT const char* to_string(pdu_type t) noexcept;

/// error-status values of RFC 3416 (0..18). A response may carry other numbers; the
/// pdu keeps whatever arrived.
enum class error_status : std::int32_t {
  no_error = 0,
  too_big = 1,
  no_such_name = 2,
  bad_value = 3,
  read_only = 4,
  gen_err = 5,
  no_access = 6,
  wrong_type = 7,
  wrong_length = 8,
  wrong_encoding = 9,
  wrong_value = 10,
  no_creation = 11,
  inconsistent_value = 12,
  resource_unavailable = 13,
  commit_failed = 14,
  undo_failed = 15,
  authorization_error = 16,
  not_writable = 17,
  inconsistent_name = 18,
};

/// The RFC name of an error-status: "noError", "tooBig", ..., "inconsistentName";
/// "unknown" outside 0..18.
SNMPIO_EXPORT const char* error_status_name(std::int32_t status) noexcept;

/// SNMPv1 generic-trap values (RFC 1157).
enum class generic_trap : std::int32_t {
  cold_start = 0,
  warm_start = 1,
  link_down = 2,
  link_up = 3,
  authentication_failure = 4,
  egp_neighbor_loss = 5,
  enterprise_specific = 6,
};

/// One PDU. For GetBulkRequest, error_status carries non-repeaters and error_index
/// carries max-repetitions, as on the wire. The trap_v1 fields are used only by the
/// SNMPv1 Trap-PDU, which has no request-id, error-status or error-index.
struct pdu {
  pdu_type type = pdu_type::get_request;
  std::int32_t request_id = 0;
  std::int32_t error_status = 0;
  std::int32_t error_index = 0;
  std::vector<varbind> varbinds{};

  oid enterprise{};                             ///< trap_v1 only
  std::array<std::uint8_t, 4> agent_address{};  ///< trap_v1 only
  std::int32_t generic_trap = 0;                ///< trap_v1 only
  std::int32_t specific_trap = 0;               ///< trap_v1 only
  std::uint32_t time_stamp = 0;                 ///< trap_v1 only (TimeTicks)

  std::int32_t non_repeaters() const noexcept { return error_status; }
  std::int32_t max_repetitions() const noexcept { return error_index; }

  friend bool operator==(const pdu& a, const pdu& b) = default;
};

}  // namespace snmpio
