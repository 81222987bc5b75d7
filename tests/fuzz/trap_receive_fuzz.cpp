// Trap and inform receive (testing.md fuzz target 6): an engine with a community, users
// of a sending engine (v3 traps) and of its own (v3 informs), and a notification
// receiver, takes each input as one datagram: v1 Trap-PDUs (with their RFC 3584
// translation), v2c traps and informs, SNMPv3 traps and informs.
// Invariants: each datagram is counted in snmpInPkts once, produces at most one
// datagram out (an inform's acknowledgement or a Report) and at most one callback;
// every notification handed over starts with sysUpTime.0 and snmpTrapOID.0 when it is
// a v1 trap (the translation's guarantee).
#include <snmpio/notification_originator.hpp>
#include <snmpio/notification_receiver.hpp>

#include "engine/engine_impl.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace snmpio;

namespace {

const std::string kEngineId("\x80\x00\x1f\x88\x80\x11\x22\x33\x44", 9);
const std::string kSenderId("\x80\x00\x1f\x88\x04snmpio", 11);

struct trap_harness {
  reactor loop;
  engine eng{loop, engine_options{.engine_id = kEngineId, .engine_boots = 3}};
  notification_receiver receiver{eng};
  std::size_t sent = 0, calls = 0;
  bool v1_header_ok = true;

  trap_harness() {
    eng.impl().set_agent_output_for_testing([this](std::span<const std::uint8_t>, const endpoint&) { ++sent; });
    (void)eng.add_community({.community = "public", .security_name = "pub"});
    (void)eng.add_usm_user({.user_name = "tu", .auth = auth_protocol::hmac_sha, .auth_key = "authpass1",
                            .priv = priv_protocol::aes128, .priv_key = "privpass1", .security_engine_id = kSenderId});
    (void)eng.add_usm_user({.user_name = "iu", .auth = auth_protocol::hmac_sha, .auth_key = "authpass1",
                            .priv = priv_protocol::aes128, .priv_key = "privpass1"});
    (void)eng.add_usm_user({.user_name = "none", .security_engine_id = kSenderId});
    // Authorization: the community and "none" at any level, "tu" and "iu" from
    // authNoPriv, everything in view; "iu" logs standard traps only.
    (void)eng.add_vacm_view("all", oid("1"), "");
    (void)eng.add_vacm_view("std", oid("1.3.6.1.6.3.1.1.5"), "");
    for (auto m : {security_model::v1, security_model::v2c}) eng.add_vacm_group(m, "pub", "g-any");
    eng.add_vacm_group(security_model::usm, "none", "g-any");
    eng.add_vacm_group(security_model::usm, "tu", "g-auth");
    eng.add_vacm_group(security_model::usm, "iu", "g-std");
    eng.add_vacm_access({.group = "g-any", .level = security_level::no_auth_no_priv, .notify_view = "all"});
    eng.add_vacm_access({.group = "g-auth", .level = security_level::auth_no_priv, .notify_view = "all"});
    eng.add_vacm_access({.group = "g-std", .level = security_level::auth_no_priv, .log_view = "std"});
    (void)receiver.on_notification([this](const received_notification& n) {
      ++calls;
      if (n.type == pdu_type::trap_v1)
        v1_header_ok = v1_header_ok && n.varbinds.size() >= 2 &&
                       n.varbinds[0].name == notification_oids::sys_up_time() &&
                       n.varbinds[1].name == notification_oids::snmp_trap_oid();
    });
  }
};

}  // namespace

SNMPIO_FUZZ_TARGET(trap_receive)(const std::uint8_t* data, std::size_t size) {
  static trap_harness* h = new trap_harness();
  const auto before = h->eng.agent_statistics().in_pkts;
  const auto before_sent = h->sent, before_calls = h->calls;
  h->eng.impl().on_agent_datagram({data, size}, endpoint::loopback_v4(40000), endpoint::loopback_v4(162));
  SNMPIO_FUZZ_CHECK(h->eng.agent_statistics().in_pkts == before + 1);
  SNMPIO_FUZZ_CHECK(h->sent <= before_sent + 1);
  SNMPIO_FUZZ_CHECK(h->calls <= before_calls + 1);
  SNMPIO_FUZZ_CHECK(h->v1_header_ok);
  return 0;
}
