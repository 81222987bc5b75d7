#include "samples/common/get_tool.hpp"

#include "samples/common/output.hpp"
#include "samples/common/session.hpp"
#include "samples/common/snmpcmd_options.hpp"

#include <cstdio>

namespace snmpio::samples {

int run_get_tool(int argc, char** argv, pdu_type type) {
  const bool next = type == pdu_type::get_next_request;
  bool fix_pdus = true;
  tool_info tool;
  tool.name = next ? "snmpio-getnext" : "snmpio-get";
  tool.usage_args = "AGENT OID [OID]...";
  tool.app_usage = "\t\t\t  f:  do not fix errors and retry the request\n";
  tool.on_app_options = [&](std::string_view letters, const auto&) -> std::string {
    for (char c : letters) {
      if (c == 'f') fix_pdus = false;
      else return std::string("Unknown flag passed to -C: ") + c;
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

  session s(opts, *agent);
  while (!names.empty()) {
    outcome o = next ? s.get_next(names) : s.get(names);
    if (o.ec) return print_failure(tool.name, agent->text, o.ec, true);
    if (o.r.error_status == 0) {
      print_varbinds(o.r.varbinds, opts.format);
      break;
    }
    print_packet_error(next ? "Error in packet." : "Error in packet", o.r);
    // snmpgetnext exits 2 only when the agent named a failed object; snmpget always.
    if (!next || o.r.error_index != 0) exit_status = 2;
    // Like Net-SNMP (unless -Cf): drop the varbind at fault and ask again for the rest.
    const auto index = o.r.error_index;
    if (!fix_pdus || index <= 0 || static_cast<std::size_t>(index) > o.r.varbinds.size()) break;
    names.clear();
    for (std::size_t i = 0; i < o.r.varbinds.size(); ++i)
      if (static_cast<std::int32_t>(i + 1) != index) names.push_back(o.r.varbinds[i].name);
  }
  return exit_status;
}

}  // namespace snmpio::samples
