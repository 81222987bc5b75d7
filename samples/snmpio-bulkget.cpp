// snmpio-bulkget: SNMP GETBULK, with the flags and the output of Net-SNMP's
// snmpbulkget(1): -Cn<N> non-repeaters, -Cr<N> max-repetitions.
//
//   snmpio-bulkget -v2c -c public -On -Cn1 -Cr5 127.0.0.1 1.3.6.1.2.1.1.1.0 1.3.6.1.2.1.2.2.1.2
#include "samples/common/output.hpp"
#include "samples/common/session.hpp"
#include "samples/common/snmpcmd_options.hpp"

#include <cstdio>

using namespace snmpio;
using namespace snmpio::samples;

int main(int argc, char** argv) {
  long non_repeaters = 0;
  long max_repetitions = 10;
  tool_info tool;
  tool.name = "snmpio-bulkget";
  tool.usage_args = "AGENT OID [OID]...";
  tool.app_usage =
      "\t\t\t  n<NUM>:  set non-repeaters to <NUM>\n"
      "\t\t\t  r<NUM>:  set max-repeaters to <NUM>\n";
  tool.on_app_options = [&](std::string_view letters, const auto&) -> std::string {
    for (std::size_t i = 0; i < letters.size();) {
      const char c = letters[i++];
      if (c == 'n' || c == 'r') {
        auto v = take_number(letters, i);
        if (!v) return "usage";
        (c == 'n' ? non_repeaters : max_repetitions) = *v;
      } else {
        return std::string("Unknown flag passed to -C: ") + c;
      }
    }
    return "";
  };
  snmpcmd_options opts;
  if (auto st = parse_snmpcmd(argc, argv, tool, opts); st != parse_status::ok)
    return st == parse_status::exit_success ? 0 : 1;
  auto agent = agent_argument(tool, opts);
  if (!agent) return 1;
  int exit_status = 0;
  auto parsed_names = oid_arguments(tool, opts, exit_status);
  if (!parsed_names) return exit_status;
  std::vector<oid> names = std::move(*parsed_names);
  if (non_repeaters > static_cast<long>(names.size())) {
    std::fprintf(stderr, "%s: need more objects than <nonrep>\n", tool.name.c_str());
    return 1;
  }
  if (opts.version == snmp_version::v1) {
    std::fprintf(stderr, "%s: Cannot send V2 PDU on V1 session\n", tool.name.c_str());
    return 1;
  }
  session s(opts, *agent);
  outcome o = s.get_bulk(static_cast<std::int32_t>(non_repeaters), static_cast<std::int32_t>(max_repetitions),
                         std::move(names));
  if (o.ec) return print_failure(tool.name, agent->text, o.ec, false);
  if (o.r.error_status != 0) {
    print_packet_error("Error in packet.", o.r);
    return 2;
  }
  print_varbinds(o.r.varbinds, opts.format);
  return 0;
}
