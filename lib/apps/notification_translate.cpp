// RFC 3584 §3: SNMPv1 Trap-PDUs and SNMPv2 notifications, each into the other.
#include <snmpio/notification_originator.hpp>

#include <snmpio/error.hpp>

namespace snmpio {

namespace notification_oids {
const oid& sys_up_time() {
  static const oid o{1, 3, 6, 1, 2, 1, 1, 3, 0};
  return o;
}
const oid& snmp_trap_oid() {
  static const oid o{1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0};
  return o;
}
const oid& snmp_traps() {
  static const oid o{1, 3, 6, 1, 6, 3, 1, 1, 5};
  return o;
}
const oid& snmp_trap_enterprise() {
  static const oid o{1, 3, 6, 1, 6, 3, 1, 1, 4, 3, 0};
  return o;
}
const oid& snmp_trap_address() {
  static const oid o{1, 3, 6, 1, 6, 3, 18, 1, 3, 0};
  return o;
}
const oid& snmp_trap_community() {
  static const oid o{1, 3, 6, 1, 6, 3, 18, 1, 4, 0};
  return o;
}
}  // namespace notification_oids

namespace no = notification_oids;

result<std::vector<varbind>> translate_v1_to_v2(const pdu& trap, std::string_view community) {
  if (trap.generic_trap < 0 || trap.generic_trap > 6) return errc::invalid_argument;
  oid trap_oid;
  if (trap.generic_trap < 6) {
    trap_oid = no::snmp_traps();
    trap_oid.push_back(static_cast<std::uint32_t>(trap.generic_trap) + 1);
  } else {
    // enterprise.0.specific: two arcs more than the enterprise, which must leave room.
    if (trap.enterprise.empty() || trap.enterprise.size() + 2 > oid::max_subids) return errc::invalid_argument;
    trap_oid = trap.enterprise;
    trap_oid.push_back(0);
    // specific-trap is an INTEGER; a negative one keeps its 32 bits as the arc.
    trap_oid.push_back(static_cast<std::uint32_t>(trap.specific_trap));
  }
  std::vector<varbind> out;
  out.reserve(trap.varbinds.size() + 5);
  out.push_back({no::sys_up_time(), value::time_ticks(trap.time_stamp)});
  out.push_back({no::snmp_trap_oid(), value::object_identifier(std::move(trap_oid))});
  out.insert(out.end(), trap.varbinds.begin(), trap.varbinds.end());
  out.push_back({no::snmp_trap_address(), value::ip_address(trap.agent_address)});
  if (!community.empty()) out.push_back({no::snmp_trap_community(), value::octet_string(community)});
  out.push_back({no::snmp_trap_enterprise(), value::object_identifier(trap.enterprise)});
  return out;
}

result<pdu> translate_v2_to_v1(const std::vector<varbind>& varbinds) {
  if (varbinds.size() < 2 || varbinds[0].name != no::sys_up_time() ||
      varbinds[0].value.type() != value_type::time_ticks || varbinds[1].name != no::snmp_trap_oid() ||
      varbinds[1].value.type() != value_type::object_identifier)
    return errc::invalid_argument;
  pdu p;
  p.type = pdu_type::trap_v1;
  p.time_stamp = varbinds[0].value.as_uint32();
  const oid& trap_oid = varbinds[1].value.as_oid();
  const oid* enterprise_vb = nullptr;
  for (std::size_t i = 2; i < varbinds.size(); ++i) {
    const varbind& vb = varbinds[i];
    if (vb.name == no::snmp_trap_enterprise() && vb.value.type() == value_type::object_identifier)
      enterprise_vb = &vb.value.as_oid();
    if (vb.name == no::snmp_trap_address() && vb.value.type() == value_type::ip_address)
      p.agent_address = vb.value.as_ip_address();
  }
  const oid& traps = no::snmp_traps();
  if (trap_oid.size() == traps.size() + 1 && trap_oid.starts_with(traps) && trap_oid.back() >= 1 &&
      trap_oid.back() <= 6) {
    // A generic trap: the enterprise is snmpTrapEnterprise.0 when present, else snmpTraps.
    p.generic_trap = static_cast<std::int32_t>(trap_oid.back() - 1);
    p.specific_trap = 0;
    p.enterprise = enterprise_vb ? *enterprise_vb : traps;
  } else {
    if (trap_oid.size() < 3) return errc::invalid_argument;
    p.generic_trap = 6;
    p.specific_trap = static_cast<std::int32_t>(trap_oid.back());
    oid e = trap_oid;
    e.pop_back();
    if (e.back() == 0) e.pop_back();
    p.enterprise = std::move(e);
  }
  for (std::size_t i = 2; i < varbinds.size(); ++i) {
    // SNMPv1 cannot carry Counter64 (RFC 3584 §3.2 (3)) nor the v2 exceptions.
    if (varbinds[i].value.type() == value_type::counter64 || varbinds[i].value.is_exception()) continue;
    p.varbinds.push_back(varbinds[i]);
  }
  return p;
}

}  // namespace snmpio
