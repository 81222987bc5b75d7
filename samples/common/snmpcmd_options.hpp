// Sample helpers: Net-SNMP's snmpcmd(1) command line (-v -c -r -t -O -C -m -M -d -D
// and the SNMPv3 flags) and agent specs ("[udp:|udp6:]HOST[:PORT]", "[::1]:161").
#pragma once

#include <snmpio/format.hpp>
#include <snmpio/mib.hpp>
#include <snmpio/usm.hpp>
#include <snmpio/pdu.hpp>
#include <snmpio/target.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samples/common/mib_setup.hpp"

namespace snmpio::samples {

/// Where to send: the agent spec as typed (Net-SNMP echoes it in "Timeout: No
/// Response from ..."), the family, the host (numeric or a name) and the port.
struct agent_spec {
  std::string text;
  bool v6 = false;
  std::string host;
  std::uint16_t port = 161;
};

/// Parses "[udp:|udp6:|udpv6:|udpipv6:]HOST[:PORT]", "[V6]:PORT" and bare IPv6
/// addresses. Numeric addresses go through snmpio::endpoint::parse; anything else is a
/// host name the engine resolves (IPv4 unless a udp6 prefix asks for IPv6). nullopt
/// with `error` set for an unsupported transport or a bad port.
std::optional<agent_spec> parse_agent_spec(std::string_view text, std::string& error);

/// Builds the target for `a` with the timing of -t and -r.
target make_target(const agent_spec& a, const target_options& timing);

/// What a tool says about itself in its usage text and -C handling.
struct tool_info {
  std::string name;          ///< "snmpio-get": prefixes error messages
  std::string usage_args;    ///< "AGENT OID [OID]..."
  std::string app_usage;     ///< the -C lines of the usage text ("" when -C takes nothing)
  std::string extra_usage;   ///< further lines (set's TYPE list, bench's -n -w)
  /// Handles the letters after one -C. `next_arg` yields the following command line
  /// argument (snmpwalk's -CE OID) or nullopt. Returns an error message, or "" when
  /// the letters are fine. Null: the tool takes no -C.
  std::function<std::string(std::string_view letters, const std::function<std::optional<std::string>()>& next_arg)>
      on_app_options;
  /// Tool-specific flags taking one argument (snmpio-bench's -n and -w), checked
  /// before the common ones. Returns an error message or "".
  std::string extra_flags;  ///< letters, e.g. "nw"
  std::function<std::string(char flag, std::string_view arg)> on_extra_flag;
  /// Options end at the first positional argument (snmpset: a value may start with
  /// '-'); otherwise they may follow positional arguments, as getopt permutes them.
  bool options_before_positional_only = false;
};

/// The common flags, parsed.
struct snmpcmd_options {
  snmp_version version = snmp_version::v3;  ///< Net-SNMP's default without -v is 3
  bool v3_flags_given = false;              ///< -u -l -a -A -x -X -e -E -n -Z
  std::string community = "public";
  // SNMPv3 (-u -l -a -A -x -X -e -E -n), as Net-SNMP's tools take them.
  usm_user_data user{};                     ///< -u, -a/-A, -x/-X, -e; protocols per -l
  context_data context{};                   ///< -E (hex), -n
  target_options timing{};                  ///< -t (seconds, fractions allowed) and -r
  format_options format{};                  ///< -O letters; MIB names (-OS) unless -On
  mib_settings mibs{};                      ///< -m, -M
  std::string input_options;                ///< -I letters (R: random access lookups)
  bool dump = false;                        ///< -d (accepted, nothing dumped yet)
  std::vector<std::string> positional;      ///< AGENT and what follows it
};

/// How parsing ended.
enum class parse_status {
  ok,
  exit_success,  ///< -V printed the version: exit 0
  exit_failure,  ///< a message (and maybe the usage) was printed: exit 1
};

/// Parses argv as Net-SNMP's tools do (options may follow positional arguments, "--"
/// ends them; "-Ov" and "-O v" are the same). Prints errors, usage (-h) and version
/// (-V) to stderr as Net-SNMP does. On success the tool's MIB modules are loaded
/// (MIBDIRS, MIBS, -M, -m) and tool_mib() returns them.
parse_status parse_snmpcmd(int argc, char** argv, const tool_info& tool, snmpcmd_options& out);

/// Prints the usage text to stderr.
void print_usage(const tool_info& tool);

/// Prints `message` and the usage to stderr; returns 1 (the exit status for bad usage).
int usage_error(const tool_info& tool, const std::string& message);

/// Parses an OID argument: numeric, or a name of the loaded MIB modules
/// ("SNMPv2-MIB::sysDescr.0", "sysDescr.0", "IF-MIB::ifDescr.3"). On failure `error`
/// holds Net-SNMP's wording: "ARG: Unknown Object Identifier (REST)".
std::optional<oid> parse_oid_arg(std::string_view text, std::string& error);

/// The agent spec, the first positional argument; on failure prints "TOOL: WHY".
std::optional<agent_spec> agent_argument(const tool_info& tool, const snmpcmd_options& opts);

/// The OIDs after the agent, at least one. On failure prints Net-SNMP's message (with
/// the usage for a missing OID), sets `exit_status` and returns nothing.
std::optional<std::vector<oid>> oid_arguments(const tool_info& tool, const snmpcmd_options& opts, int& exit_status);

/// Net-SNMP -C number parsing: the digits after a letter. Advances `i` past them.
std::optional<long> take_number(std::string_view letters, std::size_t& i);

}  // namespace snmpio::samples
