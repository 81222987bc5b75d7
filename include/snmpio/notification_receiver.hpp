// snmpio — the Notification Receiver (RFC 3413 §3.4): takes the traps and informs the
// engine's agent side lets through (community check; USM with per-sender engine users
// for traps, this engine authoritative for informs), authorizes each one through the
// engine's VACM as snmptrapd does, acknowledges authorized informs, and hands each
// authorized notification to one callback, SNMPv1 traps also in their RFC 3584 SNMPv2
// form.
#pragma once

#include <snmpio/endpoint.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/export.hpp>
#include <snmpio/pdu.hpp>
#include <snmpio/security.hpp>
#include <snmpio/unique_function.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace snmpio {

/// One notification as it arrived.
struct received_notification {
  endpoint source{};                ///< the sender
  endpoint local{};                 ///< where it arrived
  snmp_version version = snmp_version::v2c;
  security_model model = security_model::v2c;
  security_level level = security_level::no_auth_no_priv;
  std::string security_name{};      ///< the community's security name, or the USM user
  std::string community{};          ///< v1/v2c: the community as received
  std::string security_engine_id{}; ///< SNMPv3: msgAuthoritativeEngineID
  std::string context_engine_id{};
  std::string context_name{};
  pdu_type type = pdu_type::trap_v2; ///< trap_v1, trap_v2 or inform_request
  /// The PDU as received (for trap_v1: enterprise, agent address, generic and specific
  /// trap, time-stamp and the trap's own varbinds).
  pdu original{};
  /// The SNMPv2 varbinds: as received for trap_v2 and informs; for trap_v1 the RFC 3584
  /// translation (sysUpTime.0, snmpTrapOID.0, ..., snmpTrapEnterprise.0).
  std::vector<varbind> varbinds{};
  /// The kinds of access VACM grants this notification (a bit per access_kind): the
  /// kinds whose view, in the access entry for its security model, name, level and
  /// context, holds its snmpTrapOID. Never 0 for a delivered notification; every bit
  /// when authorization is off.
  std::uint8_t access = 0;
  bool allows(access_kind k) const noexcept { return (access >> static_cast<unsigned>(k)) & 1u; }
};

/// Counters of the receiver (the engine's agent_stats count what never reaches it).
struct receiver_stats {
  std::uint64_t notifications = 0;       ///< handed to the callback
  std::uint64_t informs_acknowledged = 0;
  std::uint64_t untranslatable = 0;      ///< v1 traps RFC 3584 cannot translate: dropped
  /// Refused by authorization (no access entry, level too low, snmpTrapOID outside
  /// every view, or no snmpTrapOID): dropped, informs not acknowledged, logged.
  std::uint64_t unauthorized = 0;
};

using notification_handler = unique_function<void(const received_notification& n)>;

class SNMPIO_EXPORT notification_receiver {
 public:
  explicit notification_receiver(engine& e);
  ~notification_receiver();
  notification_receiver(notification_receiver&&) noexcept;
  notification_receiver& operator=(notification_receiver&&) noexcept;
  notification_receiver(const notification_receiver&) = delete;
  notification_receiver& operator=(const notification_receiver&) = delete;

  /// Registers the receiver with the engine and sets the callback, called once per
  /// notification on the reactor's thread (informs are acknowledged before it runs).
  /// errc::invalid_argument for an empty callback or when another receiver is
  /// registered on this engine. Calling it again replaces the callback.
  std::error_code on_notification(notification_handler callback);
  /// Traps from SNMPv3 engines no user is configured for: learn them (a local user of
  /// the same name, its keys localized to the sender's engine) instead of dropping
  /// them (usmStatsUnknownEngineIDs). Off by default.
  void set_learn_engine_ids(bool on) noexcept;
  /// Accept SNMPv1/v2c notifications whatever their community (snmptrapd's
  /// disableAuthorization); by default only communities added with
  /// engine::add_community() pass, others are counted in snmpInBadCommunityNames.
  void set_accept_any_community(bool on) noexcept;
  /// Authorization (on by default), as snmptrapd applies it: a notification passes
  /// only when VACM (engine::add_vacm_group/view/access) grants its security model,
  /// security name, security level and context some view holding its snmpTrapOID
  /// (the v2 form's, for SNMPv1 traps). So a user configured for authPriv whose name is
  /// reused in an unauthenticated message is refused unless an access entry allows
  /// noAuthNoPriv. A refused notification is dropped, counted in stats().unauthorized
  /// and logged; a refused inform is not acknowledged. Off (snmptrapd's
  /// disableAuthorization): everything the security model accepted passes, with every
  /// access bit set.
  void set_authorization(bool on) noexcept;
  receiver_stats stats() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace snmpio
