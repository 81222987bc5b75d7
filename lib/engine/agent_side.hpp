// The state of the engine's incoming (agent) side; see agent.cpp.
#pragma once

#include "engine/engine_impl.hpp"

namespace snmpio::detail {

struct agent_side {
  std::vector<udp_socket> sockets;
  std::vector<community_entry> communities;
  vacm access;
  agent_stats counters;
  std::unordered_map<std::string, request_sink*> responders;
  engine_impl::datagram_sink output_for_testing;
};

}  // namespace snmpio::detail
