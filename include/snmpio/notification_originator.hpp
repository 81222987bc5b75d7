// snmpio — the Notification Originator (RFC 3413 §3.2): SNMPv1 traps, SNMPv2c/SNMPv3
// traps and informs; and the RFC 3584 translation between SNMPv1 Trap-PDUs and SNMPv2
// notifications.
#pragma once

#include <snmpio/command_generator.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/export.hpp>
#include <snmpio/pdu.hpp>
#include <snmpio/result.hpp>
#include <snmpio/target.hpp>
#include <snmpio/unique_function.hpp>
#include <snmpio/usm.hpp>

#include <array>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

namespace snmpio {

/// Well-known OIDs of notifications (SNMPv2-MIB, SNMP-COMMUNITY-MIB).
namespace notification_oids {
SNMPIO_EXPORT const oid& sys_up_time();          ///< 1.3.6.1.2.1.1.3.0
SNMPIO_EXPORT const oid& snmp_trap_oid();        ///< 1.3.6.1.6.3.1.1.4.1.0
SNMPIO_EXPORT const oid& snmp_traps();           ///< 1.3.6.1.6.3.1.1.5 (coldStart is .1)
SNMPIO_EXPORT const oid& snmp_trap_enterprise(); ///< 1.3.6.1.6.3.1.1.4.3.0
SNMPIO_EXPORT const oid& snmp_trap_address();    ///< 1.3.6.1.6.3.18.1.3.0
SNMPIO_EXPORT const oid& snmp_trap_community();  ///< 1.3.6.1.6.3.18.1.4.0
}  // namespace notification_oids

/// A notification to send, in its SNMPv2 form: sysUpTime.0 and snmpTrapOID.0 go first
/// (RFC 3416 §4.2.6), then `varbinds`. An SNMPv1 trap is made from it per RFC 3584
/// §3.2 unless `v1` gives the Trap-PDU's fields outright.
struct notification {
  oid trap_oid{};                        ///< snmpTrapOID.0
  std::optional<std::uint32_t> uptime{}; ///< sysUpTime.0; unset: the engine's uptime()
  std::vector<varbind> varbinds{};       ///< the objects after the two above

  /// SNMPv1 only: the Trap-PDU's fields as given (snmptrap's v1 argument form). The
  /// PDU's time_stamp is the notification's uptime (or the engine's).
  struct v1_fields {
    oid enterprise{};
    std::array<std::uint8_t, 4> agent_address{};
    std::int32_t generic_trap = 0;
    std::int32_t specific_trap = 0;
  };
  std::optional<v1_fields> v1{};
};

/// RFC 3584 §3.1: the SNMPv2 varbinds of an SNMPv1 Trap-PDU: sysUpTime.0 (time-stamp),
/// snmpTrapOID.0 (snmpTraps.(generic+1), or enterprise.0.specific), the trap's
/// varbinds, then snmpTrapAddress.0, snmpTrapCommunity.0 (when `community` is not
/// empty) and snmpTrapEnterprise.0. errc::invalid_argument for a generic-trap outside
/// 0..6 or an enterprise that does not fit (empty, or too long for .0.specific).
SNMPIO_EXPORT result<std::vector<varbind>> translate_v1_to_v2(const pdu& trap, std::string_view community = {});

/// RFC 3584 §3.2: the SNMPv1 Trap-PDU of an SNMPv2 notification's varbinds (sysUpTime.0
/// then snmpTrapOID.0 first). Counter64 varbinds are dropped; snmpTrapAddress.0 gives
/// the agent-addr when present. errc::invalid_argument when the first two varbinds are
/// not sysUpTime.0 and snmpTrapOID.0 or the trap OID is too short.
SNMPIO_EXPORT result<pdu> translate_v2_to_v1(const std::vector<varbind>& varbinds);

/// Called once per trap whose sending finished: success once the datagram was handed
/// to the socket, or why not (resolve_failed, queue_full, an encoding error ...).
using trap_handler = unique_function<void(std::error_code ec)>;

class SNMPIO_EXPORT notification_originator {
 public:
  explicit notification_originator(engine& e) noexcept : engine_(&e) {}

  /// Sends a trap: an SNMPv1 Trap-PDU (community version v1) or an SNMPv2-Trap-PDU
  /// (v2c). A numeric host goes out before the call returns; a host name is resolved
  /// first. On success `on_sent`, when given, is called once, later, with the outcome.
  std::error_code send_trap(const community_data& auth, const target& to, const notification& n,
                            trap_handler on_sent = {});
  /// Sends an InformRequest (v2c only) and retries it per the target's options until a
  /// Response comes back: on_done gets it (its varbinds are the acknowledgement's), or
  /// the error (timeout ...). Exactly once, as every request of the engine.
  result<request_handle> send_inform(const community_data& auth, const target& to, const notification& n,
                                     response_handler on_done);

  /// SNMPv3 trap: this engine is the authoritative one (msgAuthoritativeEngineID is
  /// engine::engine_id(), with its boots and time; the keys are localized to it). The
  /// user's security_engine_id must be empty or this engine's ID.
  template <std::same_as<usm_user_data> User>
  std::error_code send_trap(const User& user, const target& to, const context_data& ctx, const notification& n,
                            trap_handler on_sent = {}) {
    return send_trap_v3(user, to, ctx, n, std::move(on_sent));
  }
  /// SNMPv3 inform: the receiver is the authoritative engine; it is discovered first
  /// (once per receiver), as for a request.
  template <std::same_as<usm_user_data> User>
  result<request_handle> send_inform(const User& user, const target& to, const context_data& ctx,
                                     const notification& n, response_handler on_done) {
    return send_inform_v3(user, to, ctx, n, std::move(on_done));
  }

  /// The varbind list sent for `n` (sysUpTime.0, snmpTrapOID.0, then n.varbinds).
  std::vector<varbind> v2_varbinds(const notification& n) const;

 private:
  std::error_code send_trap_v3(const usm_user_data& user, const target& to, const context_data& ctx,
                               const notification& n, trap_handler on_sent);
  result<request_handle> send_inform_v3(const usm_user_data& user, const target& to, const context_data& ctx,
                                        const notification& n, response_handler on_done);
  engine* engine_;
};

}  // namespace snmpio
