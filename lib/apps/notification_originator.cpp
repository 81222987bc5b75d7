// The Notification Originator: builds trap and inform PDUs (sysUpTime.0 and
// snmpTrapOID.0 first, RFC 3416 §4.2.6/§4.2.7; SNMPv1 Trap-PDUs per RFC 3584 §3.2) and
// hands them to the engine: traps through its unconfirmed send, informs as requests.
#include <snmpio/notification_originator.hpp>

#include "crypto/random.hpp"
#include "engine/engine_impl.hpp"

namespace snmpio {

using detail::engine_impl;

std::vector<varbind> notification_originator::v2_varbinds(const notification& n) const {
  std::vector<varbind> vbs;
  vbs.reserve(n.varbinds.size() + 2);
  vbs.push_back({notification_oids::sys_up_time(), value::time_ticks(n.uptime ? *n.uptime : engine_->uptime())});
  vbs.push_back({notification_oids::snmp_trap_oid(), value::object_identifier(n.trap_oid)});
  vbs.insert(vbs.end(), n.varbinds.begin(), n.varbinds.end());
  return vbs;
}

namespace {

result<pdu> make_trap_pdu(snmp_version version, const notification& n, std::vector<varbind> v2) {
  if (n.trap_oid.empty() && !(version == snmp_version::v1 && n.v1)) return errc::invalid_argument;
  if (version == snmp_version::v1) {
    if (n.v1) {
      if (n.v1->generic_trap < 0 || n.v1->generic_trap > 6 || n.v1->enterprise.empty()) return errc::invalid_argument;
      pdu p;
      p.type = pdu_type::trap_v1;
      p.enterprise = n.v1->enterprise;
      p.agent_address = n.v1->agent_address;
      p.generic_trap = n.v1->generic_trap;
      p.specific_trap = n.v1->specific_trap;
      p.time_stamp = v2[0].value.as_uint32();
      p.varbinds = n.varbinds;
      return p;
    }
    return translate_v2_to_v1(v2);
  }
  pdu p;
  p.type = pdu_type::trap_v2;
  p.request_id = static_cast<std::int32_t>(crypto::random_u32() & 0x7FFFFFFFu);
  p.varbinds = std::move(v2);
  return p;
}

}  // namespace

std::error_code notification_originator::send_trap(const community_data& auth, const target& to,
                                                   const notification& n, trap_handler on_sent) {
  if (auth.version != snmp_version::v1 && auth.version != snmp_version::v2c) return errc::invalid_argument;
  auto p = make_trap_pdu(auth.version, n, v2_varbinds(n));
  if (!p) return p.error();
  return engine_->impl().send_unconfirmed(engine_impl::make_credentials(auth), to, std::move(*p), std::move(on_sent));
}

result<request_handle> notification_originator::send_inform(const community_data& auth, const target& to,
                                                            const notification& n, response_handler on_done) {
  if (auth.version != snmp_version::v2c || n.trap_oid.empty()) return errc::invalid_argument;
  pdu p;
  p.type = pdu_type::inform_request;
  p.varbinds = v2_varbinds(n);
  return engine_->impl().start(engine_impl::make_credentials(auth), to, std::move(p), std::move(on_done));
}

std::error_code notification_originator::send_trap_v3(const usm_user_data& user, const target& to,
                                                      const context_data& ctx, const notification& n,
                                                      trap_handler on_sent) {
  if (!user.security_engine_id.empty() && user.security_engine_id != engine_->engine_id())
    return errc::invalid_argument;
  auto p = make_trap_pdu(snmp_version::v3, n, v2_varbinds(n));
  if (!p) return p.error();
  // The keys are localized to this engine: give the user its engine so that localized
  // keys are accepted for it and passphrases localize here.
  usm_user_data local = user;
  local.security_engine_id = engine_->engine_id();
  auto creds = engine_->impl().make_credentials(local, ctx);
  if (!creds) return creds.error();
  return engine_->impl().send_unconfirmed(*creds, to, std::move(*p), std::move(on_sent));
}

result<request_handle> notification_originator::send_inform_v3(const usm_user_data& user, const target& to,
                                                               const context_data& ctx, const notification& n,
                                                               response_handler on_done) {
  if (n.trap_oid.empty()) return errc::invalid_argument;
  pdu p;
  p.type = pdu_type::inform_request;
  p.varbinds = v2_varbinds(n);
  auto creds = engine_->impl().make_credentials(user, ctx);
  if (!creds) return creds.error();
  return engine_->impl().start(*creds, to, std::move(p), std::move(on_done));
}

}  // namespace snmpio
