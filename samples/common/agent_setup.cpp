#include "samples/common/agent_setup.hpp"

#include <snmpio/agent_mibs.hpp>
#include <snmpio/if_mib.hpp>

#include <sys/utsname.h>

namespace snmpio::samples {

bool configure_agent(const agent_config& config, engine& eng, command_responder& responder, agent_setup& setup,
                     std::size_t max_message_size, std::vector<std::string>& errors) {
  (void)setup;
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

  // The system group: what the configuration says. Unconfigured sysContact, sysName
  // and sysLocation stay empty and writable, as snmpd keeps them writable; sysDescr
  // defaults to the system's uname, sysObjectID to zeroDotZero (no product OID).
  system_info info;
  if (config.sys_descr) {
    info.descr = *config.sys_descr;
  } else {
    struct utsname u {};
    info.descr = "snmpio-agent";
    if (::uname(&u) == 0)
      info.descr += std::string(" on ") + u.sysname + " " + u.nodename + " " + u.release + " " + u.machine;
  }
  info.object_id = config.sys_object_id ? *config.sys_object_id : oid{0, 0};
  if (config.sys_contact) info.contact = *config.sys_contact;
  if (config.sys_name) info.name = *config.sys_name;
  if (config.sys_location) info.location = *config.sys_location;
  if (config.sys_services) info.services = *config.sys_services;
  if (auto ec = register_agent_mibs(responder, eng, std::move(info), max_message_size))
    errors.push_back("built-in MIBs: " + ec.message());
  if (auto ec = register_if_mib(responder)) errors.push_back("IF-MIB: " + ec.message());
  return errors.size() == errors_before;
}

}  // namespace snmpio::samples
