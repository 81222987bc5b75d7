#include "samples/common/agent_setup.hpp"

#include <snmpio/agent_mibs.hpp>
#include <snmpio/if_mib.hpp>

#include <sys/utsname.h>

namespace snmpio::samples {

namespace {

// sysObjectID: configured, or zeroDotZero (no product OID).
// snmpd's sysObjectID when none is configured: NET-SNMP-TC's OID for the system it
// runs on (netSnmpAgentOIDs: linux 10, freebsd 8, macosx 16, netbsd 7, openbsd 12;
// unknown 255).
oid agent_object_id(const agent_config& config) {
  if (config.sys_object_id) return *config.sys_object_id;
  std::uint32_t os = 255;
  struct utsname u {};
  if (::uname(&u) == 0) {
    const std::string_view name = u.sysname;
    if (name == "Linux") os = 10;
    else if (name == "FreeBSD") os = 8;
    else if (name == "Darwin") os = 16;
    else if (name == "NetBSD") os = 7;
    else if (name == "OpenBSD") os = 12;
  }
  return oid{1, 3, 6, 1, 4, 1, 8072, 3, 2, os};
}

}  // namespace

bool configure_access(const agent_config& config, engine& eng, std::vector<std::string>& errors) {
  const std::size_t errors_before = errors.size();
  for (const auto& c : config.communities)
    if (auto ec = eng.add_community(c.entry))
      errors.push_back(c.origin.to_string() + ": community '" + c.entry.community + "': " + ec.message());
  for (const auto& u : config.users)
    if (auto ec = eng.add_usm_user(u.user))
      errors.push_back(u.origin.to_string() + ": user '" + u.user.user_name + "': " + ec.message());
  for (const auto& v : config.views)
    if (auto ec = eng.add_vacm_view(v.name, v.subtree, v.mask, v.included))
      errors.push_back(v.origin.to_string() + ": view '" + v.name + "': " + ec.message());
  for (const auto& g : config.groups) eng.add_vacm_group(g.model, g.security_name, g.group);
  for (const auto& a : config.access) eng.add_vacm_access(a);
  for (const auto& c : config.contexts) eng.add_context(c);
  return errors.size() == errors_before;
}

bool configure_agent(const agent_config& config, engine& eng, command_responder& responder, agent_setup& setup,
                     std::size_t max_message_size, std::vector<std::string>& errors) {
  (void)setup;
  const std::size_t errors_before = errors.size();
  configure_access(config, eng, errors);

  // The system group: what the configuration says, and otherwise snmpd's defaults (as
  // Debian builds it): sysDescr the uname fields, sysObjectID the NET-SNMP-TC OID of
  // the system, sysContact "root", sysName the host name, sysLocation "Unknown", no
  // sysServices. sysContact, sysName and sysLocation stay writable when not configured.
  system_info info;
  struct utsname u {};
  const bool have_uname = ::uname(&u) == 0;
  if (config.sys_descr) {
    info.descr = *config.sys_descr;
  } else if (have_uname) {
    info.descr = std::string(u.sysname) + " " + u.nodename + " " + u.release + " " + u.version + " " + u.machine;
  }
  info.object_id = agent_object_id(config);
  info.contact = config.sys_contact ? *config.sys_contact : "root";
  info.name = config.sys_name ? *config.sys_name : (have_uname ? u.nodename : "");
  info.location = config.sys_location ? *config.sys_location : "Unknown";
  info.services = config.sys_services;
  info.contact_writable = !config.sys_contact;
  info.name_writable = !config.sys_name;
  info.location_writable = !config.sys_location;
  if (auto ec = register_agent_mibs(responder, eng, std::move(info), max_message_size))
    errors.push_back("built-in MIBs: " + ec.message());
  if (auto ec = register_if_mib(responder)) errors.push_back("IF-MIB: " + ec.message());
  return errors.size() == errors_before;
}

notification cold_start_notification(const agent_config& config) {
  notification n;
  n.trap_oid = notification_oids::snmp_traps();
  n.trap_oid.push_back(1);
  n.varbinds.push_back({notification_oids::snmp_trap_enterprise(), value::object_identifier(agent_object_id(config))});
  return n;
}

std::size_t send_to_sinks(const agent_config& config, notification_originator& originator, const notification& n,
                          std::FILE* log) {
  std::size_t started = 0;
  for (const auto& s : config.sinks) {
    const std::string where = s.origin.to_string() + ": notification to " + s.address;
    auto report = [log, where](std::error_code ec) {
      if (ec && log) std::fprintf(log, "snmpio-agent: %s: %s\n", where.c_str(), ec.message().c_str());
    };
    const target to = s.v6 ? target(udp6_target{s.host, s.port, s.timing}) : target(udp_target{s.host, s.port, s.timing});
    std::error_code ec;
    switch (s.type) {
      case configured_sink::kind::trap_v1: {
        // RFC 3584 §3.2 for a standard trap: generic = the last arc - 1, specific 0,
        // enterprise snmpTrapEnterprise.0 (the agent's sysObjectID); the other varbinds.
        notification v1 = n;
        notification::v1_fields f;
        f.enterprise = agent_object_id(config);
        f.agent_address = config.v1_trap_address;
        const oid& traps = notification_oids::snmp_traps();
        if (n.trap_oid.size() == traps.size() + 1 && n.trap_oid.starts_with(traps) && n.trap_oid.back() >= 1 &&
            n.trap_oid.back() <= 6) {
          f.generic_trap = static_cast<std::int32_t>(n.trap_oid.back() - 1);
        } else {
          f.generic_trap = 6;
          // enterprise.0.specific (or enterprise.specific): the OID minus its last arc(s).
          oid e = n.trap_oid;
          f.specific_trap = static_cast<std::int32_t>(e.back());
          e.pop_back();
          if (!e.empty() && e.back() == 0) e.pop_back();
          f.enterprise = e;
        }
        v1.varbinds.clear();
        for (const auto& vb : n.varbinds)
          if (vb.name != notification_oids::snmp_trap_enterprise()) v1.varbinds.push_back(vb);
        v1.v1 = std::move(f);
        ec = originator.send_trap(community_data{s.community, snmp_version::v1}, to, v1, report);
        break;
      }
      case configured_sink::kind::trap_v2c:
        ec = originator.send_trap(community_data{s.community, snmp_version::v2c}, to, n, report);
        break;
      case configured_sink::kind::trap_v3:
        ec = originator.send_trap(s.user, to, s.context, n, report);
        break;
      case configured_sink::kind::inform_v2c:
      case configured_sink::kind::inform_v3: {
        auto done = [report](std::error_code e, response) { report(e); };
        auto h = s.type == configured_sink::kind::inform_v2c
                     ? originator.send_inform(community_data{s.community, snmp_version::v2c}, to, n, done)
                     : originator.send_inform(s.user, to, s.context, n, done);
        if (!h) ec = h.error();
        break;
      }
    }
    if (ec) report(ec);
    else ++started;
  }
  return started;
}

}  // namespace snmpio::samples
