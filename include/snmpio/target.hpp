// snmpio — where a request goes and with which credentials: the C++ forms of PySNMP's
// CommunityData, UdpTransportTarget, Udp6TransportTarget and ContextData.
#pragma once

#include <snmpio/pdu.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace snmpio {

// community_data, udp_target, udp6_target and context_data have constructors (they are
// not aggregates) on purpose: GCC 12 copies an aggregate temporary written inside a
// co_await expression bit by bit and then destroys both copies, so
// `co_await gen.async_get(community_data{"public"}, ...)` freed its std::string twice.
// Temporaries of classes with constructors are compiled correctly.

/// SNMPv1 / SNMPv2c credentials (PySNMP's CommunityData; mpModel 0 is v1, 1 is v2c).
struct community_data {
  community_data() = default;
  community_data(std::string c, snmp_version v = snmp_version::v2c) : community(std::move(c)), version(v) {}

  std::string community = "public";
  snmp_version version = snmp_version::v2c;  ///< v1 or v2c
};

/// Per-target timing, as Net-SNMP's -t and -r: the first try plus `retries` more,
/// each waiting `timeout`.
struct target_options {
  std::chrono::milliseconds timeout{1000};
  int retries = 5;
};

/// An agent over UDP/IPv4. `host` is a dotted address or a host name; names are
/// resolved on the reactor's resolver thread, never blocking the loop.
struct udp_target {
  udp_target() = default;
  udp_target(std::string h, std::uint16_t p = 161, target_options o = {}) : host(std::move(h)), port(p), options(o) {}

  std::string host{};
  std::uint16_t port = 161;
  target_options options{};
};

/// An agent over UDP/IPv6: an IPv6 address (brackets optional, "%scope" allowed) or a
/// host name resolved to IPv6.
struct udp6_target {
  udp6_target() = default;
  udp6_target(std::string h, std::uint16_t p = 161, target_options o = {}) : host(std::move(h)), port(p), options(o) {}

  std::string host{};
  std::uint16_t port = 161;
  target_options options{};
};

using target = std::variant<udp_target, udp6_target>;

/// SNMPv3 context (PySNMP's ContextData). SNMPv1/v2c requests carry no context and
/// ignore it.
struct context_data {
  context_data() = default;
  context_data(std::string engine_id, std::string name = {})
      : context_engine_id(std::move(engine_id)), context_name(std::move(name)) {}

  std::string context_engine_id{};  ///< raw octets; empty: the agent's engine ID
  std::string context_name{};
};

}  // namespace snmpio
