// Sample helpers: hands snmpio-agent's parsed configuration to the engine
// (communities, USM users, VACM) and registers the MIBs the agent serves on its
// command responder (the built-in system, snmp and engine groups, IF-MIB).
#pragma once

#include "samples/common/agent_config.hpp"

#include <snmpio/command_responder.hpp>
#include <snmpio/engine.hpp>
#include <snmpio/notification_originator.hpp>

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace snmpio::samples {

/// What must live as long as the agent serves (state of the registered MIBs).
struct agent_setup {
  std::vector<std::shared_ptr<void>> keep_alive{};
};

/// Hands `config`'s communities, USM users, VACM groups, views, access entries and
/// contexts to `eng`. Each entry the engine refuses adds "FILE:LINE: message" to
/// `errors`; returns false when there is any.
bool configure_access(const agent_config& config, engine& eng, std::vector<std::string>& errors);

/// Configures `eng` and `responder` from `config`. Each entry the engine refuses adds
/// "FILE:LINE: message" to `errors`; returns false when there is any.
bool configure_agent(const agent_config& config, engine& eng, command_responder& responder, agent_setup& setup,
                     std::size_t max_message_size, std::vector<std::string>& errors);

/// The notification snmpd sends when it starts: coldStart (1.3.6.1.6.3.1.1.5.1) with
/// snmpTrapEnterprise.0 = the agent's sysObjectID, as SNMPv2 varbinds.
notification cold_start_notification(const agent_config& config);

/// Sends `n` to every configured sink (trapsink, trap2sink, informsink, trapsess)
/// through `originator`; SNMPv1 sinks get the Trap-PDU form (enterprise = sysObjectID,
/// agent-addr = v1trapaddress, the generic trap of a standard trap OID). A sink that
/// cannot be reached, an inform that is not acknowledged, is one line "FILE:LINE: ..."
/// on `log` (when the outcome is known). Returns the number of sends started.
std::size_t send_to_sinks(const agent_config& config, notification_originator& originator, const notification& n,
                          std::FILE* log);

}  // namespace snmpio::samples
