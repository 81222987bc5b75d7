// The state of the engine's incoming (agent) side; see agent.cpp.
#pragma once

#include "engine/engine_impl.hpp"

#include <functional>
#include <map>

namespace snmpio::detail {

/// What an answer to one request needs: who asked, where, and the security to wrap it
/// in. Held by the response_sender until the application answers.
struct agent_reply {
  snmp_version version = snmp_version::v2c;
  std::string community;  // v1/v2c
  // SNMPv3
  std::int32_t msg_id = 0;
  std::size_t max_size = 0;
  std::uint8_t level = 0;  // msg_flags auth|priv
  std::shared_ptr<usm_user_state> user;
  std::string user_name;
  std::string context_engine_id;
  std::string context_name;
  std::int32_t request_id = 0;
  endpoint to, local;
  std::size_t socket = static_cast<std::size_t>(-1);
};

struct community_rule {
  community_entry entry;
  address_family family = address_family::none;  // none: any source
  std::array<std::uint8_t, 16> network{};
  unsigned prefix = 0;
};

/// Orders (engine ID, user name) keys, and finds them by string views (no allocation
/// per received message).
struct user_key_less {
  using is_transparent = void;
  template <class A, class B>
  bool operator()(const A& a, const B& b) const noexcept {
    const std::string_view a1(a.first), b1(b.first);
    if (a1 != b1) return a1 < b1;
    return std::string_view(a.second) < std::string_view(b.second);
  }
};

struct agent_side {
  std::vector<udp_socket> sockets;
  std::vector<community_rule> communities;
  vacm access;
  agent_stats counters;
  // Adds what a decode tolerated (ber.hpp) to the agent side's counters.
  void count_tolerated(const ber::decode_tally& t) noexcept {
    counters.in_non_minimal_integers += t.non_minimal_integers;
    counters.in_unsigned_top_bit += t.unsigned_top_bit;
  }
  std::unordered_map<std::string, request_sink*> responders;
  notification_sink* receiver = nullptr;
  engine_impl::datagram_sink output_for_testing;
  // SNMPv3 users by (authoritative engine ID, user name): this engine's own users under
  // its engine ID, and users of remote engines (trap senders) under theirs.
  std::map<std::pair<std::string, std::string>, std::shared_ptr<usm_user_state>, user_key_less> users;
  bool learn_engine_ids = false;
  bool notifications_any_community = false;
  // The timelines of remote authoritative engines (trap senders), RFC 3414 §3.2.7 b.
  struct timeline {
    std::int32_t boots = 0;
    std::int32_t time = 0;
    reactor::time_point synced_at{};
  };
  std::unordered_map<std::string, timeline> remote_times;
  ber::writer writer;
  ber::community_message rx;
  std::vector<std::uint8_t> scratch;
  std::vector<std::uint8_t> plain;
};

}  // namespace snmpio::detail
