// snmpio-set: SNMP SET, with the flags and the output of Net-SNMP's snmpset(1):
// OID TYPE VALUE triples, TYPE one of i u t a o s x d b n U I F D.
//
//   snmpio-set -v2c -c private -On 127.0.0.1 1.3.6.1.2.1.1.5.0 s "new name"
#include "samples/common/output.hpp"
#include "samples/common/session.hpp"
#include "samples/common/set_value.hpp"
#include "samples/common/snmpcmd_options.hpp"

#include <cstdio>

using namespace snmpio;
using namespace snmpio::samples;

int main(int argc, char** argv) {
  bool quiet = false;
  tool_info tool;
  tool.name = "snmpio-set";
  tool.usage_args = "AGENT OID TYPE VALUE [OID TYPE VALUE]...";
  tool.options_before_positional_only = true;
  tool.app_usage = "\t\t\t  q:  don't print results on success\n";
  tool.extra_usage =
      "\n  TYPE: one of i, u, t, a, o, s, x, d, b, n\n"
      "\ti: INTEGER, u: unsigned INTEGER, t: TIMETICKS, a: IPADDRESS\n"
      "\to: OBJID, s: STRING, x: HEX STRING, d: DECIMAL STRING, b: BITS, n: NULL\n"
      "\tU: unsigned int64, I: signed int64, F: float, D: double (Opaque-wrapped)\n";
  tool.on_app_options = [&](std::string_view letters, const auto&) -> std::string {
    for (char c : letters) {
      if (c == 'q') quiet = true;
      else return std::string("Unknown flag passed to -C: ") + c;
    }
    return "";
  };
  snmpcmd_options opts;
  if (auto st = parse_snmpcmd(argc, argv, tool, opts); st != parse_status::ok)
    return st == parse_status::exit_success ? 0 : 1;
  auto agent = agent_argument(tool, opts);
  if (!agent) return 1;
  std::string error;
  const auto& args = opts.positional;
  if (args.size() < 2) return usage_error(tool, "Missing object name");
  std::vector<varbind> bindings;
  for (std::size_t i = 1; i < args.size(); i += 3) {
    if (i + 1 >= args.size()) {
      std::fprintf(stderr, "%s: Needs type and value\n", args[i].c_str());
      return 1;
    }
    if (i + 2 >= args.size()) {
      std::fprintf(stderr, "%s: Needs value\n", args[i].c_str());
      return 1;
    }
    auto name = parse_oid_arg(args[i], error);
    if (!name) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    auto v = parse_set_value(args[i], args[i + 1], args[i + 2], error);
    if (!v) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    bindings.push_back({std::move(*name), std::move(*v)});
  }
  session s(opts, *agent);
  outcome o = s.set(std::move(bindings));
  if (o.ec) return print_failure(tool.name, agent->text, o.ec, false);
  if (o.r.error_status != 0) {
    print_packet_error("Error in packet.", o.r);
    return 2;
  }
  if (!quiet) print_varbinds(o.r.varbinds, opts.format);
  return 0;
}
