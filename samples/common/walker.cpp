#include "samples/common/walker.hpp"

#include "samples/common/output.hpp"

#include <chrono>
#include <cstdio>

namespace snmpio::samples {

namespace {

// GET of the root, printed only when the agent answers without an error-status (as
// snmpwalk does for -Ci and for an empty subtree). Returns the number printed.
int get_and_print(session& s, const oid& root, const format_options& format) {
  outcome o = s.get({root});
  if (o.ec || o.r.error_status != 0) return 0;
  print_varbinds(o.r.varbinds, format);
  return static_cast<int>(o.r.varbinds.size());
}

}  // namespace

int run_walk(session& s, const std::string& tool, const std::string& agent_text, const oid& root,
             const walk_settings& settings, const format_options& format) {
  const auto started = std::chrono::steady_clock::now();
  int printed = 0;
  int exit_status = 0;
  bool success = true;  // the last request got an answer
  if (settings.include_requested) printed += get_and_print(s, root, format);

  // Where the walk ends: -CE, else snmpwalk the OID after the subtree; snmpbulkwalk
  // checks that the root is a prefix.
  oid end = root;
  if (settings.end) {
    end = *settings.end;
  } else if (!end.empty()) {
    std::uint32_t last = end.back();
    end.pop_back();
    end.push_back(last + 1);
  }
  auto in_range = [&](const oid& name) {
    if (settings.bulk) return name.starts_with(root);
    return name < end;
  };

  oid cursor = root;
  // A single-arc root (".1", "iso") has no BER encoding: start after x.0, as snmpwalk
  // sends it (only x.0 itself is passed over; no MIB object has a two-arc name).
  if (cursor.size() == 1) cursor.push_back(0);
  bool running = true;
  while (running) {
    outcome o = settings.bulk ? s.get_bulk(settings.non_repeaters, settings.max_repetitions, {cursor})
                              : s.get_next({cursor});
    if (o.ec) {
      success = false;
      running = false;
      exit_status = print_failure(tool, agent_text, o.ec, false);
      break;
    }
    if (o.r.error_status != 0) {
      running = false;
      if (o.r.error_status == static_cast<std::int32_t>(error_status::no_such_name)) {
        std::fputs("End of MIB\n", stdout);
      } else {
        print_packet_error("Error in packet.", o.r);
        exit_status = 2;
      }
      break;
    }
    const auto& vbs = o.r.varbinds;
    for (std::size_t i = 0; i < vbs.size(); ++i) {
      const varbind& vb = vbs[i];
      if (!in_range(vb.name)) {
        running = false;
        continue;
      }
      ++printed;
      print_varbind(vb, format);
      if (vb.value.is_exception()) {
        running = false;
        continue;
      }
      if (settings.check_increasing && vb.name <= cursor) {
        std::fflush(stdout);
        // Net-SNMP prints each OID with its own newline, then one more.
        std::fprintf(stderr, "Error: OID not increasing: %s >= %s\n", objid_line(cursor).c_str(),
                     objid_line(vb.name).c_str());
        running = false;
        exit_status = 1;
      }
      // snmpwalk moves on from every varbind, snmpbulkwalk from the last one.
      if (!settings.bulk || i + 1 == vbs.size()) cursor = vb.name;
    }
    if (vbs.empty()) running = false;
  }
  if (printed == 0 && success && !settings.dont_get_requested) printed += get_and_print(s, root, format);
  if (settings.print_count) std::printf("Variables found: %d\n", printed);
  if (settings.print_time) {
    std::fflush(stdout);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "Total traversal time = %f seconds\n", secs);
  }
  return exit_status;
}

}  // namespace snmpio::samples
