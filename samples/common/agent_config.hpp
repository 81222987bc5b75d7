// Sample helpers: the subset of snmpd.conf(5) that snmpio-agent reads, parsed into
// plain data. Every line it does not understand is an error "FILE:LINE: message";
// nothing is skipped silently. The rocommunity/rwcommunity and rouser/rwuser shorthands
// are expanded here, as snmpd expands them, into community mappings, VACM groups,
// views and access entries, so that the agent only has to hand the lists to the engine.
#pragma once

#include <snmpio/endpoint.hpp>
#include <snmpio/oid.hpp>
#include <snmpio/security.hpp>
#include <snmpio/target.hpp>
#include <snmpio/usm.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace snmpio::samples {

/// Where a configuration entry came from, "FILE:LINE", for messages that only the
/// engine can raise (a key of the wrong length, say).
struct config_origin {
  std::string file{};
  int line = 0;
  std::string to_string() const { return file + ":" + std::to_string(line); }
};

struct configured_community {
  community_entry entry{};
  config_origin origin{};
};

struct configured_user {
  usm_user_data user{};
  config_origin origin{};
};

struct configured_group {
  security_model model = security_model::v2c;
  std::string security_name{};
  std::string group{};
};

struct configured_view {
  std::string name{};
  oid subtree{};
  /// Hex octets separated by '.' (what engine::add_vacm_view takes); empty: all ones.
  std::string mask{};
  bool included = true;
  config_origin origin{};
};

/// A notification destination: trapsink (SNMPv1 traps), trap2sink (SNMPv2c traps),
/// informsink (SNMPv2c informs) or trapsess (snmptrap's arguments: any version, -Ci
/// for informs).
struct configured_sink {
  enum class kind { trap_v1, trap_v2c, inform_v2c, trap_v3, inform_v3 };
  kind type = kind::trap_v2c;
  std::string community{};       ///< v1/v2c
  usm_user_data user{};          ///< v3: -u -l -a -A -x -X (-e: the receiver's, informs)
  context_data context{};        ///< v3: -E -n
  /// HOST as written ("udp:127.0.0.1:1162"), for messages.
  std::string address{};
  std::string host{};            ///< numeric address or a name
  bool v6 = false;
  std::uint16_t port = 162;
  target_options timing{};       ///< -t -r (informs)
  config_origin origin{};
};

/// What the configuration files say, ready for the engine.
struct agent_config {
  /// agentaddress lines, in order (each may list several).
  std::vector<endpoint> addresses{};
  std::vector<configured_community> communities{};
  std::vector<configured_user> users{};
  std::vector<configured_group> groups{};
  std::vector<configured_view> views{};
  std::vector<vacm_access_entry> access{};
  /// Non-default contexts named by access lines and the shorthands.
  std::vector<std::string> contexts{};

  std::optional<std::string> sys_descr{};
  std::optional<std::string> sys_name{};
  std::optional<std::string> sys_contact{};
  std::optional<std::string> sys_location{};
  std::optional<oid> sys_object_id{};
  std::optional<std::int32_t> sys_services{};
  /// engineID: the engine ID snmpd builds from the text (RFC 3411 format 4, text,
  /// under enterprise 8072 as snmpd does, so a configuration moved from snmpd keeps
  /// its engine ID and the keys localized to it). Empty: none configured.
  std::string engine_id{};

  /// Notification destinations (trapsink, trap2sink, informsink, trapsess), in order.
  std::vector<configured_sink> sinks{};
  /// trapcommunity: the community of the sink lines that name none ("public").
  std::string trap_community = "public";
  /// v1trapaddress: the agent-addr of SNMPv1 traps (0.0.0.0 when not configured).
  std::array<std::uint8_t, 4> v1_trap_address{};

  /// snmptrapd.conf: disableAuthorization (every notification the security model
  /// accepts is logged) and doNotLogTraps.
  bool disable_authorization = false;
  bool do_not_log_traps = false;

  /// Counters for the names the shorthands invent.
  int shorthand_count = 0;
};

/// Which program's file: snmpd.conf (snmpio-agent) or snmptrapd.conf (snmpio-trapd:
/// createUser, view, group, access, authCommunity, authUser, authGroup,
/// disableAuthorization, doNotLogTraps; snmptrapd's output settings are ignored).
enum class config_kind { snmpd, snmptrapd };

/// Parses `text` as the contents of `file_name` and adds what it says to `config`.
/// Each unsupported or malformed line adds one "FILE:LINE: message" to `errors`.
void parse_agent_config(std::string_view text, const std::string& file_name, agent_config& config,
                        std::vector<std::string>& errors, config_kind kind = config_kind::snmpd);

/// Reads and parses the file `path`; a file that cannot be read is one error.
void load_agent_config_file(const std::string& path, agent_config& config, std::vector<std::string>& errors,
                            config_kind kind = config_kind::snmpd);

/// Parses snmpd's listening addresses: a comma-separated list of
/// "[udp:|udp6:|udpv6:|udpipv6:]HOST[:PORT]" or "PORT" (all IPv4 interfaces), with
/// "[V6]:PORT" for IPv6 and 161 as the default port. HOST is numeric or "localhost".
/// Returns false with `error` set on the first bad entry.
bool parse_listen_addresses(std::string_view list, std::vector<endpoint>& out, std::string& error);

/// Parses a sink's HOST: "[udp:|udp6:|udpv6:|udpipv6:]HOST[:PORT]", "[V6]:PORT" or a
/// bare IPv6 address; HOST is numeric or a name (resolved when sending). Without a
/// port, `default_port`. Returns false with `error` set.
bool parse_sink_address(std::string_view text, std::uint16_t default_port, configured_sink& out, std::string& error);

/// The engine ID snmpd makes of an engineID text: 80 00 1F 88 04, then the text.
std::string engine_id_from_text(std::string_view text);

}  // namespace snmpio::samples
