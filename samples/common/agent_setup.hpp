// Sample helpers: hands snmpio-agent's parsed configuration to the engine
// (communities, USM users, VACM) and registers the MIBs the agent serves on its
// command responder (the built-in system, snmp and engine groups, IF-MIB).
#pragma once

#include "samples/common/agent_config.hpp"

#include <snmpio/command_responder.hpp>
#include <snmpio/engine.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace snmpio::samples {

/// What must live as long as the agent serves (state of the registered MIBs).
struct agent_setup {
  std::vector<std::shared_ptr<void>> keep_alive{};
};

/// Configures `eng` and `responder` from `config`. Each entry the engine refuses adds
/// "FILE:LINE: message" to `errors`; returns false when there is any.
bool configure_agent(const agent_config& config, engine& eng, command_responder& responder, agent_setup& setup,
                     std::size_t max_message_size, std::vector<std::string>& errors);

}  // namespace snmpio::samples
