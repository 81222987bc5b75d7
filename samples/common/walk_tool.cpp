#include "samples/common/walk_tool.hpp"

#include "samples/common/output.hpp"
#include "samples/common/session.hpp"
#include "samples/common/snmpcmd_options.hpp"
#include "samples/common/walker.hpp"

#include <cstdio>

namespace snmpio::samples {

int run_walk_tool(int argc, char** argv, bool bulk) {
  walk_settings settings;
  settings.bulk = bulk;
  std::string end_error;
  tool_info tool;
  tool.name = bulk ? "snmpio-bulkwalk" : "snmpio-walk";
  tool.usage_args = "AGENT [OID]";
  if (bulk) {
    tool.app_usage =
        "\t\t\t  c:       do not check returned OIDs are increasing\n"
        "\t\t\t  i:       include given OIDs in the search range\n"
        "\t\t\t  n<NUM>:  set non-repeaters to <NUM>\n"
        "\t\t\t  p:       print the number of variables found\n"
        "\t\t\t  r<NUM>:  set max-repeaters to <NUM>\n";
  } else {
    tool.app_usage =
        "\t\t\t  p:  print the number of variables found\n"
        "\t\t\t  i:  include given OID in the search range\n"
        "\t\t\t  I:  don't include the given OID, even if no results are returned\n"
        "\t\t\t  c:  do not check returned OIDs are increasing\n"
        "\t\t\t  t:  Display wall-clock time to complete the walk\n"
        "\t\t\t  T:  accepted (per-request times are not shown)\n"
        "\t\t\t  E {OID}:  End the walk at the specified OID\n";
  }
  tool.on_app_options = [&](std::string_view letters, const auto& next_arg) -> std::string {
    for (std::size_t i = 0; i < letters.size();) {
      const char c = letters[i++];
      if (c == 'c') settings.check_increasing = false;
      else if (c == 'i') settings.include_requested = true;
      else if (c == 'p') settings.print_count = true;
      else if (bulk && (c == 'n' || c == 'r')) {
        auto v = take_number(letters, i);
        if (!v) return "usage";
        (c == 'n' ? settings.non_repeaters : settings.max_repetitions) = static_cast<std::int32_t>(*v);
      } else if (!bulk && c == 'I') settings.dont_get_requested = true;
      else if (!bulk && c == 't') settings.print_time = true;
      else if (!bulk && c == 'T') {
      } else if (!bulk && c == 'E') {
        auto arg = next_arg();
        if (!arg) return "usage";
        std::string error;
        auto o = parse_oid_arg(*arg, error);
        if (!o) return error;
        settings.end = *o;
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
  std::string error;
  // Without an OID the walk covers mib-2; like Net-SNMP, OIDs after the first are ignored.
  oid root{1, 3, 6, 1, 2, 1};
  if (opts.positional.size() >= 2) {
    auto o = parse_oid_arg(opts.positional[1], error);
    if (!o) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    root = std::move(*o);
  }
  if (bulk && opts.version == snmp_version::v1) {
    std::fprintf(stderr, "%s: Cannot send V2 PDU on V1 session\n", tool.name.c_str());
    return 1;
  }
  session s(opts, *agent);
  return run_walk(s, tool.name, agent->text, root, settings, opts.format);
}

}  // namespace snmpio::samples
